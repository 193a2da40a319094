//! Videos made from another video: remix (`POST /v1/videos/{id}/remix`, legacy), edits
//! (`POST /v1/videos/edits`) and extensions (`POST /v1/videos/extensions`). The rules are
//! `create`'s; this is their HTTP face.
use axum::body::Body;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::auth::{Caller, Project};
use super::error::ApiResult;
use super::middleware::RequestId;
use super::submit::{Request, submit};
use crate::app::AppState;
use crate::create::Ask;

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
