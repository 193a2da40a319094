//! Videos made from another video: remix (`POST /v1/videos/{id}/remix`, legacy), edits
//! (`POST /v1/videos/edits`) and extensions (`POST /v1/videos/extensions`). The source is a
//! completed video of the caller's project, or an uploaded MP4. Its bytes are copied under
//! the new video's prefix before the request returns, so deleting the source later breaks
//! nothing. `remixed_from_video_id` names the source video for all three (null for uploads).
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use bytes::Bytes;
use serde_json::Value;

use super::auth::{Caller, Project};
use super::body::{Form, parse_form};
use super::guard;
use super::middleware::RequestId;
use super::quota;
use super::ratelimit::{self, RateState};
use super::types::Video;
use super::validate::{self, optional_string, quote_list};
use super::videos::{self, Pending, enqueue, new_row, random_seed};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::jobs::inputs::{Inputs, Lineage, Source, SourceMode};
use crate::models::{DEFAULT_MODEL, parse_size};
use crate::repo::{VideoKind, VideoStatus};
use crate::storage::{Asset, asset_key, input_key};

/// At most this many extensions in one chain, and this many seconds in all (the guide's limits).
pub const MAX_EXTENSIONS: i64 = 6;
pub const MAX_TOTAL_SECONDS: u32 = 120;
/// An uploaded clip to edit may be at most this long (the longest create).
pub const MAX_EDIT_UPLOAD_SECONDS: u32 = 20;

