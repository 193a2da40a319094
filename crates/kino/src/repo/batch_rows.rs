//! Stored batch rows and input lines, kept apart from the wire `Batch` (`wire::Batch`).
use super::EventType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStatus {
    Validating,
    InProgress,
    Finalizing,
    Completed,
    Failed,
    Cancelling,
    Cancelled,
    Expired,
}

impl TryFrom<String> for BatchStatus {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("corrupt row: batch status {s}"))
    }
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validating => "validating",
            Self::InProgress => "in_progress",
            Self::Finalizing => "finalizing",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Cancelling => "cancelling",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "validating" => Self::Validating,
            "in_progress" => Self::InProgress,
            "finalizing" => Self::Finalizing,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            "cancelling" => Self::Cancelling,
            "cancelled" => Self::Cancelled,
            "expired" => Self::Expired,
            _ => return None,
        })
    }

    /// The webhook event a batch fires on reaching this state, if it is terminal.
    pub fn event_type(self) -> Option<EventType> {
        match self {
            Self::Completed => Some(EventType::BatchCompleted),
            Self::Failed => Some(EventType::BatchFailed),
            Self::Cancelled => Some(EventType::BatchCancelled),
            Self::Expired => Some(EventType::BatchExpired),
            _ => None,
        }
    }
}

/// `request_counts`: computed from the lines (and their videos) while the batch runs, frozen
/// with the terminal state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RequestCounts {
    pub total: i64,
    pub completed: i64,
    pub failed: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct BatchRow {
    pub id: String,
    pub project_id: String,
    pub endpoint: String,
    pub input_file_id: String,
    pub completion_window: String,
    #[sqlx(try_from = "String")]
    pub status: BatchStatus,
    pub created_at: i64,
    pub expires_at: i64,
    pub in_progress_at: Option<i64>,
    pub finalizing_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub expired_at: Option<i64>,
    pub cancelling_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    pub output_file_id: Option<String>,
    pub error_file_id: Option<String>,
    /// JSON array of `BatchFileError`s: why validation failed.
    pub errors: Option<String>,
    pub model: Option<String>,
    /// JSON object of strings.
    pub metadata: Option<String>,
    pub output_expires_after: Option<i64>,
    /// Filled on reads; ignored on insert.
    #[sqlx(flatten)]
    pub counts: RequestCounts,
}

/// A file-level problem found while validating (`errors.data[]`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BatchFileError {
    pub code: String,
    pub message: String,
    pub param: Option<String>,
    pub line: Option<i64>,
}

/// A line read and checked while validating.
#[derive(Debug, Clone)]
pub struct NewBatchLine {
    pub line: i64,
    pub custom_id: String,
    /// The body (JSON) of a valid line; None for an invalid one.
    pub body: Option<String>,
    /// JSON for the error file (`{"response", "error"}`) of a line whose body broke a rule.
    pub outcome: Option<String>,
}

/// A stored line as the driver and the result writer see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BatchLine {
    pub line: i64,
    pub id: String,
    pub custom_id: String,
    pub state: String,
    pub body: Option<String>,
    pub request_id: String,
    pub video_id: Option<String>,
    pub outcome: Option<String>,
}

/// How a batch reaches its terminal state: the result files and the frozen counts, written
/// together with the status in one transaction.
#[derive(Debug, Clone)]
pub struct BatchFinish {
    pub from: BatchStatus,
    pub to: BatchStatus,
    pub now_secs: i64,
    pub output_file: Option<super::FileRow>,
    pub error_file: Option<super::FileRow>,
    pub counts: RequestCounts,
    /// When the batch's videos stop being downloadable.
    pub videos_expire_at: i64,
}
