//! Content tokens, made and checked: `{key_ref}.{expires_at}.{signature}`, the signature an
//! HMAC-SHA256 (first 16 bytes, hex) of `{key_ref}.{expires_at}` under a secret every process
//! of the deployment shares (made once, kept in the database). Which caller a key reference
//! stands for is `auth`'s to say.
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::{ApiError, ApiResult};
use crate::app::AppState;
use crate::ids;

/// How long a token lives; the Studio asks for a new one before it runs out.
pub const TOKEN_TTL_SECS: i64 = 3600;
const SECRET_NAME: &str = "content_token";

/// The key reference of a well-made, unexpired token (its key may since have been revoked:
/// the caller checks that).
pub async fn check(state: &AppState, token: &str) -> ApiResult<String> {
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
    if !constant_time_eq(expected.as_bytes(), sig.as_bytes()) {
        return Err(refused());
    }
    Ok(key_ref.to_string())
}

pub async fn signature(state: &AppState, key_ref: &str, expires_at: i64) -> ApiResult<String> {
    let secret = state
        .content_secret
        .get_or_try_init(|| async { state.repo.secret(SECRET_NAME, &ids::secret_hex()).await })
        .await?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(ApiError::internal)?;
    mac.update(format!("{key_ref}.{expires_at}").as_bytes());
    Ok(ids::hex(&mac.finalize().into_bytes()[..16]))
}

/// Comparison that takes the same time wherever the first difference is.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
