//! `/v1/videos`: create, list, retrieve, delete.
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use bytes::Bytes;
use rand::Rng;

use super::auth::{Caller, Project};
use super::body::parse_form;
use super::middleware::RequestId;
use super::paging;
use super::quota;
use super::ratelimit::{self, RateState};
use super::types::{Video, VideoDeleted, VideoList};
use super::validate;
use super::{characters, guard, reference};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::jobs::inputs::{Inputs, Lineage};
use crate::models::parse_size;
use crate::repo::{ListOrder, NewJob, VideoKind, VideoRow, VideoStatus};
use crate::storage::{input_key, video_prefix};

pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    quota::check_budget(&state, &project).await?;
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    let valid = validate::create(&form, &state.models)?;
    // A refused prompt costs nothing of the caller's rate limit.
    guard::prompt(&state, &valid.prompt)?;
    // Admitted before the reference is fetched or decoded.
    let rate = ratelimit::admit(&state, &project, &caller, &valid.model).await?;
    let (row, pending) = prepare(&state, &project, valid).await?;
    Ok(RateState::apply(rate, enqueue(&state, row, pending, request_id).await?))
}

/// The row of a checked create request (prompt screened), with the inputs to store before
/// it: the reference fetched, sized and looked at for faces, characters looked up. Batch lines become videos through here too.
pub(crate) async fn prepare(
    state: &AppState,
    project: &Project,
    valid: validate::ValidCreate,
) -> ApiResult<(VideoRow, Pending)> {
    let seed = valid.seed.unwrap_or_else(random_seed);
    let mut row = new_row(project, valid.model, valid.prompt, valid.size, valid.seconds, seed);
    let mut pending = Pending::new();
    let mut inputs = Inputs::default();
    if let Some(reference) = valid.reference {
        let (w, h) = parse_size(&row.size).unwrap_or((0, 0));
        let bytes = reference::load(state, project, reference, w, h).await?;
        let key = input_key(&row.id, "reference");
        pending.blobs.push((key.clone(), bytes));
        inputs.reference = Some(key);
    }
    inputs.characters = characters::cast(state, project, &valid.characters).await?;
    // A scene from the prompt alone can be re-rendered by its engine when edited later.
    if inputs.is_empty() {
        let engine = state.models.get(&row.model).map(|m| m.engine.name().to_string()).unwrap_or_default();
        row.lineage = Some(Lineage { engine, prompts: vec![row.prompt.clone().unwrap_or_default()] }.to_json());
    }
    row.inputs = inputs.to_json();
    Ok((row, pending))
}

/// A fresh queued row; derived videos fill in kind, inputs, lineage and source afterwards.
pub(super) fn new_row(
    project: &Project,
    model: String,
    prompt: String,
    size: String,
    seconds: u32,
    seed: u64,
) -> VideoRow {
    VideoRow {
        id: ids::video_id(),
        project_id: project.0.clone(),
        model,
        status: VideoStatus::Queued,
        progress: 0,
        created_at: ids::now_secs(),
        completed_at: None,
        expires_at: None,
        prompt: Some(prompt),
        size,
        seconds: seconds.to_string(),
        remixed_from_video_id: None,
        error_code: None,
        error_message: None,
        // Stored as the same 64 bits: seeds above i64::MAX round-trip through the cast.
        seed: seed as i64,
        asset_prefix: None,
        kind: VideoKind::Create,
        inputs: None,
        lineage: None,
        extensions: 0,
    }
}

pub(super) fn random_seed() -> u64 {
    rand::rng().random_range(0..i64::MAX as u64)
}

/// Inputs to write before the row that names them.
pub(crate) struct Pending {
    pub blobs: Vec<(String, Bytes)>,
    /// Server-side copies (from, to): a source video's MP4 into the new video's prefix.
    pub copies: Vec<(String, String)>,
}

impl Pending {
    pub fn new() -> Self {
        Self { blobs: Vec::new(), copies: Vec::new() }
    }
}

