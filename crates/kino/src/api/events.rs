//! Live progress as Server-Sent Events (a Kino extension): a video, every video of the
//! caller's project, or a batch. Each event is the full object (`id:` is its position in the
//! change feed, `event:` its kind); a client that reconnects with `Last-Event-ID` resumes
//! there. See `live` for how the events are made.
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};

use super::auth::Project;
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use crate::app::AppState;
use crate::live::{Event, EventStream, Opened, Scope};
use crate::wire::ErrorEnvelope;

/// A comment this often keeps proxies and load balancers from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `GET /v1/videos/{video_id}/events`: the video now, then every change until it ends.
#[utoipa::path(
    get,
    path = "/v1/videos/{video_id}/events",
    tag = "Events",
    operation_id = "StreamVideoEvents",
    summary = "Watch a video: its state now, then every change until it ends (Kino extension)",
    params(("video_id" = String, Path, description = "A video of the caller's project"), ("Last-Event-ID" = Option<i64>, Header, description = "Resume after this event")),
    responses((status = 200, description = "`event: video` with the full Video; `event: video.deleted`", content_type = "text/event-stream", body = String), (status = 204, description = "Resumed after the end: nothing will follow"), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn video(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(video_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let after = last_event_id(&headers)?;
    super::videos::find(&state, &project, &video_id).await?;
    open(state, project, Scope::Video(video_id), after).await
}

/// `GET /v1/videos/events`: every change of every video of the project, from now on (or
/// from `Last-Event-ID`). It does not end by itself.
#[utoipa::path(
    get,
    path = "/v1/videos/events",
    tag = "Events",
    operation_id = "StreamProjectVideoEvents",
    summary = "Watch every video of the project (Kino extension)",
    params(("Last-Event-ID" = Option<i64>, Header, description = "Resume after this event")),
    responses((status = 200, description = "`event: video` per change, `event: video.deleted`", content_type = "text/event-stream", body = String), (status = 204, description = "Resumed after the end: nothing will follow"), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn videos(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let after = last_event_id(&headers)?;
    open(state, project, Scope::Videos, after).await
}

/// `GET /v1/batches/{batch_id}/events`: the batch now, then every change of its status or
/// request counts until it ends.
#[utoipa::path(
    get,
    path = "/v1/batches/{batch_id}/events",
    tag = "Events",
    operation_id = "StreamBatchEvents",
    summary = "Watch a batch until it ends (Kino extension)",
    params(("batch_id" = String, Path, description = "A batch of the caller's project"), ("Last-Event-ID" = Option<i64>, Header, description = "Resume after this event")),
    responses((status = 200, description = "`event: batch` with the full Batch", content_type = "text/event-stream", body = String), (status = 204, description = "Resumed after the end: nothing will follow"), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn batch(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(batch_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let after = last_event_id(&headers)?;
    super::batches::find(&state, &project, &batch_id).await?;
    open(state, project, Scope::Batch(batch_id), after).await
}

async fn open(state: AppState, project: Project, scope: Scope, after: Option<i64>) -> ApiResult<Response> {
    let stream = match EventStream::open(state, project.0, scope, after).await? {
        // Nothing will follow what the client has: 204 tells `EventSource` not to reconnect.
        Opened::Finished => return Ok(StatusCode::NO_CONTENT.into_response()),
        Opened::Stream(stream) => stream,
    };
    let events = futures::stream::unfold(stream, |mut stream| async move {
        let event = stream.next().await?;
        Some((Ok::<_, Infallible>(to_sse(event)), stream))
    });
    let mut resp = Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response();
    // Proxies that buffer responses (nginx) would hold the events back.
    resp.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(resp)
}

fn to_sse(event: Event) -> SseEvent {
    SseEvent::default().id(event.id.to_string()).event(event.name).data(event.data)
}

/// The `Last-Event-ID` header: the `id:` of the last event the client got.
fn last_event_id(headers: &HeaderMap) -> ApiResult<Option<i64>> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or("").trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().ok().filter(|n| *n >= 0).map(Some).ok_or_else(|| {
        ApiError::invalid_value(
            "Last-Event-ID",
            format!("Invalid 'Last-Event-ID': expected the id of an event from this stream, got '{text}'."),
        )
    })
}