pub async fn remix(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    Path(video_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    quota::check_budget(&state, &project).await?;
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    validate::known_fields(&form, &["prompt"])?;
    let prompt = validate::prompt(&form)?;
    guard::prompt(&state, &prompt)?;
    let src = by_id(&state, &project, &video_id, "remixed").await?;
    let rate = ratelimit::admit(&state, &project, &caller, &src.model).await?;
    let video = derive(&state, &project, request_id, src, prompt, VideoKind::Remix, 0).await?;
    Ok(RateState::apply(rate, video))
}

pub async fn edit(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    quota::check_budget(&state, &project).await?;
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    validate::known_fields(&form, &["video", "prompt", "model"])?;
    let prompt = validate::prompt(&form)?;
    guard::prompt(&state, &prompt)?;
    let (src, rate) = admitted_source(&state, &project, &caller, &form, "edited", MAX_EDIT_UPLOAD_SECONDS).await?;
    let video = derive(&state, &project, request_id, src, prompt, VideoKind::Edit, 0).await?;
    Ok(RateState::apply(rate, video))
}

pub async fn extend(
    State(state): State<AppState>,
    Extension(project): Extension<Project>,
    Extension(caller): Extension<Caller>,
    Extension(request_id): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    quota::check_budget(&state, &project).await?;
    let form = parse_form(&headers, body, state.config.max_body_bytes()).await?;
    for unsupported in ["characters", "input_reference"] {
        if form.fields.contains_key(unsupported) || form.file(unsupported).is_some() {
            return Err(ApiError::bad_request(format!("Extensions do not support '{unsupported}'."))
                .param(unsupported)
                .code("unsupported_parameter"));
        }
    }
    validate::known_fields(&form, &["video", "prompt", "seconds", "model"])?;
    let prompt = validate::prompt(&form)?;
    guard::prompt(&state, &prompt)?;
    if form.fields.get("seconds").is_none_or(Value::is_null) {
        return Err(ApiError::missing("seconds"));
    }
    let seconds = validate::seconds(&form)?;
    let max_upload = MAX_TOTAL_SECONDS.saturating_sub(seconds);
    let (src, rate) = admitted_source(&state, &project, &caller, &form, "extended", max_upload).await?;
    if src.extensions >= MAX_EXTENSIONS {
        return Err(ApiError::invalid_value(
            "video",
            format!(
                "A video can be extended at most {MAX_EXTENSIONS} times; this one already has {} extensions.",
                src.extensions
            ),
        ));
    }
    let total = src.seconds + seconds;
    if total > MAX_TOTAL_SECONDS {
        return Err(ApiError::invalid_value(
            "seconds",
            format!(
                "Extending this {} s video by {seconds} s would make it {total} s long; extended videos are at most {MAX_TOTAL_SECONDS} s.",
                src.seconds
            ),
        ));
    }
    let video = derive(&state, &project, request_id, src, prompt, VideoKind::Extension, seconds).await?;
    Ok(RateState::apply(rate, video))
}

/// The source named by `video`, admitted against its model's rate limit — for an upload,
/// before the clip is probed.
async fn admitted_source(
    state: &AppState,
    project: &Project,
    caller: &Caller,
    form: &Form,
    verb: &str,
    max_upload_seconds: u32,
) -> ApiResult<(SourceVideo, Option<RateState>)> {
    match source_arg(form)? {
        SourceArg::Id(id) => {
            let src = by_id(state, project, &id, verb).await?;
            let rate = ratelimit::admit(state, project, caller, &src.model).await?;
            Ok((src, rate))
        }
        SourceArg::Upload(bytes) => {
            let model = optional_string(form, "model")?.unwrap_or_else(|| DEFAULT_MODEL.to_string());
            let rate = ratelimit::admit(state, project, caller, &model).await?;
            Ok((by_upload(state, form, bytes, max_upload_seconds).await?, rate))
        }
    }
}

/// Where a derived video's pixels come from.
struct SourceVideo {
    id: Option<String>,
    model: String,
    size: String,
    seconds: u32,
    seed: u64,
    lineage: Option<Lineage>,
    extensions: i64,
    mp4: Mp4,
}

enum Mp4 {
    Stored(String),
    Uploaded(Bytes),
}

enum SourceArg {
    Id(String),
    Upload(Bytes),
}

fn source_arg(form: &Form) -> ApiResult<SourceArg> {
    if let Some(upload) = form.file("video") {
        return Ok(SourceArg::Upload(upload.data.clone()));
    }
    let bad_type = |got: &str| {
        ApiError::invalid_type(
            "video",
            format!(
                "Invalid type for 'video': expected a file or an object like {{\"id\": \"video_...\"}}, but got {got} instead."
            ),
        )
    };
    match form.fields.get("video") {
        None | Some(Value::Null) => Err(ApiError::missing("video")),
        Some(Value::Object(obj)) => match obj.get("id") {
            Some(Value::String(id)) if obj.len() == 1 => Ok(SourceArg::Id(id.clone())),
            Some(Value::String(_)) => Err(ApiError::bad_request("Invalid 'video': only 'id' may be given.")
                .param("video")
                .code("unknown_parameter")),
            None => Err(ApiError::missing("video.id")),
            Some(_) => Err(ApiError::invalid_type("video.id", "Invalid type for 'video.id': expected a string.")),
        },
        Some(Value::String(_)) => Err(bad_type("a string")),
        Some(_) => Err(bad_type("another type")),
    }
}

async fn by_id(state: &AppState, project: &Project, id: &str, verb: &str) -> ApiResult<SourceVideo> {
    let v = videos::find(state, project, id).await?;
    if v.status != VideoStatus::Completed {
        return Err(ApiError::bad_request(format!(
            "Video '{id}' is not completed (its status is '{}'); only completed videos can be {verb}.",
            v.status.as_str()
        )));
    }
    let prefix = v.asset_prefix.clone().ok_or_else(|| ApiError::internal("completed video without assets"))?;
    Ok(SourceVideo {
        id: Some(v.id.clone()),
        seconds: v.seconds.parse().unwrap_or(0),
        seed: v.seed as u64,
        lineage: Lineage::from_json(v.lineage.as_deref()),
        extensions: v.extensions,
        mp4: Mp4::Stored(asset_key(&prefix, Asset::Video)),
        model: v.model,
        size: v.size,
    })
}

/// An uploaded clip: probed (H.264 in MP4/MOV, sane size), at most `max_seconds` long. The
/// output takes the model's size closest to the clip's shape; the clip is fitted to it.
async fn by_upload(state: &AppState, form: &Form, bytes: Bytes, max_seconds: u32) -> ApiResult<SourceVideo> {
    let model_id = optional_string(form, "model")?.unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let Some(model) = state.models.get(&model_id) else {
        return Err(ApiError::invalid_value(
            "model",
            format!("Invalid value: '{model_id}'. Supported values are: {}.", quote_list(&state.models.ids())),
        ));
    };
    let probe = bytes.clone();
    let info = tokio::task::spawn_blocking(move || kino_media::probe_mp4(&probe))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| {
            if e.is_invalid_input() {
                ApiError::bad_request(format!("Invalid 'video': {e}")).param("video").code("invalid_video")
            } else {
                ApiError::internal(e)
            }
        })?;
    if info.duration_seconds > f64::from(max_seconds) + 0.05 {
        return Err(ApiError::bad_request(format!(
            "Invalid 'video': the clip is {:.1} s long; at most {max_seconds} s can be used here.",
            info.duration_seconds
        ))
        .param("video")
        .code("video_too_long"));
    }
    guard::clip_faces(state, bytes.clone(), kino_guard::INPUT_FACES, "video").await?;
    let seconds = (info.duration_seconds - 0.05).ceil().max(1.0) as u32;
    let aspect = f64::from(info.width) / f64::from(info.height.max(1));
    let size = model
        .sizes
        .iter()
        .min_by(|a, b| {
            let d =
                |s: &&&str| parse_size(s).map_or(f64::MAX, |(w, h)| (f64::from(w) / f64::from(h) / aspect).ln().abs());
            d(a).total_cmp(&d(b))
        })
        .map(|s| s.to_string())
        .ok_or_else(|| ApiError::internal("model without sizes"))?;
    Ok(SourceVideo {
        id: None,
        model: model.id.clone(),
        size,
        seconds,
        seed: random_seed(),
        lineage: None,
        extensions: 0,
        mp4: Mp4::Uploaded(bytes),
    })
}

