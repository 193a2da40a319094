//! A request's fields as the create rules read them: JSON values (strings for multipart
//! parts), with uploaded files apart. The HTTP edge parses bodies into it; a batch line's
//! body is one already.
use bytes::Bytes;
use serde_json::{Map, Value};

/// An uploaded file part.
#[derive(Debug, Clone)]
#[allow(dead_code, reason = "filename, type and bytes are read once reference images and clips are accepted")]
pub struct Upload {
    pub field: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Bytes,
}

/// A parsed request body: fields as JSON (strings for multipart), files apart.
#[derive(Debug, Default)]
pub struct Form {
    pub fields: Map<String, Value>,
    pub files: Vec<Upload>,
}

impl Form {
    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files.iter().find(|f| f.field == field)
    }
}
