//! Per-request context: a request id (`x-request-id`, also in the log span), OpenAI's
//! informational headers, request metrics labelled by matched route, and the envelope for
//! any error answered outside `ApiError` (the framework's own rejections).
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::error::ApiError;
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
    let mut resp = enveloped(next.run(req).instrument(span.clone()).await).await;

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

/// Every error leaves as OpenAI's envelope. Handlers answer `ApiError`; what else errors
/// (an extractor or layer added later answering plain text) is rewrapped here, keeping its
/// status and, when short, its text as the message.
async fn enveloped(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, MAX_REWRAPPED_BYTES)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("Request failed").to_string());
    let mut error = if status.is_server_error() { ApiError::internal(&text) } else { ApiError::bad_request(text) };
    error.status = status;
    let mut out = axum::response::IntoResponse::into_response(error);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().entry(name).or_insert_with(|| value.clone());
        }
    }
    out
}

/// Longer bodies are not a rejection's message; the status's reason stands in for them.
const MAX_REWRAPPED_BYTES: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn plain_text_errors_become_the_envelope_and_keep_their_status() {
        let plain = Response::builder()
            .status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(Body::from("Expected request with `Content-Type: application/json`"))
            .unwrap();
        let resp = enveloped(plain).await;
        assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/json");
        let body = axum::body::to_bytes(resp.into_body(), 4096).await.unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["type"], "invalid_request_error");
        assert_eq!(v["error"]["message"], "Expected request with `Content-Type: application/json`");

        // Successes and JSON errors pass untouched.
        let ok = enveloped(Response::new(Body::from("bytes"))).await;
        assert_eq!(axum::body::to_bytes(ok.into_body(), 64).await.unwrap(), "bytes");
    }
}
