//! `/v1/batches`: create, retrieve, list, cancel. Creating stores the batch as `validating`
//! and returns; the batch driver (`jobs::batch`) reads the file and does the rest.
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::HeaderMap;

use super::auth::Project;
use super::batch_request::{self, COMPLETION_WINDOW_SECS};
use super::body::parse_form;
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::openapi::bodies;
use super::paging;
use crate::app::AppState;
use crate::create::check_budget;
use crate::ids;
use crate::jobs::batch::lines::MAX_INPUT_BYTES;
use crate::repo::{BatchRow, BatchStatus, RequestCounts};
use crate::wire::ErrorEnvelope;
use crate::wire::{Batch, List};

#[utoipa::path(
    post,
    path = "/v1/batches",
    tag = "Batch",
    operation_id = "createBatch",
    summary = "Create a batch of video requests",
    request_body(content = bodies::BatchBody, content_type = "application/json"),
    responses((status = 200, description = "The batch", body = Batch), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<Batch>> {
    check_budget(&state, &project.0).await?;
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    let req = batch_request::parse(&form)?;
    let now = ids::now_secs();
    let missing = || ApiError::not_found(format!("No such File object: {}", req.input_file_id)).param("input_file_id");
    if !ids::is_file_id(&req.input_file_id) {
        return Err(missing());
    }
    let file = state.repo.get_file(&project.0, &req.input_file_id, now).await?.ok_or_else(missing)?;
    if file.purpose != "batch" {
        return Err(ApiError::invalid_value(
            "input_file_id",
            format!(
                "Invalid 'input_file_id': file '{}' has purpose '{}', but batch input files must be uploaded with purpose 'batch'.",
                file.id, file.purpose
            ),
        ));
    }
    if file.bytes as u64 > MAX_INPUT_BYTES {
        return Err(ApiError::bad_request(format!(
            "Invalid 'input_file_id': file '{}' has {} bytes; a batch input file may have at most {} MB.",
            file.id,
            file.bytes,
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
        .param("input_file_id")
        .code("file_too_large"));
    }
    let row = BatchRow {
        id: ids::batch_id(),
        project_id: project.0,
        endpoint: req.endpoint,
        input_file_id: file.id,
        completion_window: req.completion_window,
        status: BatchStatus::Validating,
        created_at: now,
        expires_at: now + COMPLETION_WINDOW_SECS,
        in_progress_at: None,
        finalizing_at: None,
        completed_at: None,
        failed_at: None,
        expired_at: None,
        cancelling_at: None,
        cancelled_at: None,
        output_file_id: None,
        error_file_id: None,
        errors: None,
        model: None,
        metadata: req.metadata.map(|m| serde_json::Value::Object(m).to_string()),
        output_expires_after: req.output_expires_after,
        counts: RequestCounts::default(),
    };
    state.repo.create_batch(&row).await?;
    state.jobs.wake_batches();
    tracing::info!(batch.id = %row.id, file.id = %row.input_file_id, "batch created");
    Ok(Json(Batch::from(row)))
}

#[utoipa::path(
    get,
    path = "/v1/batches/{batch_id}",
    tag = "Batch",
    operation_id = "retrieveBatch",
    summary = "Retrieve a batch",
    params(("batch_id" = String, Path, description = "A batch of the caller's project")),
    responses((status = 200, description = "The batch", body = Batch), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn retrieve(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(batch_id): Path<String>,
) -> ApiResult<Json<Batch>> {
    Ok(Json(Batch::from(find(&state, &project, &batch_id).await?)))
}

pub async fn find(state: &AppState, project: &Project, batch_id: &str) -> ApiResult<BatchRow> {
    state.repo.get_batch(&project.0, batch_id).await?.ok_or_else(|| not_found(batch_id))
}

#[utoipa::path(
    get,
    path = "/v1/batches",
    tag = "Batch",
    operation_id = "listBatches",
    summary = "List batches",
    params(("limit" = Option<u32>, Query, description = "Page size"), ("after" = Option<String>, Query, description = "The last id of the previous page")),
    responses((status = 200, description = "One page", body = List<Batch>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<List<Batch>>> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| ApiError::bad_request("Malformed query string."))?;
    let (mut after, mut limit) = (None, DEFAULT_LIMIT);
    for (key, value) in pairs {
        match key.as_str() {
            "after" if !value.is_empty() => {
                if !ids::is_batch_id(&value) {
                    return Err(ApiError::invalid_value(
                        "after",
                        format!("Invalid 'after': '{value}' is not a batch id."),
                    ));
                }
                after = Some(value);
            }
            "limit" => limit = paging::limit(&value, 1, MAX_LIMIT)?,
            _ => {}
        }
    }
    let (rows, has_more) = state.repo.list_batches(&project.0, after.as_deref(), limit).await?;
    Ok(Json(List::page(rows, has_more)))
}

/// Answers at once with the batch in `cancelling`; the driver stops its renders and writes
/// the partial results, then marks it `cancelled`. Cancelling twice is harmless.
#[utoipa::path(
    post,
    path = "/v1/batches/{batch_id}/cancel",
    tag = "Batch",
    operation_id = "cancelBatch",
    summary = "Cancel a batch",
    params(("batch_id" = String, Path, description = "A batch of the caller's project")),
    responses((status = 200, description = "The batch, cancelling", body = Batch), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(batch_id): Path<String>,
) -> ApiResult<Json<Batch>> {
    let batch =
        state.repo.cancel_batch(&project.0, &batch_id, ids::now_secs()).await?.ok_or_else(|| not_found(&batch_id))?;
    match batch.status {
        BatchStatus::Cancelling | BatchStatus::Cancelled => {
            state.jobs.wake_batches();
            tracing::info!(batch.id = %batch.id, "batch cancel requested");
            Ok(Json(Batch::from(batch)))
        }
        other => Err(ApiError::bad_request(format!(
            "Cannot cancel batch '{}': its status is '{}'.",
            batch.id,
            other.as_str()
        ))),
    }
}

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

fn not_found(batch_id: &str) -> ApiError {
    ApiError::not_found(format!("No batch found with id '{batch_id}'.")).param("batch_id")
}
