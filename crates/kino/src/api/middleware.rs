//! Per-request context: a request id (`x-request-id`, also in the log span), OpenAI's
//! informational headers, and request metrics labelled by matched route.
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::ids;
use crate::telemetry;

/// The request id, for handlers that store it (jobs carry it into their logs).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn request_context(mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = ids::request_id();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let span = tracing::info_span!("request", request_id = %request_id, %method, path = %req.uri().path());
    let mut resp = next.run(req).instrument(span.clone()).await;

    let status = resp.status();
    let elapsed = started.elapsed();
    span.in_scope(|| tracing::debug!(status = status.as_u16(), ms = elapsed.as_millis() as u64, "request done"));
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert("x-request-id", v);
    }
    headers.insert("openai-version", HeaderValue::from_static("2020-10-01"));
    headers.insert("openai-processing-ms", HeaderValue::from(elapsed.as_millis() as u64));
    let labels = [("route", route), ("method", method.to_string()), ("status", status.as_u16().to_string())];
    metrics::counter!(telemetry::HTTP_REQUESTS_TOTAL, &labels).increment(1);
    metrics::histogram!(telemetry::HTTP_REQUEST_DURATION_SECONDS, &labels[..2]).record(elapsed.as_secs_f64());
    resp
}
