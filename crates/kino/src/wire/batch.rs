//! Batch wire types with OpenAI's names (CONTRACT §11): the `Batch` object and the lines of
//! the output and error files. Absent timestamps and file ids are `null`, not omitted.
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::error::ErrorBody;
use super::list::Listed;
use super::video::Video;
use crate::repo::{BatchFileError, BatchRow, RequestCounts};

#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
pub struct Batch {
    pub id: String,
    pub object: &'static str,
    pub endpoint: String,
    #[schema(required = true)]
    pub model: Option<String>,
    #[schema(required = true)]
    pub errors: Option<BatchErrors>,
    pub input_file_id: String,
    pub completion_window: String,
    pub status: &'static str,
    #[schema(required = true)]
    pub output_file_id: Option<String>,
    #[schema(required = true)]
    pub error_file_id: Option<String>,
    pub created_at: i64,
    #[schema(required = true)]
    pub in_progress_at: Option<i64>,
    pub expires_at: i64,
    #[schema(required = true)]
    pub finalizing_at: Option<i64>,
    #[schema(required = true)]
    pub completed_at: Option<i64>,
    #[schema(required = true)]
    pub failed_at: Option<i64>,
    #[schema(required = true)]
    pub expired_at: Option<i64>,
    #[schema(required = true)]
    pub cancelling_at: Option<i64>,
    #[schema(required = true)]
    pub cancelled_at: Option<i64>,
    pub request_counts: BatchRequestCounts,
    /// Token usage does not apply to video renders.
    #[schema(required = true, value_type = Option<Object>)]
    pub usage: Option<Value>,
    #[schema(required = true, value_type = Option<Object>)]
    pub metadata: Option<Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
pub struct BatchErrors {
    pub object: &'static str,
    /// `{code, message, param, line}` per problem.
    #[schema(value_type = Vec<Object>)]
    pub data: Vec<BatchFileError>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, ToSchema)]
pub struct BatchRequestCounts {
    pub total: i64,
    pub completed: i64,
    pub failed: i64,
}

impl From<RequestCounts> for BatchRequestCounts {
    fn from(c: RequestCounts) -> Self {
        Self { total: c.total, completed: c.completed, failed: c.failed }
    }
}

impl From<BatchRow> for Batch {
    fn from(r: BatchRow) -> Self {
        // Both JSON columns are written only by us; unreadable ones show as absent.
        let errors = r
            .errors
            .as_deref()
            .and_then(|e| serde_json::from_str::<Vec<BatchFileError>>(e).ok())
            .map(|data| BatchErrors { object: "list", data });
        let metadata = r.metadata.as_deref().and_then(|m| serde_json::from_str(m).ok());
        Batch {
            id: r.id,
            object: "batch",
            endpoint: r.endpoint,
            model: r.model,
            errors,
            input_file_id: r.input_file_id,
            completion_window: r.completion_window,
            status: r.status.as_str(),
            output_file_id: r.output_file_id,
            error_file_id: r.error_file_id,
            created_at: r.created_at,
            in_progress_at: r.in_progress_at,
            expires_at: r.expires_at,
            finalizing_at: r.finalizing_at,
            completed_at: r.completed_at,
            failed_at: r.failed_at,
            expired_at: r.expired_at,
            cancelling_at: r.cancelling_at,
            cancelled_at: r.cancelled_at,
            request_counts: r.counts.into(),
            usage: None,
            metadata,
        }
    }
}

impl Listed for Batch {
    fn list_id(&self) -> &str {
        &self.id
    }
}

/// One line of an output or error file (`BatchRequestOutput`).
#[derive(Debug, Clone, Serialize)]
pub struct OutputLine<'a> {
    pub id: &'a str,
    pub custom_id: &'a str,
    pub response: Option<OutputResponse>,
    pub error: Option<LineError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutputResponse {
    pub status_code: u16,
    /// The line's own request id (stored with the line, filled in when written out).
    #[serde(default)]
    pub request_id: String,
    pub body: Value,
}

/// A failure that is not an HTTP answer (cancelled, expired).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LineError {
    pub code: String,
    pub message: String,
}

/// Why a line is in the error file, as stored with it until the file is written.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LineOutcome {
    pub response: Option<OutputResponse>,
    pub error: Option<LineError>,
}

impl LineOutcome {
    /// The answer `POST /v1/videos` would have given this body: its status and error.
    pub fn rejected(status_code: u16, error: &ErrorBody) -> Self {
        let response = OutputResponse { status_code, request_id: String::new(), body: error.to_value() };
        Self { response: Some(response), error: None }
    }

    pub fn error(code: &str, message: &str) -> Self {
        Self { response: None, error: Some(LineError { code: code.into(), message: message.into() }) }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("outcome serializes")
    }
}

impl OutputResponse {
    /// A completed line: the video as `GET /v1/videos/{id}` shows it, whatever its status.
    pub fn video(request_id: &str, video: Video) -> Self {
        Self {
            status_code: 200,
            request_id: request_id.to_string(),
            body: serde_json::to_value(video).expect("video serializes"),
        }
    }
}
