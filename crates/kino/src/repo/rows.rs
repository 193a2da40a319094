//! Stored rows, kept apart from the wire types (`wire`). Rows read back whole derive
//! `sqlx::FromRow`: a column's name is its field's.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoStatus {
    Queued,
    InProgress,
    Completed,
    Failed,
}

impl TryFrom<String> for VideoStatus {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("corrupt row: video status {s}"))
    }
}

impl VideoStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "queued" => Self::Queued,
            "in_progress" => Self::InProgress,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => return None,
        })
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct VideoRow {
    pub id: String,
    pub project_id: String,
    pub model: String,
    #[sqlx(try_from = "String")]
    pub status: VideoStatus,
    pub progress: i64,
    pub created_at: i64,
    pub completed_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub prompt: Option<String>,
    pub size: String,
    pub seconds: String,
    pub remixed_from_video_id: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub seed: i64,
    pub asset_prefix: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: VideoKind,
    /// JSON of `create::inputs::Inputs`; None for a plain prompt.
    pub inputs: Option<String>,
    /// JSON of `create::inputs::Lineage`; None when pixels from elsewhere went in.
    pub lineage: Option<String>,
    /// How many extensions its chain holds (0 for anything but an extension).
    pub extensions: i64,
}

/// How a video came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoKind {
    Create,
    Remix,
    Edit,
    Extension,
}

impl TryFrom<String> for VideoKind {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("corrupt row: video kind {s}"))
    }
}

impl VideoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Remix => "remix",
            Self::Edit => "edit",
            Self::Extension => "extension",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "create" => Self::Create,
            "remix" => Self::Remix,
            "edit" => Self::Edit,
            "extension" => Self::Extension,
            _ => return None,
        })
    }
}

/// A character cut out of an uploaded clip; its matte PNG is in the store at `asset_key`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CharacterRow {
    pub id: String,
    pub project_id: String,
    pub name: String,
    pub created_at: i64,
    pub fps: i64,
    pub frames: i64,
    pub asset_key: String,
}

#[derive(Debug, Clone)]
pub struct NewJob {
    pub id: String,
    pub kind: &'static str,
    pub max_attempts: u32,
    pub request_id: Option<String>,
    pub created_at_ms: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub video_id: String,
    pub project_id: String,
    pub attempt: i64,
    pub max_attempts: i64,
    pub request_id: Option<String>,
    /// What the engine saved to resume this render (an upstream job id), if anything.
    pub engine_state: Option<String>,
}

/// A job just claimed, with the video it renders.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub job: JobRow,
    pub video: VideoRow,
}

/// What lease recovery did with one job.
#[derive(Debug, Clone)]
pub struct Reclaimed {
    pub job: JobRow,
    /// True: requeued for another attempt. False: attempts exhausted, video failed.
    pub requeued: bool,
}

/// An uploaded file's metadata; its bytes are in the store under `storage::file_key(id)`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FileRow {
    pub id: String,
    pub project_id: String,
    pub filename: String,
    pub purpose: String,
    pub bytes: i64,
    pub created_at: i64,
    pub expires_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    Asc,
    Desc,
}

/// A webhook endpoint. `secret` (and `old_secret` while a rotation overlaps) sign deliveries.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct WebhookEndpointRow {
    pub id: String,
    pub project_id: String,
    pub name: String,
    pub url: String,
    /// Read from `webhook_endpoint_events`, not a column.
    #[sqlx(skip)]
    pub event_types: Vec<String>,
    pub secret: String,
    pub old_secret: Option<String>,
    pub old_secret_expires_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl WebhookEndpointRow {
    /// The secrets deliveries are signed with now: the current one, then the old one while
    /// a rotation's overlap lasts.
    pub fn live_secrets(&self, now_secs: i64) -> Vec<String> {
        let mut secrets = vec![self.secret.clone()];
        if let (Some(old), Some(until)) = (&self.old_secret, self.old_secret_expires_at)
            && until > now_secs
        {
            secrets.push(old.clone());
        }
        secrets
    }
}

/// A delivery claimed for one attempt, with what sending it needs.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    /// The `webhook-id` header: the same on every retry, so receivers can dedupe.
    pub id: String,
    pub event_type: String,
    pub endpoint_id: String,
    pub url: String,
    pub payload: String,
    /// Secrets to sign with: the current one, then the old one while a rotation overlaps.
    pub secrets: Vec<String>,
    /// This attempt's number, from 1.
    pub attempt: i64,
    pub created_at_ms: i64,
}

/// How one delivery attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Delivered,
    Retry {
        next_attempt_at_ms: i64,
    },
    /// Out of time: no more attempts.
    GaveUp,
}

/// What an attempt saw, for the attempt log.
#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub started_at_ms: i64,
    pub duration_ms: i64,
    pub status_code: Option<u16>,
    pub error: Option<String>,
}

/// A project: everything else belongs to one.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: String,
    pub name: String,
    pub tier: i64,
    pub monthly_budget_usd: Option<f64>,
    pub created_at: i64,
}

/// An API key as stored: its digest, never the key.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ApiKeyRow {
    pub id: String,
    pub project_id: String,
    pub digest: Vec<u8>,
    /// The first characters of the key, to recognise it in a listing.
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}
