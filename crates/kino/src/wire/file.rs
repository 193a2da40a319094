//! The `OpenAIFile` object and its deletion.
use serde::Serialize;
use utoipa::ToSchema;

use super::list::Listed;
use crate::repo::FileRow;

/// `OpenAIFile` in the spec.
#[derive(Debug, Clone, Serialize, PartialEq, ToSchema)]
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
    #[schema(required = true)]
    pub expires_at: Option<i64>,
    #[schema(required = true)]
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

impl Listed for OpenAIFile {
    fn list_id(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = DeleteFileResponse)]
pub struct FileDeleted {
    pub id: String,
    pub object: &'static str,
    pub deleted: bool,
}
