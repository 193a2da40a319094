//! Content tokens (a Kino extension): `GET /v1/content_token` gives the caller a short-lived,
//! read-only token for `GET /v1/videos/{id}/content?token=…`, so a browser can put a video,
//! thumbnail or spritesheet in `<video src>` / `<img src>` (which cannot send a bearer key)
//! and still seek through `Range`. A token names the key it was made from and dies with it:
//! a revoked key's tokens stop working at once. Its signature is an HMAC under a secret the
//! deployment's processes share (kept in the database).
use axum::Json;
use axum::extract::{Extension, State};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use super::auth::{Caller, KeyRef, Project, caller_of_key_ref};
use super::error::{ApiError, ApiResult};
use crate::app::AppState;
use crate::ids;
use crate::wire::ErrorEnvelope;

/// How long a token lives; the Studio asks for a new one before it runs out.
pub const TOKEN_TTL_SECS: i64 = 3600;
const SECRET_NAME: &str = "content_token";

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

/// The caller a token acts for, if it is well made, unexpired and its key still valid.
pub async fn verify(state: &AppState, token: &str) -> ApiResult<(Project, Caller)> {
    let refused = || ApiError::unauthorized("Invalid or expired content token.").code("invalid_content_token");
    let mut parts = token.rsplitn(3, '.');
    let (Some(sig), Some(expires), Some(key_ref)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(refused());
    };
    let expires_at: i64 = expires.parse().map_err(|_| refused())?;
    if expires_at < ids::now_secs() || expires_at > ids::now_secs() + TOKEN_TTL_SECS {
        return Err(refused());
    }
    let expected = signature(state, key_ref, expires_at).await?;
    if !super::auth::constant_time_eq(expected.as_bytes(), sig.as_bytes()) {
        return Err(refused());
    }
    caller_of_key_ref(state, key_ref).await?.ok_or_else(refused)
}

async fn signature(state: &AppState, key_ref: &str, expires_at: i64) -> ApiResult<String> {
    let secret = state
        .content_secret
        .get_or_try_init(|| async { state.repo.secret(SECRET_NAME, &ids::secret_hex()).await })
        .await?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(ApiError::internal)?;
    mac.update(format!("{key_ref}.{expires_at}").as_bytes());
    Ok(hex(&mac.finalize().into_bytes()[..16]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
