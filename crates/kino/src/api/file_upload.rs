//! `POST /v1/files` bodies: multipart parsed straight off the request stream, the `file`
//! part written to the store chunk by chunk as it arrives, so an upload of any allowed size
//! costs a few chunks of memory. Text fields are checked as they arrive, whichever side of
//! the file part they are on (Python's SDK sends them first, Node's after); any failure
//! once the bytes are stored deletes them, so a rejected upload leaves nothing behind.
use axum::body::Body;
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use multer::{Field, Multipart};

use super::error::{ApiError, ApiResult};
use crate::app::AppState;
use crate::ids;
use crate::storage::{BlobWriter, file_key};

/// What `purpose` may be on upload. Files the server writes itself (batch results) get
/// other purposes, listed in `files::LISTABLE_PURPOSES`.
pub const UPLOAD_PURPOSES: [&str; 6] = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];
/// `expires_after[seconds]` bounds: one hour to thirty days.
pub const MIN_EXPIRES_AFTER: i64 = 3600;
pub const MAX_EXPIRES_AFTER: i64 = 2_592_000;
/// CONTRACT §10: batch input files expire after 30 days unless told otherwise.
pub const BATCH_DEFAULT_EXPIRES_AFTER: i64 = 30 * 24 * 3600;
/// Text fields are a purpose or a number: anything longer is not a well-formed request.
const MAX_TEXT_FIELD: usize = 64 * 1024;
/// Room for the text fields and part headers beside the file, when judging Content-Length.
const FORM_OVERHEAD: u64 = 1024 * 1024;

/// A complete, valid upload whose bytes are stored under `file_key(id)`.
#[derive(Debug)]
pub struct Upload {
    pub file: StoredFile,
    pub purpose: String,
    pub expires_at: Option<i64>,
}

#[derive(Debug)]
pub struct StoredFile {
    pub id: String,
    pub filename: String,
    pub bytes: u64,
    pub created_at: i64,
}

#[derive(Default)]
struct Fields {
    file: Option<StoredFile>,
    purpose: Option<String>,
    anchor: Option<String>,
    seconds: Option<i64>,
}

/// Read the whole body: store the file, check the fields. On error nothing stays stored.
pub async fn receive(state: &AppState, headers: &HeaderMap, body: Body) -> ApiResult<Upload> {
    let cap = state.config.max_file_bytes();
    let boundary = boundary(headers)?;
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap.saturating_add(FORM_OVERHEAD)) {
        return Err(ApiError::file_too_large(cap));
    }
    let mut fields = Fields::default();
    let result = match read_parts(state, body, boundary, cap, &mut fields).await {
        Ok(()) => fields.complete(),
        Err(e) => Err(e),
    };
    if result.is_err()
        && let Some(file) = fields.file.take()
    {
        discard(state, &file.id).await;
    }
    result
}

/// Remove the bytes of an upload that will not get a row.
pub async fn discard(state: &AppState, file_id: &str) {
    if let Err(e) = state.storage.delete(&file_key(file_id)).await {
        tracing::warn!(file.id = %file_id, error = %e, "removing the bytes of a rejected upload failed");
    }
}

fn boundary(headers: &HeaderMap) -> ApiResult<String> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime != "multipart/form-data" {
        let shown = if mime.is_empty() { "none" } else { mime.as_str() };
        return Err(ApiError::bad_request(format!(
            "Unsupported content type '{shown}': upload files as multipart/form-data with 'file' and 'purpose' parts."
        ))
        .code("unsupported_content_type"));
    }
    multer::parse_boundary(content_type)
        .map_err(|_| ApiError::bad_request("Malformed multipart body: missing boundary.").code("invalid_multipart"))
}

fn malformed(e: multer::Error) -> ApiError {
    ApiError::bad_request(format!("Malformed multipart body: {e}")).code("invalid_multipart")
}

async fn read_parts(state: &AppState, body: Body, boundary: String, cap: u64, fields: &mut Fields) -> ApiResult<()> {
    let mut multipart = Multipart::new(body.into_data_stream(), boundary);
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" => {
                if fields.file.is_some() {
                    return Err(ApiError::bad_request("Only one 'file' may be uploaded per request.")
                        .param("file")
                        .code("invalid_value"));
                }
                let Some(filename) = field.file_name().map(str::to_string) else {
                    return Err(ApiError::invalid_type(
                        "file",
                        "Invalid type for 'file': expected a file upload (a part with a filename), but got a string instead.",
                    ));
                };
                fields.file = Some(store(state, &mut field, filename, cap).await?);
            }
            "purpose" => fields.purpose = Some(purpose(&text(&mut field, &name).await?)?),
            "expires_after[anchor]" => fields.anchor = Some(anchor(&text(&mut field, &name).await?)?),
            "expires_after[seconds]" => fields.seconds = Some(seconds(&text(&mut field, &name).await?)?),
            "" => {
                return Err(
                    ApiError::bad_request("Malformed multipart body: a part has no name.").code("invalid_multipart")
                );
            }
            _ => {
                return Err(ApiError::bad_request(format!("Unknown parameter: '{name}'."))
                    .param(&name)
                    .code("unknown_parameter"));
            }
        }
    }
    Ok(())
}

/// Stream the part into the store under a fresh id, refusing more than `cap` bytes.
async fn store(state: &AppState, field: &mut Field<'static>, filename: String, cap: u64) -> ApiResult<StoredFile> {
    let id = ids::file_id();
    let created_at = ids::now_secs();
    let mut writer = state.storage.writer(&file_key(&id)).await?;
    if let Err(e) = copy_capped(field, &mut writer, cap).await {
        if let Err(abort) = writer.abort().await {
            tracing::warn!(file.id = %id, error = %abort, "discarding a partial upload failed");
        }
        return Err(e);
    }
    let bytes = writer.finish().await?;
    // Browsers once sent whole client paths; the name is what follows the last separator.
    let filename = filename.rsplit(['/', '\\']).next().unwrap_or("").trim().to_string();
    let filename = if filename.is_empty() { "file".to_string() } else { filename };
    Ok(StoredFile { id, filename, bytes, created_at })
}

