//! Wire types with OpenAI's names. Every field of the Video and File objects is always
//! present; the nullable ones are emitted as `null`, never omitted.
use serde::Serialize;

use crate::repo::{FileRow, VideoRow};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VideoError {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Video {
    pub id: String,
    pub object: &'static str,
    pub model: String,
    pub status: &'static str,
    pub progress: i64,
    pub created_at: i64,
    pub completed_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub prompt: Option<String>,
    pub size: String,
    pub seconds: String,
    pub remixed_from_video_id: Option<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct VideoList {
    pub object: &'static str,
    pub data: Vec<Video>,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
    pub has_more: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct VideoDeleted {
    pub id: String,
    pub object: &'static str,
    pub deleted: bool,
}

/// `OpenAIFile` in the spec.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenAIFile {
    pub id: String,
    pub object: &'static str,
    pub bytes: i64,
    pub created_at: i64,
    pub filename: String,
    pub purpose: String,
    /// Deprecated upstream but still polled by `files.wait_for_processing`: a stored file is
    /// usable at once, so always `processed`.
    pub status: &'static str,
    pub expires_at: Option<i64>,
    pub status_details: Option<String>,
}

impl From<FileRow> for OpenAIFile {
    fn from(r: FileRow) -> Self {
        OpenAIFile {
            id: r.id,
            object: "file",
            bytes: r.bytes,
            created_at: r.created_at,
            filename: r.filename,
            purpose: r.purpose,
            status: "processed",
            expires_at: r.expires_at,
            status_details: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileList {
    pub object: &'static str,
    pub data: Vec<OpenAIFile>,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
    pub has_more: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileDeleted {
    pub id: String,
    pub object: &'static str,
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelObject {
    pub id: String,
    pub object: &'static str,
    pub created: i64,
    pub owned_by: &'static str,
    /// Kino extension: what the model accepts.
    pub sizes: Vec<&'static str>,
    pub seconds: Vec<String>,
    pub engine: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelList {
    pub object: &'static str,
    pub data: Vec<ModelObject>,
}

/// `VideoCharacterResource`: no `object` field; `id` and `name` nullable but always present.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VideoCharacter {
    pub id: Option<String>,
    pub name: Option<String>,
    pub created_at: i64,
}

impl From<crate::repo::CharacterRow> for VideoCharacter {
    fn from(c: crate::repo::CharacterRow) -> Self {
        Self { id: Some(c.id), name: Some(c.name), created_at: c.created_at }
    }
}
