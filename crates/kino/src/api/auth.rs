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
use super::signed_token::constant_time_eq;
use crate::app::AppState;

pub use crate::repo::{DEFAULT_PROJECT, DEFAULT_PROJECT_NAME};

/// The project a request acts for: every query is scoped by it.
#[derive(Debug, Clone)]
pub struct Project(pub String);

/// Which key a request came with: a database key's id, `cfg-` and a digest prefix for a
/// configured key, or `dev`. Content tokens name it, so they die with it.
#[derive(Debug, Clone)]
pub struct KeyRef(pub String);

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
    // A content download without a header may carry a content token instead.
    if header.is_none_or(str::is_empty)
        && let Some(token) = content_token(&req)
    {
        let key_ref = super::signed_token::check(&state, &token).await?;
        let (project, caller) = caller_of_key_ref(&state, &key_ref)
            .await?
            .ok_or_else(|| ApiError::unauthorized("Invalid or expired content token.").code("invalid_content_token"))?;
        req.extensions_mut().insert(project);
        req.extensions_mut().insert(caller);
        return Ok(next.run(req).await);
    }
    let token = match header {
        None | Some("") => return Err(ApiError::unauthorized(MISSING_KEY)),
        Some(h) => match h.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => token.trim(),
            _ => return Err(ApiError::unauthorized(MISSING_KEY)),
        },
    };
    let digest = Sha256::digest(token.as_bytes());
    let now = std::time::Instant::now();
    if let Some((project, project_name, tier, key)) = state.keys.get(&digest.to_vec(), now) {
        req.extensions_mut().insert(Project(project));
        req.extensions_mut().insert(Caller { project_name, tier });
        req.extensions_mut().insert(KeyRef(key));
        return Ok(next.run(req).await);
    }
    let configured = state
        .config
        .auth
        .api_keys
        .iter()
        .filter(|k| !k.trim().is_empty())
        .fold(false, |hit, k| hit | constant_time_eq(&Sha256::digest(k.trim().as_bytes()), &digest));
    let (project, caller, key) = if configured {
        let (project, caller) = default_caller(&state).await?;
        (project, caller, KeyRef(format!("cfg-{}", hex_prefix(&digest))))
    } else if let Some((k, p)) = state.repo.key_by_digest(&digest).await? {
        (Project(p.id), Caller { project_name: p.name, tier: p.tier }, KeyRef(k.id))
    } else if state.config.dev_mode() && !state.repo.any_keys().await? {
        let (project, caller) = default_caller(&state).await?;
        (project, caller, KeyRef(DEV_KEY.to_string()))
    } else {
        return Err(ApiError::unauthorized(format!(
            "Incorrect API key provided: {}. Check the keys configured for this Kino server.",
            redact(token)
        ))
        .code("invalid_api_key"));
    };
    // Remembered for at most a second (app::KEY_CACHE_TTL): a revocation, a new key ending
    // dev mode or a tier change reaches every process within that, with no message.
    state.keys.put(digest.to_vec(), (project.0.clone(), caller.project_name.clone(), caller.tier, key.0.clone()), now);
    req.extensions_mut().insert(project);
    req.extensions_mut().insert(caller);
    req.extensions_mut().insert(key);
    Ok(next.run(req).await)
}

const DEV_KEY: &str = "dev";

/// The `token` query parameter of the content routes (a video's, a character's cut-out): the
/// only routes it opens.
fn content_token(req: &Request) -> Option<String> {
    let route = req.extensions().get::<axum::extract::MatchedPath>()?;
    let content = [super::VIDEO_CONTENT, super::CHARACTER_CONTENT].contains(&route.as_str());
    if !content || req.method() != axum::http::Method::GET {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.uri().query()?).ok()?;
    pairs.into_iter().find(|(k, _)| k == "token").map(|(_, v)| v)
}

/// The caller a key reference acts for while its key is still good.
async fn caller_of_key_ref(state: &AppState, key_ref: &str) -> Result<Option<(Project, Caller)>, ApiError> {
    if key_ref == DEV_KEY {
        let open = state.config.dev_mode() && !state.repo.any_keys().await?;
        return if open { Ok(Some(default_caller(state).await?)) } else { Ok(None) };
    }
    if let Some(prefix) = key_ref.strip_prefix("cfg-") {
        let still =
            state.config.auth.api_keys.iter().any(|k| hex_prefix(&Sha256::digest(k.trim().as_bytes())) == prefix);
        return if still { Ok(Some(default_caller(state).await?)) } else { Ok(None) };
    }
    Ok(state
        .repo
        .key_by_id(key_ref)
        .await?
        .map(|(_, p)| (Project(p.id), Caller { project_name: p.name, tier: p.tier })))
}

/// The first 8 bytes of a key's digest, as hex: names a configured key without revealing it.
fn hex_prefix(digest: &[u8]) -> String {
    crate::ids::hex(&digest[..8])
}

async fn default_caller(state: &AppState) -> Result<(Project, Caller), ApiError> {
    let tier = state.repo.get_project(DEFAULT_PROJECT).await?.map_or(0, |p| p.tier);
    Ok((Project(DEFAULT_PROJECT.to_string()), Caller { project_name: DEFAULT_PROJECT_NAME.into(), tier }))
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
