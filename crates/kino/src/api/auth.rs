//! Bearer-key auth. A key is known by its SHA-256 digest: `--api-keys` (acting for the
//! default project) are compared in constant time; keys made with `kino keys create` are
//! looked up by digest in the database and act for their project. With no key anywhere:
//! dev mode, any bearer token maps to the default project (tier 0, unlimited).
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use crate::app::AppState;

pub use crate::repo::{DEFAULT_PROJECT, DEFAULT_PROJECT_NAME};

/// The project a request acts for: every query is scoped by it.
#[derive(Debug, Clone)]
pub struct Project(pub String);

/// What limits apply to the caller: its project's name (for messages) and tier.
#[derive(Debug, Clone)]
pub struct Caller {
    pub project_name: String,
    pub tier: i64,
}

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
    let digest = Sha256::digest(token.as_bytes());
    let configured = state
        .config
        .auth
        .api_keys
        .iter()
        .filter(|k| !k.trim().is_empty())
        .fold(false, |hit, k| hit | constant_time_eq(&Sha256::digest(k.trim().as_bytes()), &digest));
    let (project, caller) = if configured {
        default_caller(&state).await?
    } else if let Some((_, p)) = state.repo.key_by_digest(&digest).await? {
        (Project(p.id), Caller { project_name: p.name, tier: p.tier })
    } else if state.config.dev_mode() && !state.repo.any_keys().await? {
        default_caller(&state).await?
    } else {
        return Err(ApiError::unauthorized(format!(
            "Incorrect API key provided: {}. Check the keys configured for this Kino server.",
            redact(token)
        ))
        .code("invalid_api_key"));
    };
    req.extensions_mut().insert(project);
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

async fn default_caller(state: &AppState) -> Result<(Project, Caller), ApiError> {
    let tier = state.repo.get_project(DEFAULT_PROJECT).await?.map_or(0, |p| p.tier);
    Ok((Project(DEFAULT_PROJECT.to_string()), Caller { project_name: DEFAULT_PROJECT_NAME.into(), tier }))
}

/// Digest comparison that takes the same time wherever the first difference is.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