/// Store the inputs, then the row and its job in one transaction: once this returns, the
/// video survives a crash. On any failure nothing is left behind.
pub(super) async fn enqueue(
    state: &AppState,
    row: VideoRow,
    pending: Pending,
    request_id: RequestId,
) -> ApiResult<Json<Video>> {
    store_inputs(state, &row.id, pending).await?;
    let job = NewJob {
        id: ids::job_id(),
        kind: "generate",
        max_attempts: state.config.jobs.max_attempts,
        request_id: Some(request_id.0),
        created_at_ms: ids::now_millis(),
    };
    if let Err(e) = state.repo.create_video(&row, &job).await {
        let _ = state.storage.delete_prefix(&video_prefix(&row.id)).await;
        return Err(e.into());
    }
    state.jobs.wake_workers();
    tracing::info!(
        video.id = %row.id, kind = row.kind.as_str(), model = %row.model, size = %row.size, seconds = %row.seconds,
        source = row.remixed_from_video_id.as_deref().unwrap_or(""), "video queued"
    );
    Ok(Json(Video::from(row)))
}

/// Write a new video's inputs under its prefix; on failure remove what was written.
pub(crate) async fn store_inputs(state: &AppState, video_id: &str, pending: Pending) -> ApiResult<()> {
    let store = async {
        for (key, bytes) in pending.blobs {
            state.storage.put_bytes(&key, bytes.to_vec()).await?;
        }
        for (from, to) in &pending.copies {
            state.storage.copy(from, to).await?;
        }
        Ok::<_, crate::storage::StoreError>(())
    };
    if let Err(e) = store.await {
        let _ = state.storage.delete_prefix(&video_prefix(video_id)).await;
        return Err(e.into());
    }
    Ok(())
}

pub async fn retrieve(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Path(video_id): Path<String>,
) -> ApiResult<Response> {
    let video = find(&state, &project, &video_id).await?;
    let rate = ratelimit::peek(&state, &project, &caller, &video.model).await?;
    let unfinished = !video.status.is_terminal();
    let mut resp = RateState::apply(rate, Json(Video::from(video)));
    if unfinished {
        resp.headers_mut().insert("openai-poll-after-ms", HeaderValue::from(state.config.server.poll_after_ms));
    }
    Ok(resp)
}

pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<VideoList>> {
    let q = ListQuery::parse(query.as_deref().unwrap_or(""))?;
    let (rows, has_more) =
        state.repo.list_videos(&project.0, q.after.as_deref(), q.limit, q.order, ids::now_secs()).await?;
    let data: Vec<Video> = rows.into_iter().map(Video::from).collect();
    Ok(Json(VideoList {
        object: "list",
        first_id: data.first().map(|v| v.id.clone()),
        last_id: data.last().map(|v| v.id.clone()),
        data,
        has_more,
    }))
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(video_id): Path<String>,
) -> ApiResult<Json<VideoDeleted>> {
    let Some(video) = state.repo.delete_video(&project.0, &video_id).await? else {
        return Err(not_found(&video_id));
    };
    // The rows are gone, so a worker in any process loses the job at its next heartbeat;
    // in this process stop it now.
    if state.jobs.cancel_video(&video.id) {
        tracing::info!(video.id = %video.id, "render cancelled by delete");
    }
    if let Err(e) = state.storage.delete_prefix(&video_prefix(&video.id)).await {
        tracing::warn!(video.id = %video.id, error = %e, "removing content of deleted video failed");
    }
    tracing::info!(video.id = %video.id, status = video.status.as_str(), "video deleted");
    Ok(Json(VideoDeleted { id: video.id, object: "video.deleted", deleted: true }))
}

pub async fn find(state: &AppState, project: &Project, video_id: &str) -> ApiResult<VideoRow> {
    state.repo.get_video(&project.0, video_id, ids::now_secs()).await?.ok_or_else(|| not_found(video_id))
}

pub(super) fn not_found(video_id: &str) -> ApiError {
    ApiError::not_found(format!("Video with id '{video_id}' not found."))
}

struct ListQuery {
    after: Option<String>,
    limit: u32,
    order: ListOrder,
}

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

impl ListQuery {
    fn parse(raw: &str) -> ApiResult<Self> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|_| ApiError::bad_request("Malformed query string."))?;
        let mut q = ListQuery { after: None, limit: DEFAULT_LIMIT, order: ListOrder::Desc };
        for (key, value) in pairs {
            match key.as_str() {
                "after" if !value.is_empty() => {
                    if !ids::is_video_id(&value) {
                        return Err(ApiError::invalid_value(
                            "after",
                            format!("Invalid 'after': '{value}' is not a video id."),
                        ));
                    }
                    q.after = Some(value);
                }
                "limit" => q.limit = paging::limit(&value, 0, MAX_LIMIT)?,
                "order" => q.order = paging::order(&value)?,
                _ => {}
            }
        }
        Ok(q)
    }
}