/// Queue the derived video. `added` is an extension's new seconds (0 for edits and remixes).
async fn derive(
    state: &AppState,
    project: &Project,
    request_id: RequestId,
    src: SourceVideo,
    prompt: String,
    kind: VideoKind,
    added: u32,
) -> ApiResult<Json<Video>> {
    if let Some(model) = state.models.get(&src.model) {
        let extension = kind == VideoKind::Extension;
        if extension && !model.takes.first_frame || !extension && !model.takes.source {
            let what = if extension { "extend" } else { "edit or remix" };
            return Err(ApiError::invalid_value("video", format!("Model '{}' cannot {what} videos.", model.id)));
        }
        if extension && !model.seconds.contains(&added) {
            let seconds: Vec<String> = model.seconds.iter().map(u32::to_string).collect();
            let seconds: Vec<&str> = seconds.iter().map(String::as_str).collect();
            return Err(ApiError::invalid_value(
                "seconds",
                format!("Model '{}' extends by {} seconds only.", model.id, quote_list(&seconds)),
            ));
        }
    }
    let mut row = new_row(project, src.model, prompt.clone(), src.size, src.seconds + added, src.seed);
    row.kind = kind;
    row.remixed_from_video_id = src.id;
    row.lineage = src.lineage.as_ref().map(|l| l.then(&prompt).to_json());
    row.extensions = if kind == VideoKind::Extension { src.extensions + 1 } else { src.extensions };
    let key = input_key(&row.id, "source.mp4");
    let mut pending = Pending::new();
    match src.mp4 {
        Mp4::Stored(from) => pending.copies.push((from, key.clone())),
        Mp4::Uploaded(bytes) => pending.blobs.push((key.clone(), bytes)),
    }
    let mode = if kind == VideoKind::Extension { SourceMode::Extend } else { SourceMode::Edit };
    let inputs = Inputs {
        source: Some(Source { key, mode, lineage: src.lineage, seed: src.seed, seconds: src.seconds }),
        ..Inputs::default()
    };
    row.inputs = inputs.to_json();
    enqueue(state, row, pending, request_id).await
}
