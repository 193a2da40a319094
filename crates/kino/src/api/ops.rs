//! Operations endpoints (`/healthz`, `/readyz`; `/metrics` is in `telemetry.rs`) and `GET /v1/models`.
use axum::Json;
use axum::extract::State;
use serde_json::json;

use super::error::{ApiError, ApiResult};
use super::extract::Path;
use crate::app::AppState;
use crate::models::Model;
use crate::wire::ErrorEnvelope;
use crate::wire::{LoraObject, ModelList, ModelObject};

/// Liveness: the process answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "Operations",
    operation_id = "healthz",
    summary = "Liveness",
    responses((status = 200, description = "Alive", body = Object)),
    security(())
)]
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Readiness: the database and the object store both answer.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "Operations",
    operation_id = "readyz",
    summary = "Readiness: the database and storage answer",
    responses((status = 200, description = "Ready", body = Object), (status = 503, description = "Not ready", body = ErrorEnvelope)),
    security(())
)]
pub async fn readyz(State(state): State<AppState>) -> ApiResult<Json<serde_json::Value>> {
    if let Err(e) = state.repo.ping().await {
        tracing::error!(error = %e, "readiness: database unreachable");
        return Err(ApiError::unavailable("database unreachable"));
    }
    if let Err(e) = state.storage.ping().await {
        tracing::error!(error = %e, "readiness: storage unreachable");
        return Err(ApiError::unavailable("storage unreachable"));
    }
    Ok(Json(json!({"status": "ready", "database": "ok", "storage": "ok"})))
}

#[utoipa::path(
    get,
    path = "/v1/models",
    tag = "Models",
    operation_id = "listModels",
    summary = "The models this server serves",
    responses((status = 200, description = "The models, with their sizes and durations", body = ModelList), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list_models(State(state): State<AppState>) -> Json<ModelList> {
    let data = state.models.all().iter().map(|m| model_object(&state, m)).collect();
    Json(ModelList { object: "list", data })
}

#[utoipa::path(
    get,
    path = "/v1/models/{model}",
    tag = "Models",
    operation_id = "retrieveModel",
    summary = "One model",
    params(("model" = String, Path, description = "A model id")),
    responses((status = 200, description = "The model", body = ModelObject), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn retrieve_model(State(state): State<AppState>, Path(model): Path<String>) -> ApiResult<Json<ModelObject>> {
    match state.models.get(&model) {
        Some(m) => Ok(Json(model_object(&state, m))),
        None => Err(ApiError::not_found(format!("The model '{model}' does not exist.")).code("model_not_found")),
    }
}

fn model_object(state: &AppState, m: &Model) -> ModelObject {
    let usd_per_second = m
        .sizes
        .iter()
        .filter_map(|size| Some((size.to_string(), state.prices.per_second(&m.id, size)? as f64 / 1e6)))
        .collect();
    ModelObject {
        usd_per_second,
        id: m.id.clone(),
        object: "model",
        created: m.created,
        owned_by: "kino",
        sizes: m.sizes.clone(),
        seconds: m.seconds.iter().map(u32::to_string).collect(),
        engine: m.engine.name().to_string(),
        loras: m.loras.iter().map(|(name, scale)| LoraObject { name: name.clone(), scale: *scale }).collect(),
    }
}
