//! OpenAI's cursor page: `{"object": "list", "data", "first_id", "last_id", "has_more"}`, the
//! one shape of every list (videos, files, batches, webhook endpoints).
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct List<T> {
    pub object: &'static str,
    pub data: Vec<T>,
    #[schema(required = true)]
    pub first_id: Option<String>,
    #[schema(required = true)]
    pub last_id: Option<String>,
    pub has_more: bool,
}

/// What a list item is known by: its id is the cursor of the page around it.
pub trait Listed {
    fn list_id(&self) -> &str;
}

impl<T: Listed> List<T> {
    /// One page of `data`, converted from the rows the repository returned.
    pub fn page<R>(rows: Vec<R>, has_more: bool) -> Self
    where
        T: From<R>,
    {
        let data: Vec<T> = rows.into_iter().map(T::from).collect();
        Self {
            object: "list",
            first_id: data.first().map(|v| v.list_id().to_string()),
            last_id: data.last().map(|v| v.list_id().to_string()),
            data,
            has_more,
        }
    }
}
