//! `GET /v1/models`: the models served, with what each accepts.
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Model)]
pub struct ModelObject {
    pub id: String,
    pub object: &'static str,
    pub created: i64,
    pub owned_by: &'static str,
    /// Kino extension: what the model accepts.
    pub sizes: Vec<&'static str>,
    pub seconds: Vec<String>,
    pub engine: String,
    /// Kino extension: the configured price of a second at each size (absent: unpriced).
    pub usd_per_second: std::collections::BTreeMap<String, f64>,
    /// Kino extension: the LoRAs a create may choose (`lora: [{"name", "scale"}]`), each with
    /// the scale it gets when the request names none.
    pub loras: Vec<LoraObject>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LoraObject {
    pub name: String,
    pub scale: f32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModelList {
    pub object: &'static str,
    pub data: Vec<ModelObject>,
}
