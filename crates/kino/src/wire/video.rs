//! The `Video` object (and its deletion and character resources). Every field is always
//! present; the nullable ones are `null`.
use serde::Serialize;
use utoipa::ToSchema;

use super::list::Listed;
use crate::repo::{CharacterRow, VideoRow};

/// Why a render failed.
#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
pub struct VideoError {
    pub code: String,
    pub message: String,
}

/// A video job: `VideoResource` in OpenAI's spec.
#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
#[schema(as = VideoResource)]
pub struct Video {
    pub id: String,
    pub object: &'static str,
    pub model: String,
    pub status: &'static str,
    pub progress: i64,
    pub created_at: i64,
    #[schema(required = true)]
    pub completed_at: Option<i64>,
    #[schema(required = true)]
    pub expires_at: Option<i64>,
    #[schema(required = true)]
    pub prompt: Option<String>,
    pub size: String,
    pub seconds: String,
    #[schema(required = true)]
    pub remixed_from_video_id: Option<String>,
    #[schema(required = true)]
    pub error: Option<VideoError>,
}

impl From<VideoRow> for Video {
    fn from(r: VideoRow) -> Self {
        let error = match (r.error_code, r.error_message) {
            (Some(code), Some(message)) => Some(VideoError { code, message }),
            (Some(code), None) => Some(VideoError { message: code.clone(), code }),
            _ => None,
        };
        Video {
            id: r.id,
            object: "video",
            model: r.model,
            status: r.status.as_str(),
            progress: r.progress.clamp(0, 100),
            created_at: r.created_at,
            completed_at: r.completed_at,
            expires_at: r.expires_at,
            prompt: r.prompt,
            size: r.size,
            seconds: r.seconds,
            remixed_from_video_id: r.remixed_from_video_id,
            error,
        }
    }
}

impl Listed for Video {
    fn list_id(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = DeletedVideoResource)]
pub struct VideoDeleted {
    pub id: String,
    pub object: &'static str,
    pub deleted: bool,
}

/// `VideoCharacterResource`: no `object` field; `id` and `name` nullable but always present.
#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
#[schema(as = VideoCharacterResource)]
pub struct VideoCharacter {
    #[schema(required = true)]
    pub id: Option<String>,
    #[schema(required = true)]
    pub name: Option<String>,
    pub created_at: i64,
}

impl From<CharacterRow> for VideoCharacter {
    fn from(c: CharacterRow) -> Self {
        Self { id: Some(c.id), name: Some(c.name), created_at: c.created_at }
    }
}

impl Listed for VideoCharacter {
    fn list_id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }
}
