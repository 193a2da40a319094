//! Videos made from another video: remix (`POST /v1/videos/{id}/remix`, legacy), edits
//! (`POST /v1/videos/edits`) and extensions (`POST /v1/videos/extensions`). The rules are
//! `create`'s; this is their HTTP face.
use axum::body::Body;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::auth::{Caller, Project};
use super::error::ApiResult;
use super::extract::Path;
use super::middleware::RequestId;
use super::openapi::bodies;
use super::submit::{Request, submit};
use crate::app::AppState;
use crate::create::Ask;
use crate::wire::{ErrorEnvelope, Video};

#[utoipa::path(
    post,
    path = "/v1/videos/{video_id}/remix",
    tag = "Videos",
    operation_id = "CreateVideoRemix",
    summary = "Remix a completed video",
    params(("video_id" = String, Path, description = "A video of the caller's project")),
    request_body(content((bodies::RemixBody = "application/json"), (bodies::RemixBody = "multipart/form-data"))),
    responses((status = 200, description = "The queued remix", body = Video), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn remix(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    Path(video_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    submit(&state, Ask::Remix(video_id), Request { project, caller, request_id, headers, body }).await
}

#[utoipa::path(
    post,
    path = "/v1/videos/edits",
    tag = "Videos",
    operation_id = "CreateVideoEdit",
    summary = "Edit a video (by id or an uploaded clip)",
    request_body(content((bodies::EditBody = "application/json"), (bodies::EditBody = "multipart/form-data"))),
    responses((status = 200, description = "The queued edit", body = Video), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn edit(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    submit(&state, Ask::Edit, Request { project, caller, request_id, headers, body }).await
}

#[utoipa::path(
    post,
    path = "/v1/videos/extensions",
    tag = "Videos",
    operation_id = "CreateVideoExtend",
    summary = "Extend a video",
    request_body(content((bodies::ExtendBody = "application/json"), (bodies::ExtendBody = "multipart/form-data"))),
    responses((status = 200, description = "The queued extension", body = Video), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn extend(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    submit(&state, Ask::Extend, Request { project, caller, request_id, headers, body }).await
}
