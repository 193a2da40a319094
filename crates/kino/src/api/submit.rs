//! The HTTP edge of `create`: the requests that make videos (create, remix, edits,
//! extensions) read their body here, once the budget allows it, and count against the
//! caller's rate limits; the answer is the queued video with the rate-limit headers.
use axum::Json;
use axum::body::Body;
use axum::http::HeaderMap;
use axum::response::Response;

use super::auth::{Caller, Project};
use super::body::parse_form;
use super::error::{ApiError, ApiResult};
use super::middleware::RequestId;
use super::ratelimit::{self, RateState};
use crate::app::AppState;
use crate::create::{self, Ask, Edge, Form};
use crate::wire::Video;

/// One request that makes a video, as the handler received it.
pub struct Request {
    pub project: Project,
    pub caller: Caller,
    pub request_id: RequestId,
    pub headers: HeaderMap,
    pub body: Body,
}

struct HttpEdge<'a> {
    state: &'a AppState,
    project: &'a Project,
    caller: &'a Caller,
    headers: &'a HeaderMap,
    body: Option<Body>,
}

impl Edge for HttpEdge<'_> {
    type Error = ApiError;
    type Ticket = Option<RateState>;
    const CHECKS_BUDGET: bool = true;

    async fn form(&mut self) -> ApiResult<Form> {
        let body = self.body.take().unwrap_or_default();
        parse_form(self.headers, body, self.state.config.max_body_bytes()).await
    }

    async fn admit(&mut self, model: &str) -> ApiResult<Option<RateState>> {
        ratelimit::admit(self.state, self.project, self.caller, model).await
    }
}

/// Make the video `ask` describes and answer with it.
pub async fn submit(state: &AppState, ask: Ask, request: Request) -> ApiResult<Response> {
    let Request { project, caller, request_id, headers, body } = request;
    let mut edge = HttpEdge { state, project: &project, caller: &caller, headers: &headers, body: Some(body) };
    let (row, rate) = create::submit(state, &project.0, ask, &mut edge, request_id.0).await?;
    Ok(RateState::apply(rate, Json(Video::from(row))))
}
