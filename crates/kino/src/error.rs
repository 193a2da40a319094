//! The HTTP edge's one error type. Every layer's error converts into it here, once;
//! it renders as OpenAI's envelope `{"error":{"message","type","param","code"}}`.
//! Server-side failures log their detail and answer a generic message.
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::repo::RepoError;
use crate::storage::StoreError;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub code: Option<String>,
    pub param: Option<String>,
    pub message: String,
    /// Extra response headers (rate-limit state, retry hints).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Self { status, kind, code: None, param: None, message: message.into(), headers: Vec::new() }
    }

    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    pub fn param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// 429 for a rate limit: the SDK retries it, honouring `retry-after`.
    pub fn rate_limited(message: impl Into<String>) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "requests", message).code("rate_limit_exceeded")
    }

    /// 429 for a spent budget: final, so the SDK is told not to retry.
    pub fn insufficient_quota(message: impl Into<String>) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "insufficient_quota", message)
            .code("insufficient_quota")
            .header("x-should-retry", "false")
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
    }

    pub fn missing(param: &str) -> Self {
        Self::bad_request(format!("Missing required parameter: '{param}'."))
            .param(param)
            .code("missing_required_parameter")
    }

    pub fn invalid_value(param: &str, message: impl Into<String>) -> Self {
        Self::bad_request(message).param(param).code("invalid_value")
    }

    pub fn invalid_type(param: &str, message: impl Into<String>) -> Self {
        Self::bad_request(message).param(param).code("invalid_type")
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "invalid_request_error", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_request_error", message)
    }

    pub fn payload_too_large(limit_bytes: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request_error",
            format!("Request body too large: the limit is {} MiB.", limit_bytes / (1024 * 1024)),
        )
        .code("request_too_large")
    }

    /// An uploaded file over the configured cap.
    pub fn file_too_large(limit_bytes: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request_error",
            format!("File too large: the limit is {} MiB.", limit_bytes / (1024 * 1024)),
        )
        .param("file")
        .code("request_too_large")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(StatusCode::METHOD_NOT_ALLOWED, "invalid_request_error", "Method not allowed.")
    }

    /// A server-side failure: the detail goes to the log, the client gets a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "The server had an error while processing your request. Sorry about that!",
        )
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "server_error", message)
    }

    pub fn body(&self) -> serde_json::Value {
        json!({"error": {
            "message": self.message,
            "type": self.kind,
            "param": self.param,
            "code": self.code,
        }})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, axum::Json(self.body())).into_response();
        // Client errors are final: tell the SDK not to burn its retries on them.
        if self.status.is_client_error() && self.status != StatusCode::TOO_MANY_REQUESTS {
            resp.headers_mut().insert("x-should-retry", HeaderValue::from_static("false"));
        }
        for (name, value) in &self.headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                resp.headers_mut().insert(*name, v);
            }
        }
        resp
    }
}

impl From<RepoError> for ApiError {
    fn from(e: RepoError) -> Self {
        ApiError::internal(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => ApiError::not_found("The requested content no longer exists."),
            other => ApiError::internal(other),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
