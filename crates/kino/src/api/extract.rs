//! Extractors whose rejections answer in OpenAI's envelope, like every other error: axum's
//! own answer plain text (a path segment that is not UTF-8 would be `400 text/plain`).
use axum::extract::FromRequestParts;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// `axum::extract::Path`, rejecting with an `ApiError` that names the segment.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(path_error(rejection)),
        }
    }
}

fn path_error(rejection: PathRejection) -> ApiError {
    match rejection {
        PathRejection::FailedToDeserializePathParams(e) => match e.into_kind() {
            ErrorKind::InvalidUtf8InPathParam { key } => ApiError::invalid_value(
                &key,
                format!("Invalid '{key}': the path segment is not valid UTF-8 once percent-decoded."),
            ),
            ErrorKind::ParseErrorAtKey { key, value, .. } => {
                ApiError::invalid_value(&key, format!("Invalid '{key}': '{value}' is not a valid value."))
            }
            other => ApiError::bad_request(format!("Invalid path: {other}.")),
        },
        other => ApiError::internal(format!("path parameters: {other}")),
    }
}
