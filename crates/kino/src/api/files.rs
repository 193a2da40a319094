//! `/v1/files`: upload, list, retrieve, delete, download. The row is written only once the
//! bytes are stored (see `file_upload`), so every visible file has content; delete removes
//! the row first, so a file is never listed without its bytes.
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::Response;

use super::auth::Project;
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::file_upload;
use super::openapi::bodies;
use super::paging;
use crate::app::AppState;
use crate::create::validate::quote_list;
use crate::ids;
use crate::repo::{FileRow, ListOrder};
use crate::storage::file_key;
use crate::wire::ErrorEnvelope;
use crate::wire::{FileDeleted, List, OpenAIFile};

/// Purposes a listed file may have: the uploadable ones and those the server writes.
const LISTABLE_PURPOSES: [&str; 9] = [
    "assistants",
    "assistants_output",
    "batch",
    "batch_output",
    "fine-tune",
    "fine-tune-results",
    "vision",
    "user_data",
    "evals",
];

#[utoipa::path(
    post,
    path = "/v1/files",
    tag = "Files",
    operation_id = "createFile",
    summary = "Upload a file",
    request_body(content = bodies::FileBody, content_type = "multipart/form-data"),
    responses((status = 200, description = "The file", body = OpenAIFile), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<OpenAIFile>> {
    let upload = file_upload::receive(&state, &headers, body).await?;
    let row = FileRow {
        id: upload.file.id,
        project_id: project.0,
        filename: upload.file.filename,
        purpose: upload.purpose,
        bytes: upload.file.bytes as i64,
        created_at: upload.file.created_at,
        expires_at: upload.expires_at,
    };
    if let Err(e) = state.repo.create_file(&row).await {
        file_upload::discard(&state, &row.id).await;
        return Err(e.into());
    }
    tracing::info!(file.id = %row.id, purpose = %row.purpose, bytes = row.bytes, "file uploaded");
    Ok(Json(OpenAIFile::from(row)))
}

#[utoipa::path(
    get,
    path = "/v1/files",
    tag = "Files",
    operation_id = "listFiles",
    summary = "List files",
    params(("purpose" = Option<String>, Query, description = "Only files of this purpose"), ("limit" = Option<u32>, Query, description = "Page size"), ("after" = Option<String>, Query, description = "The last id of the previous page"), ("order" = Option<String>, Query, description = "`asc` or `desc` (default)")),
    responses((status = 200, description = "One page", body = List<OpenAIFile>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<List<OpenAIFile>>> {
    let q = ListQuery::parse(query.as_deref().unwrap_or(""))?;
    let (rows, has_more) = state
        .repo
        .list_files(&project.0, q.purpose.as_deref(), q.after.as_deref(), q.limit, q.order, ids::now_secs())
        .await?;
    Ok(Json(List::page(rows, has_more)))
}

#[utoipa::path(
    get,
    path = "/v1/files/{file_id}",
    tag = "Files",
    operation_id = "retrieveFile",
    summary = "Retrieve a file",
    params(("file_id" = String, Path, description = "A file of the caller's project")),
    responses((status = 200, description = "The file", body = OpenAIFile), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn retrieve(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(file_id): Path<String>,
) -> ApiResult<Json<OpenAIFile>> {
    Ok(Json(OpenAIFile::from(find(&state, &project, &file_id).await?)))
}

#[utoipa::path(
    delete,
    path = "/v1/files/{file_id}",
    tag = "Files",
    operation_id = "deleteFile",
    summary = "Delete a file",
    params(("file_id" = String, Path, description = "A file of the caller's project")),
    responses((status = 200, description = "Deleted", body = FileDeleted), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn delete(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(file_id): Path<String>,
) -> ApiResult<Json<FileDeleted>> {
    let Some(file) = state.repo.delete_file(&project.0, &file_id).await? else {
        return Err(not_found(&file_id));
    };
    if let Err(e) = state.storage.delete(&file_key(&file.id)).await {
        tracing::warn!(file.id = %file.id, error = %e, "removing the bytes of a deleted file failed");
    }
    tracing::info!(file.id = %file.id, "file deleted");
    Ok(Json(FileDeleted { id: file.id, object: "file", deleted: true }))
}

/// The bytes as uploaded, streamed from the store.
#[utoipa::path(
    get,
    path = "/v1/files/{file_id}/content",
    tag = "Files",
    operation_id = "downloadFile",
    summary = "Download a file's bytes",
    params(("file_id" = String, Path, description = "A file of the caller's project")),
    responses((status = 200, description = "The bytes", content((Vec<u8> = "application/jsonl"), (Vec<u8> = "application/octet-stream"))), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn content(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(file_id): Path<String>,
) -> ApiResult<Response> {
    let file = find(&state, &project, &file_id).await?;
    let download = state.storage.get(&file_key(&file.id), None).await?;
    Response::builder()
        .header(CONTENT_TYPE, content_type(&file.filename))
        .header(CONTENT_LENGTH, download.size)
        .header(CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", header_safe(&file.filename)))
        .body(Body::from_stream(download.stream))
        .map_err(ApiError::internal)
}

/// A file of `project` that has not expired; anything else is OpenAI's 404.
pub async fn find(state: &AppState, project: &Project, file_id: &str) -> ApiResult<FileRow> {
    state.repo.get_file(&project.0, file_id, ids::now_secs()).await?.ok_or_else(|| not_found(file_id))
}

/// OpenAI's own wording and shape: `param` is `id`, `code` null.
fn not_found(file_id: &str) -> ApiError {
    ApiError::not_found(format!("No such File object: {file_id}")).param("id")
}

/// JSONL (batch input and output) is labelled as such; everything else is opaque bytes.
fn content_type(filename: &str) -> &'static str {
    if filename.to_ascii_lowercase().ends_with(".jsonl") { "application/jsonl" } else { "application/octet-stream" }
}

/// A filename fit for a quoted header parameter: printable ASCII without quotes or backslashes.
fn header_safe(filename: &str) -> String {
    filename.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect()
}

struct ListQuery {
    purpose: Option<String>,
    after: Option<String>,
    limit: u32,
    order: ListOrder,
}

const DEFAULT_LIMIT: u32 = 10_000;
const MAX_LIMIT: u32 = 10_000;

impl ListQuery {
    fn parse(raw: &str) -> ApiResult<Self> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|_| ApiError::bad_request("Malformed query string."))?;
        let mut q = ListQuery { purpose: None, after: None, limit: DEFAULT_LIMIT, order: ListOrder::Desc };
        for (key, value) in pairs {
            match key.as_str() {
                "purpose" if !value.is_empty() => {
                    if !LISTABLE_PURPOSES.contains(&value.as_str()) {
                        return Err(ApiError::invalid_value(
                            "purpose",
                            format!(
                                "Invalid value: '{value}'. Supported values are: {}.",
                                quote_list(&LISTABLE_PURPOSES)
                            ),
                        ));
                    }
                    q.purpose = Some(value);
                }
                "after" if !value.is_empty() => {
                    if !ids::is_file_id(&value) {
                        return Err(ApiError::invalid_value(
                            "after",
                            format!("Invalid 'after': '{value}' is not a file id."),
                        ));
                    }
                    q.after = Some(value);
                }
                "limit" => q.limit = paging::limit(&value, 1, MAX_LIMIT)?,
                "order" => q.order = paging::order(&value)?,
                _ => {}
            }
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::file_upload::UPLOAD_PURPOSES;

    #[test]
    fn uploadable_purposes_are_listable() {
        for p in UPLOAD_PURPOSES {
            assert!(LISTABLE_PURPOSES.contains(&p), "{p}");
        }
    }

    #[test]
    fn list_query_rules() {
        let q = ListQuery::parse("").unwrap();
        assert_eq!((q.limit, q.order, q.purpose, q.after), (10_000, ListOrder::Desc, None, None));
        let q = ListQuery::parse("purpose=batch_output&order=asc&limit=1").unwrap();
        assert_eq!((q.limit, q.order, q.purpose.as_deref()), (1, ListOrder::Asc, Some("batch_output")));
        for (raw, param) in [
            ("limit=0", "limit"),
            ("limit=10001", "limit"),
            ("limit=x", "limit"),
            ("order=up", "order"),
            ("after=file-abc", "after"),
            ("purpose=nope", "purpose"),
        ] {
            assert_eq!(ListQuery::parse(raw).err().and_then(|e| e.param).as_deref(), Some(param), "{raw}");
        }
    }

    #[test]
    fn download_headers() {
        assert_eq!(content_type("batch.JSONL"), "application/jsonl");
        assert_eq!(content_type("cat.png"), "application/octet-stream");
        assert_eq!(header_safe("a \"b\"\\é.txt"), "a _b___.txt");
    }
}
