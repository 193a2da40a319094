//! Bearer-key auth. Keys are compared as SHA-256 digests, so the plain keys need not be
//! kept once the config is read. No keys configured: dev mode, any bearer token maps to
//! the default project.
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::error::ApiError;

pub const DEFAULT_PROJECT: &str = "proj_default";

/// The project a request acts for: every query is scoped by it.
#[derive(Debug, Clone)]
pub struct Project(pub String);

const MISSING_KEY: &str = "You didn't provide an API key. You need to provide your API key in an Authorization \
     header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

pub async fn require_key(State(state): State<AppState>, mut req: Request, next: Next) -> Result<Response, ApiError> {
    let header = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
    let token = match header {
        None | Some("") => return Err(ApiError::unauthorized(MISSING_KEY)),
        Some(h) => match h.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => token.trim(),
            _ => return Err(ApiError::unauthorized(MISSING_KEY)),
        },
    };
    if !state.config.dev_mode() {
        let digest = Sha256::digest(token.as_bytes());
        let known = state
            .config
            .auth
            .api_keys
            .iter()
            .filter(|k| !k.trim().is_empty())
            .any(|k| Sha256::digest(k.trim().as_bytes()) == digest);
        if !known {
            return Err(ApiError::unauthorized(format!(
                "Incorrect API key provided: {}. Check the keys configured for this Kino server.",
                redact(token)
            ))
            .code("invalid_api_key"));
        }
    }
    req.extensions_mut().insert(Project(DEFAULT_PROJECT.to_string()));
    Ok(next.run(req).await)
}

/// `sk-abc***xyz`: enough to recognise a key, not to use it.
fn redact(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 8 {
        return "***".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}***{tail}")
}
