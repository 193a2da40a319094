//! The HTTP edge's one error type. Every layer's error converts into it here, once;
//! it renders as OpenAI's envelope `{"error":{"message","type","param","code"}}`.
//! Server-side failures log their detail and answer a generic message.
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::create::{CreateError, Invalid};
use crate::repo::RepoError;
use crate::storage::StoreError;
use crate::wire::ErrorBody;

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
        ErrorBody { message: self.message.clone(), kind: self.kind, param: self.param.clone(), code: self.code.clone() }
            .to_value()
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

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError { param: e.param, code: e.code, ..ApiError::bad_request(e.message) }
    }
}

/// The one table from a failed create to its answer (the batch driver writes the same
/// statuses into error files: `jobs::batch::lines::rejection`, checked against this below).
impl From<CreateError> for ApiError {
    fn from(e: CreateError) -> Self {
        let (param, code) = (e.param().map(str::to_string), e.code().map(str::to_string));
        let answer = match e {
            CreateError::Invalid(invalid) => return invalid.into(),
            CreateError::Blocked { .. } => ApiError::bad_request(e.to_string()),
            CreateError::NotFound { message, .. } => ApiError::not_found(message),
            CreateError::QuotaExceeded(message) => return ApiError::insufficient_quota(message),
            CreateError::Repo(e) => return e.into(),
            CreateError::Store(e) => return e.into(),
            CreateError::Internal(detail) => return ApiError::internal(detail),
        };
        ApiError { param, code, ..answer }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::batch::lines::rejection;

    /// A batch line refused by `create` reads in the error file exactly as the API answers.
    #[test]
    fn batch_error_lines_answer_as_the_api() {
        let blocked = kino_guard::Blocked {
            rule: "r".into(),
            title: "T".into(),
            message: "No.".into(),
            entry: Some("secret".into()),
        };
        let cases = [
            CreateError::from(Invalid::missing("prompt")),
            CreateError::from(Invalid::new("Inpaint image must match the requested width and height")),
            CreateError::blocked(blocked, "prompt"),
            CreateError::not_found("No such File object: file-x").at("input_reference.file_id"),
            CreateError::QuotaExceeded("spent".into()),
            CreateError::from(StoreError::NotFound("k".into())),
        ];
        for e in cases {
            let line = rejection(&e).and_then(|o| o.response).expect("a refusal, not a failure of ours");
            let api = ApiError::from(e);
            assert_eq!((line.status_code, &line.body), (api.status.as_u16(), &api.body()));
        }
        assert!(rejection(&CreateError::internal("disk on fire")).is_none());
    }
}
