//! `/v1/videos`: create, list, retrieve, delete.
use std::time::Instant;

use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;

use super::auth::{Caller, Project};
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::middleware::RequestId;
use super::openapi::bodies;
use super::paging;
use super::ratelimit::{self, RateState};
use super::submit::{Request, submit};
use crate::app::AppState;
use crate::create::Ask;
use crate::ids;
use crate::repo::{ListOrder, VideoFilter, VideoRow, VideoStatus};
use crate::storage::video_prefix;
use crate::wire::ErrorEnvelope;
use crate::wire::{List, Video, VideoDeleted};

#[utoipa::path(
    post,
    path = "/v1/videos",
    tag = "Videos",
    operation_id = "createVideo",
    summary = "Create a video",
    request_body(content((bodies::CreateVideoJson = "application/json"), (bodies::CreateVideoMultipart = "multipart/form-data"))),
    responses((status = 200, description = "The queued video", body = Video), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    submit(&state, Ask::Create, Request { project, caller, request_id, headers, body }).await
}

#[utoipa::path(
    get,
    path = "/v1/videos/{video_id}",
    tag = "Videos",
    operation_id = "GetVideo",
    summary = "Retrieve a video",
    params(("video_id" = String, Path, description = "A video of the caller's project")),
    responses((status = 200, description = "The video (`openai-poll-after-ms` while unfinished)", body = Video), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
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

#[utoipa::path(
    get,
    path = "/v1/videos",
    tag = "Videos",
    operation_id = "ListVideos",
    summary = "List the project's videos",
    params(("limit" = Option<u32>, Query, description = "Page size"), ("after" = Option<String>, Query, description = "The last id of the previous page"), ("order" = Option<String>, Query, description = "`asc` or `desc` (default)"), ("status" = Option<String>, Query, description = "Kino extension: only videos of this status"), ("model" = Option<String>, Query, description = "Kino extension: only videos of this model")),
    responses((status = 200, description = "One page, newest first by default", body = List<Video>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<List<Video>>> {
    let q = ListQuery::parse(query.as_deref().unwrap_or(""))?;
    let (rows, has_more) = state
        .repo
        .list_videos_where(&project.0, &q.filter, q.after.as_deref(), q.limit, q.order, ids::now_secs())
        .await?;
    Ok(Json(List::page(rows, has_more)))
}

#[utoipa::path(
    delete,
    path = "/v1/videos/{video_id}",
    tag = "Videos",
    operation_id = "DeleteVideo",
    summary = "Delete a video (cancels its render)",
    params(("video_id" = String, Path, description = "A video of the caller's project")),
    responses((status = 200, description = "Deleted", body = VideoDeleted), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn delete(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(video_id): Path<String>,
) -> ApiResult<Json<VideoDeleted>> {
    let deleted = state.repo.delete_video(&project.0, &video_id).await?;
    state.finished.remove(&video_id);
    let Some(video) = deleted else {
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
    let now = ids::now_secs();
    let id = video_id.to_string();
    let visible = |v: &VideoRow| v.project_id == project.0 && v.expires_at.is_none_or(|at| at > now);
    if let Some(v) = state.finished.get(&id, Instant::now())
        && visible(&v)
    {
        return Ok(v);
    }
    // Read before the query: a write committed after it moves the version, so what the
    // query returns is kept only as of a version it cannot be older than.
    let version = state.repo.videos_version();
    if let Some(version) = version
        && let Some((read_at, v)) = state.unfinished.get(&id, Instant::now())
        && read_at == version
        && visible(&v)
    {
        return Ok(v);
    }
    let seen = state.finished.generation();
    let video = state.repo.get_video(&project.0, video_id, now).await?.ok_or_else(|| not_found(video_id))?;
    if video.status.is_terminal() {
        state.finished.put_unless_removed(id, video.clone(), Instant::now(), seen);
    } else if let Some(version) = version {
        state.unfinished.put(id, (version, video.clone()), Instant::now());
    }
    Ok(video)
}

fn not_found(video_id: &str) -> ApiError {
    ApiError::not_found(format!("Video with id '{video_id}' not found."))
}

struct ListQuery {
    after: Option<String>,
    limit: u32,
    order: ListOrder,
    /// Kino extensions (the SDKs never send them): only videos of this status or model.
    filter: VideoFilter,
}

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

impl ListQuery {
    fn parse(raw: &str) -> ApiResult<Self> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|_| ApiError::bad_request("Malformed query string."))?;
        let mut q =
            ListQuery { after: None, limit: DEFAULT_LIMIT, order: ListOrder::Desc, filter: VideoFilter::default() };
        for (key, value) in pairs {
            match key.as_str() {
                // A Kino id is a position in the id order, so paging survives the deletion of
                // the video it names. Any other string (the guide's own `video_123`) names no
                // video of the caller's and has no position: the page starts as if it were absent.
                "after" => q.after = ids::is_video_id(&value).then_some(value),
                "limit" => q.limit = paging::limit(&value, 0, MAX_LIMIT)?,
                "order" => q.order = paging::order(&value)?,
                "status" if !value.is_empty() => {
                    q.filter.status = Some(VideoStatus::parse(&value).ok_or_else(|| {
                        ApiError::invalid_value(
                            "status",
                            format!(
                                "Invalid value: '{value}'. Supported values are: 'queued', 'in_progress', \
                                 'completed' and 'failed'."
                            ),
                        )
                    })?)
                }
                "model" if !value.is_empty() => q.filter.model = Some(value),
                _ => {}
            }
        }
        Ok(q)
    }
}