async fn copy_capped(field: &mut Field<'static>, writer: &mut BlobWriter, cap: u64) -> ApiResult<()> {
    while let Some(chunk) = field.chunk().await.map_err(malformed)? {
        if writer.written() + chunk.len() as u64 > cap {
            return Err(ApiError::file_too_large(cap));
        }
        writer.write(chunk).await?;
    }
    Ok(())
}

async fn text(field: &mut Field<'static>, name: &str) -> ApiResult<String> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(malformed)? {
        if buf.len() + chunk.len() > MAX_TEXT_FIELD {
            return Err(ApiError::bad_request(format!(
                "Multipart field '{name}' is too long: the limit is {} KiB.",
                MAX_TEXT_FIELD / 1024
            ))
            .param(name)
            .code("invalid_value"));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf)
        .map_err(|_| ApiError::bad_request(format!("Multipart field '{name}' is not valid UTF-8.")).param(name))
}

fn purpose(value: &str) -> ApiResult<String> {
    if UPLOAD_PURPOSES.contains(&value) {
        return Ok(value.to_string());
    }
    Err(ApiError::invalid_value(
        "purpose",
        format!(
            "Invalid value: '{value}'. Supported values are: {}.",
            crate::create::validate::quote_list(&UPLOAD_PURPOSES)
        ),
    ))
}

fn anchor(value: &str) -> ApiResult<String> {
    if value == "created_at" {
        return Ok(value.to_string());
    }
    Err(ApiError::invalid_value(
        "expires_after.anchor",
        format!("Invalid value: '{value}'. Supported values are: 'created_at'."),
    ))
}

fn seconds(value: &str) -> ApiResult<i64> {
    const PARAM: &str = "expires_after.seconds";
    let Ok(n) = value.trim().parse::<i64>() else {
        return Err(ApiError::invalid_type(
            PARAM,
            format!("Invalid type for '{PARAM}': expected an integer, but got '{value}' instead."),
        ));
    };
    if n < MIN_EXPIRES_AFTER {
        return Err(ApiError::bad_request(format!(
            "Invalid '{PARAM}': integer below minimum value. Expected a value >= {MIN_EXPIRES_AFTER}, but got {n} instead."
        ))
        .param(PARAM)
        .code("integer_below_min_value"));
    }
    if n > MAX_EXPIRES_AFTER {
        return Err(ApiError::bad_request(format!(
            "Invalid '{PARAM}': integer above maximum value. Expected a value <= {MAX_EXPIRES_AFTER}, but got {n} instead."
        ))
        .param(PARAM)
        .code("integer_above_max_value"));
    }
    Ok(n)
}

impl Fields {
    /// The upload, once every part is in. Leaves `file` in place on error, for discarding.
    fn complete(&mut self) -> ApiResult<Upload> {
        if self.file.is_none() {
            return Err(ApiError::missing("file"));
        }
        let Some(purpose) = self.purpose.take() else {
            return Err(ApiError::missing("purpose"));
        };
        let expires_after = match (self.anchor.take(), self.seconds) {
            (Some(_), Some(seconds)) => Some(seconds),
            (None, None) if purpose == "batch" => Some(BATCH_DEFAULT_EXPIRES_AFTER),
            (None, None) => None,
            (Some(_), None) => return Err(ApiError::missing("expires_after.seconds")),
            (None, Some(_)) => return Err(ApiError::missing("expires_after.anchor")),
        };
        let file = self.file.take().expect("checked above");
        let expires_at = expires_after.map(|s| file.created_at + s);
        Ok(Upload { file, purpose, expires_at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_rules_name_their_param() {
        assert_eq!(purpose("vision").unwrap(), "vision");
        assert_eq!(purpose("batch_output").unwrap_err().param.as_deref(), Some("purpose"));
        assert_eq!(anchor("created_at").unwrap(), "created_at");
        assert_eq!(anchor("now").unwrap_err().param.as_deref(), Some("expires_after.anchor"));
        assert_eq!(seconds("3600").unwrap(), 3600);
        assert_eq!(seconds("2592000").unwrap(), 2_592_000);
        for bad in ["3599", "2592001", "1h", ""] {
            assert_eq!(seconds(bad).unwrap_err().param.as_deref(), Some("expires_after.seconds"), "{bad}");
        }
    }

    #[test]
    fn batch_files_expire_after_thirty_days_by_default() {
        let stored = || StoredFile { id: "file-x".into(), filename: "a".into(), bytes: 1, created_at: 1000 };
        let mut f = Fields { file: Some(stored()), purpose: Some("batch".into()), ..Default::default() };
        assert_eq!(f.complete().unwrap().expires_at, Some(1000 + 30 * 86_400));
        let mut f = Fields { file: Some(stored()), purpose: Some("vision".into()), ..Default::default() };
        assert_eq!(f.complete().unwrap().expires_at, None);
        let mut f = Fields {
            file: Some(stored()),
            purpose: Some("batch".into()),
            anchor: Some("created_at".into()),
            seconds: Some(3600),
        };
        assert_eq!(f.complete().unwrap().expires_at, Some(4600));
        let mut f = Fields { file: Some(stored()), ..Default::default() };
        assert_eq!(f.complete().unwrap_err().param.as_deref(), Some("purpose"));
        assert!(f.file.is_some(), "kept for discarding");
    }
}
