//! The HTTP edge: routes, auth, rate limits, request ids, body parsing, and the one mapping
//! of every layer's errors to OpenAI's error envelope (`error`).
mod auth;
mod batch_request;
mod batches;
mod body;
mod characters;
mod conditional;
mod content;
mod content_token;
mod derived;
mod docs;
pub mod error;
mod events;
mod extract;
mod file_upload;
mod files;
pub mod metrics;
mod middleware;
pub mod openapi;
mod ops;
mod page;
mod paging;
mod ratelimit;
mod signed_token;
pub mod studio;
mod submit;
mod usage;
mod videos;
mod webhooks;

use axum::Router;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

use crate::app::AppState;
use error::ApiError;

pub use auth::{Caller, DEFAULT_PROJECT, Project};

pub const VIDEOS: &str = "/v1/videos";
pub const VIDEO: &str = "/v1/videos/{video_id}";
/// Kino extensions: live progress as Server-Sent Events.
pub const VIDEO_EVENTS: &str = "/v1/videos/{video_id}/events";
pub const VIDEOS_EVENTS: &str = "/v1/videos/events";
pub const BATCH_EVENTS: &str = "/v1/batches/{batch_id}/events";
pub const VIDEO_CONTENT: &str = "/v1/videos/{video_id}/content";
pub const VIDEO_REMIX: &str = "/v1/videos/{video_id}/remix";
pub const VIDEO_EDITS: &str = "/v1/videos/edits";
pub const VIDEO_EXTENSIONS: &str = "/v1/videos/extensions";
pub const CHARACTERS: &str = "/v1/videos/characters";
pub const CHARACTER: &str = "/v1/videos/characters/{character_id}";
/// A Kino extension: a character's cut-out (PNG).
pub const CHARACTER_CONTENT: &str = "/v1/videos/characters/{character_id}/content";
pub const FILES: &str = "/v1/files";
pub const FILE: &str = "/v1/files/{file_id}";
pub const FILE_CONTENT: &str = "/v1/files/{file_id}/content";
pub const WEBHOOK_ENDPOINTS: &str = "/v1/webhook_endpoints";
pub const WEBHOOK_ENDPOINT: &str = "/v1/webhook_endpoints/{endpoint_id}";
pub const WEBHOOK_ROTATE: &str = "/v1/webhook_endpoints/{endpoint_id}/rotate_secret";
pub const WEBHOOK_TEST: &str = "/v1/webhook_endpoints/{endpoint_id}/test";
pub const WEBHOOK_EVENT_TYPES: &str = "/v1/webhook_event_types";
pub const MODELS: &str = "/v1/models";
pub const BATCHES: &str = "/v1/batches";
pub const BATCH: &str = "/v1/batches/{batch_id}";
pub const BATCH_CANCEL: &str = "/v1/batches/{batch_id}/cancel";
pub const MODEL: &str = "/v1/models/{model}";
/// A Kino extension: a short-lived token for content downloads without a header.
pub const CONTENT_TOKEN: &str = "/v1/content_token";
/// A Kino extension: usage and cost of the caller's videos.
pub const USAGE_VIDEOS: &str = "/v1/usage/videos";

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route(VIDEOS, get(videos::list).post(videos::create))
        .route(VIDEO, get(videos::retrieve).delete(videos::delete))
        .route(VIDEO_CONTENT, get(content::download))
        .route(VIDEO_EVENTS, get(events::video))
        .route(VIDEOS_EVENTS, get(events::videos))
        .route(BATCH_EVENTS, get(events::batch))
        .route(VIDEO_REMIX, post(derived::remix))
        .route(VIDEO_EDITS, post(derived::edit))
        .route(VIDEO_EXTENSIONS, post(derived::extend))
        .route(CHARACTERS, get(characters::list).post(characters::create))
        .route(CHARACTER_CONTENT, get(characters::cutout))
        .route(CHARACTER, get(characters::retrieve))
        .route(FILES, get(files::list).post(files::create))
        .route(FILE, get(files::retrieve).delete(files::delete))
        .route(FILE_CONTENT, get(files::content))
        .route(WEBHOOK_ENDPOINTS, get(webhooks::list).post(webhooks::create))
        .route(WEBHOOK_ENDPOINT, get(webhooks::retrieve).post(webhooks::update).delete(webhooks::delete))
        .route(WEBHOOK_ROTATE, post(webhooks::rotate_secret))
        .route(WEBHOOK_TEST, post(webhooks::test))
        .route(WEBHOOK_EVENT_TYPES, get(webhooks::event_types))
        .route(BATCHES, get(batches::list).post(batches::create))
        .route(BATCH, get(batches::retrieve))
        .route(BATCH_CANCEL, post(batches::cancel))
        .route(MODELS, get(ops::list_models))
        .route(MODEL, get(ops::retrieve_model))
        .route(USAGE_VIDEOS, get(usage::videos))
        .route(CONTENT_TOKEN, get(content_token::issue))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_key));
    Router::new()
        .merge(v1)
        .route("/", get(studio::page))
        .route("/studio/{file}", get(studio::file))
        .route("/openapi.json", get(openapi::openapi_json))
        .route("/docs", get(docs::page))
        .route("/docs/{file}", get(docs::file))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .merge(metrics::api_metrics_routes(&state.config))
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(middleware::request_context))
        .layer(CatchPanicLayer::custom(|_| ApiError::internal("handler panicked").into_response_owned()))
        .with_state(state)
}

async fn unknown_route(uri: axum::http::Uri, method: axum::http::Method) -> ApiError {
    ApiError::not_found(format!("Invalid URL ({method} {})", uri.path())).code("unknown_url")
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

impl ApiError {
    fn into_response_owned(self) -> axum::response::Response {
        axum::response::IntoResponse::into_response(self)
    }
}
