//! `/v1/videos/characters`: cut a subject out of a short uploaded clip (a matte against its
//! background), keep it as a reusable asset, and cast it in videos that name it.
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, RawQuery, State};
use axum::http::HeaderMap;
use futures::TryStreamExt;
use serde_json::Value;

use super::auth::Project;
use super::body::parse_form;
use super::error::{ApiError, ApiResult};
use super::extract::Path;
use super::openapi::bodies;
use crate::app::AppState;
use crate::create::validate::{self, optional_string};
use crate::create::{find_character, guard};
use crate::ids;
use crate::repo::CharacterRow;
use crate::storage::character_key;
use crate::wire::ErrorEnvelope;
use crate::wire::{List, VideoCharacter};

pub const MAX_NAME_CHARS: usize = 80;
/// Frames kept of a character's clip: a 2 s loop at 12 fps is enough for a preview cut-out.
const MAX_CHARACTER_FRAMES: u32 = 24;

/// The fields a character is made from.
pub(super) const FIELDS: [&str; 2] = ["video", "name"];

#[utoipa::path(
    post,
    path = "/v1/videos/characters",
    tag = "Videos",
    operation_id = "CreateVideoCharacter",
    summary = "Create a character from a clip",
    request_body(content = bodies::CharacterBody, content_type = "multipart/form-data"),
    responses((status = 200, description = "The character", body = VideoCharacter), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<VideoCharacter>> {
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    validate::known_fields(&form, &FIELDS)?;
    let name = match optional_string(&form, "name")? {
        None => return Err(ApiError::missing("name")),
        Some(n) if n.trim().is_empty() => {
            return Err(ApiError::bad_request("Invalid 'name': expected a non-empty string.")
                .param("name")
                .code("string_below_min_length"));
        }
        Some(n) if n.chars().count() > MAX_NAME_CHARS => {
            return Err(ApiError::bad_request(format!(
                "Invalid 'name': string too long. Expected a string with maximum length {MAX_NAME_CHARS}."
            ))
            .param("name")
            .code("string_above_max_length"));
        }
        Some(n) => n.trim().to_string(),
    };
    let Some(upload) = form.file("video") else {
        return Err(match form.fields.get("video") {
            Some(v) if !v.is_null() => ApiError::invalid_type(
                "video",
                format!("Invalid type for 'video': expected a file (multipart upload), but got {} instead.", kind(v)),
            ),
            _ => ApiError::missing("video"),
        });
    };
    guard::clip_faces(&state, upload.data.clone(), kino_guard::CHARACTER_LIKENESS, "video").await?;
    let data = upload.data.clone();
    let cut = tokio::task::spawn_blocking(move || {
        check_shape(&kino_media::probe_mp4(&data)?)?;
        let cut = kino_media::extract_character(&data, MAX_CHARACTER_FRAMES)?;
        let png = cut.to_png()?;
        Ok::<_, kino_media::MediaError>((cut.fps, cut.frames.len() as i64, png))
    })
    .await
    .map_err(ApiError::internal)?;
    let (fps, frames, png) = match cut {
        Ok(c) => c,
        Err(e) if e.is_invalid_input() => {
            return Err(ApiError::bad_request(format!("Invalid 'video': {e}")).param("video").code("invalid_video"));
        }
        Err(e) => return Err(ApiError::internal(e)),
    };
    let row = CharacterRow {
        id: ids::character_id(),
        project_id: project.0.clone(),
        name,
        created_at: ids::now_secs(),
        fps: i64::from(fps),
        frames,
        asset_key: String::new(),
    };
    let row = CharacterRow { asset_key: character_key(&row.id), ..row };
    state.storage.put_bytes(&row.asset_key, png).await?;
    if let Err(e) = state.repo.create_character(&row).await {
        let _ = state.storage.delete(&row.asset_key).await;
        return Err(e.into());
    }
    tracing::info!(character.id = %row.id, frames = row.frames, "character created");
    Ok(Json(row.into()))
}

/// Widest aspect ratio accepted (either way up): 16:9 and 9:16 are what the guide recommends;
/// a panorama leaves too few pixels on the subject.
const MAX_ASPECT: f64 = 2.5;
const MIN_SHORT_SIDE: u32 = 96;

fn check_shape(info: &kino_media::ProbeInfo) -> Result<(), kino_media::MediaError> {
    let (w, h) = (info.width.max(1), info.height.max(1));
    let aspect = f64::from(w.max(h)) / f64::from(w.min(h));
    if aspect > MAX_ASPECT || w.min(h) < MIN_SHORT_SIDE {
        return Err(kino_media::MediaError::BadClipShape(format!(
            "the clip is {w}x{h}; use a 16:9 or 9:16 clip (720p to 1080p works best) at least {MIN_SHORT_SIDE} px on its short side"
        )));
    }
    Ok(())
}

#[utoipa::path(
    get,
    path = "/v1/videos/characters/{character_id}",
    tag = "Videos",
    operation_id = "GetVideoCharacter",
    summary = "Retrieve a character",
    params(("character_id" = String, Path, description = "A character of the caller's project")),
    responses((status = 200, description = "The character", body = VideoCharacter), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn retrieve(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(character_id): Path<String>,
) -> ApiResult<Json<VideoCharacter>> {
    Ok(Json(find_character(&state, &project.0, &character_id).await?.into()))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        _ => "a scalar",
    }
}

#[utoipa::path(
    get,
    path = "/v1/videos/characters",
    tag = "Videos",
    operation_id = "ListVideoCharacters",
    summary = "List the project's characters, newest first (Kino extension)",
    params(("limit" = Option<u32>, Query, description = "Page size (1 to 100, default 20)"), ("after" = Option<String>, Query, description = "The last id of the previous page")),
    responses((status = 200, description = "One page", body = List<VideoCharacter>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<List<VideoCharacter>>> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| ApiError::bad_request("Malformed query string."))?;
    let (mut after, mut limit) = (None, 20);
    for (key, value) in pairs {
        match key.as_str() {
            "after" => after = ids::is_character_id(&value).then_some(value),
            "limit" => limit = super::paging::limit(&value, 1, 100)?,
            _ => {}
        }
    }
    let (rows, has_more) = state.repo.list_characters(&project.0, after.as_deref(), limit).await?;
    Ok(Json(List::page(rows, has_more)))
}

#[utoipa::path(
    get,
    path = "/v1/videos/characters/{character_id}/content",
    tag = "Videos",
    operation_id = "RetrieveVideoCharacterContent",
    summary = "The character's cut-out: its first frame, transparent around the subject (Kino extension)",
    params(("character_id" = String, Path, description = "A character of the caller's project"), ("token" = Option<String>, Query, description = "A content token, instead of the Authorization header")),
    responses((status = 200, description = "PNG with alpha", content_type = "image/png", body = Vec<u8>), (status = "4XX", description = "Refused: OpenAI's error envelope", body = ErrorEnvelope))
)]
pub async fn cutout(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Path(character_id): Path<String>,
) -> ApiResult<axum::response::Response> {
    let c = find_character(&state, &project.0, &character_id).await?;
    let stored = state.storage.get(&c.asset_key, None).await?;
    let bytes: Vec<u8> = futures::TryStreamExt::try_concat(stored.stream.map_ok(|b| b.to_vec())).await?;
    let (frames, fps) = (u32::try_from(c.frames).unwrap_or(1), u32::try_from(c.fps).unwrap_or(1));
    let png = tokio::task::spawn_blocking(move || {
        let mut cut = kino_media::CharacterCut::from_png(&bytes, frames, fps)?;
        cut.frames.truncate(1);
        cut.to_png()
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    Ok(axum::response::IntoResponse::into_response((
        [
            (axum::http::header::CONTENT_TYPE, "image/png"),
            (axum::http::header::CACHE_CONTROL, "private, max-age=86400"),
        ],
        png,
    )))
}
