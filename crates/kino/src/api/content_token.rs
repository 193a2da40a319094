//! Content tokens (a Kino extension): `GET /v1/content_token` gives the caller a short-lived,
//! read-only token for `GET /v1/videos/{id}/content?token=…`, so a browser can put a video,
//! thumbnail or spritesheet in `<video src>` / `<img src>` (which cannot send a bearer key)
//! and still seek through `Range`. A token names the key it was made from and dies with it:
//! a revoked key's tokens stop working at once (`signed_token.rs` makes and checks them).
use axum::Json;
use axum::extract::{Extension, State};
use serde::Serialize;

use super::auth::KeyRef;
use super::error::ApiResult;
use super::signed_token::{TOKEN_TTL_SECS, signature};
use crate::app::AppState;
use crate::ids;
use crate::wire::ErrorEnvelope;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ContentToken {
    /// `content_token`.
    pub object: &'static str,
    /// Append as `?token=` to `/v1/videos/{video_id}/content` (with `variant` as usual).
    pub token: String,
    /// Unix seconds.
    pub expires_at: i64,
}

#[utoipa::path(
    get,
    path = "/v1/content_token",
    tag = "Videos",
    operation_id = "createContentToken",
    summary = "A short-lived token for content downloads without a header (Kino extension)",
    responses(
        (status = 200, description = "The token, valid for an hour, for this key's videos only", body = ContentToken),
        (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope),
    )
)]
pub async fn issue(State(state): State<AppState>, Extension(key): Extension<KeyRef>) -> ApiResult<Json<ContentToken>> {
    let expires_at = ids::now_secs() + TOKEN_TTL_SECS;
    let sig = signature(&state, &key.0, expires_at).await?;
    Ok(Json(ContentToken { object: "content_token", token: format!("{}.{expires_at}.{sig}", key.0), expires_at }))
}
