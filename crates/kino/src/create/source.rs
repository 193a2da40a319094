//! Videos made from another video: remixes, edits and extensions. The source is a completed
//! video of the caller's project, or an uploaded MP4. Its bytes are copied under the new
//! video's prefix before the request returns, so deleting the source later breaks nothing.
//! `remixed_from_video_id` names the source video for all three (null for uploads).
use bytes::Bytes;
use serde_json::Value;

use super::error::{CreateError, CreateResult, Invalid};
use super::inputs::{Inputs, Lineage, Source, SourceMode};
use super::validate::{self, optional_string, quote_list};
use super::{Edge, Form, NewVideo, guard, new_row, random_seed};
use crate::app::AppState;
use crate::ids;
use crate::models::{DEFAULT_MODEL, parse_size};
use crate::repo::{VideoKind, VideoStatus};
use crate::storage::{Asset, asset_key, input_key};

/// At most this many extensions in one chain, and this many seconds in all (the guide's limits).
pub const MAX_EXTENSIONS: i64 = 6;
pub const MAX_TOTAL_SECONDS: u32 = 120;
/// An uploaded clip to edit may be at most this long (the longest create).
pub const MAX_EDIT_UPLOAD_SECONDS: u32 = 20;

pub(super) async fn remix<E: Edge>(
    state: &AppState,
    project: &str,
    video_id: &str,
    prompt: String,
    edge: &mut E,
) -> Result<(NewVideo, E::Ticket), E::Error> {
    let src = by_id(state, project, video_id, "remixed").await?;
    let ticket = edge.admit(&src.model).await?;
    Ok((derive(state, project, src, prompt, VideoKind::Remix, 0)?, ticket))
}

pub(super) async fn edit<E: Edge>(
    state: &AppState,
    project: &str,
    form: &Form,
    prompt: String,
    edge: &mut E,
) -> Result<(NewVideo, E::Ticket), E::Error> {
    let (src, ticket) = admitted_source(state, project, form, "edited", MAX_EDIT_UPLOAD_SECONDS, edge).await?;
    Ok((derive(state, project, src, prompt, VideoKind::Edit, 0)?, ticket))
}

/// An extension's `seconds`: required, one of the create durations.
pub(super) fn extension_seconds(form: &Form) -> CreateResult<u32> {
    if form.fields.get("seconds").is_none_or(Value::is_null) {
        return Err(Invalid::missing("seconds").into());
    }
    Ok(validate::seconds(form)?)
}

pub(super) async fn extend<E: Edge>(
    state: &AppState,
    project: &str,
    form: &Form,
    prompt: String,
    seconds: u32,
    edge: &mut E,
) -> Result<(NewVideo, E::Ticket), E::Error> {
    let max_upload = MAX_TOTAL_SECONDS.saturating_sub(seconds);
    let (src, ticket) = admitted_source(state, project, form, "extended", max_upload, edge).await?;
    if src.extensions >= MAX_EXTENSIONS {
        let message = format!(
            "A video can be extended at most {MAX_EXTENSIONS} times; this one already has {} extensions.",
            src.extensions
        );
        return Err(CreateError::from(Invalid::invalid_value("video", message)).into());
    }
    let total = src.seconds + seconds;
    if total > MAX_TOTAL_SECONDS {
        let message = format!(
            "Extending this {} s video by {seconds} s would make it {total} s long; extended videos are at most {MAX_TOTAL_SECONDS} s.",
            src.seconds
        );
        return Err(CreateError::from(Invalid::invalid_value("seconds", message)).into());
    }
    Ok((derive(state, project, src, prompt, VideoKind::Extension, seconds)?, ticket))
}

/// The source named by `video`, admitted against its model's rate limit — for an upload,
/// before the clip is probed.
async fn admitted_source<E: Edge>(
    state: &AppState,
    project: &str,
    form: &Form,
    verb: &str,
    max_upload_seconds: u32,
    edge: &mut E,
) -> Result<(SourceVideo, E::Ticket), E::Error> {
    match source_arg(form).map_err(CreateError::from)? {
        SourceArg::Id(id) => {
            let src = by_id(state, project, &id, verb).await?;
            let ticket = edge.admit(&src.model).await?;
            Ok((src, ticket))
        }
        SourceArg::Upload(bytes) => {
            let model = optional_string(form, "model").map_err(CreateError::from)?;
            let ticket = edge.admit(model.as_deref().unwrap_or(DEFAULT_MODEL)).await?;
            Ok((by_upload(state, form, bytes, max_upload_seconds).await?, ticket))
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

fn source_arg(form: &Form) -> Result<SourceArg, Invalid> {
    if let Some(upload) = form.file("video") {
        return Ok(SourceArg::Upload(upload.data.clone()));
    }
    let bad_type = |got: &str| {
        Invalid::invalid_type(
            "video",
            format!(
                "Invalid type for 'video': expected a file or an object like {{\"id\": \"video_...\"}}, but got {got} instead."
            ),
        )
    };
    match form.fields.get("video") {
        None | Some(Value::Null) => Err(Invalid::missing("video")),
        Some(Value::Object(obj)) => match obj.get("id") {
            Some(Value::String(id)) if obj.len() == 1 => Ok(SourceArg::Id(id.clone())),
            Some(Value::String(_)) => {
                Err(Invalid::new("Invalid 'video': only 'id' may be given.").param("video").code("unknown_parameter"))
            }
            None => Err(Invalid::missing("video.id")),
            Some(_) => Err(Invalid::invalid_type("video.id", "Invalid type for 'video.id': expected a string.")),
        },
        Some(Value::String(_)) => Err(bad_type("a string")),
        Some(_) => Err(bad_type("another type")),
    }
}

/// The completed video `id` of `project`.
async fn by_id(state: &AppState, project: &str, id: &str, verb: &str) -> CreateResult<SourceVideo> {
    let v = state
        .repo
        .get_video(project, id, ids::now_secs())
        .await?
        .ok_or_else(|| CreateError::not_found(format!("Video with id '{id}' not found.")))?;
    if v.status != VideoStatus::Completed {
        return Err(Invalid::new(format!(
            "Video '{id}' is not completed (its status is '{}'); only completed videos can be {verb}.",
            v.status.as_str()
        ))
        .into());
    }
    let prefix = v.asset_prefix.clone().ok_or_else(|| CreateError::internal("completed video without assets"))?;
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
async fn by_upload(state: &AppState, form: &Form, bytes: Bytes, max_seconds: u32) -> CreateResult<SourceVideo> {
    let model_id = optional_string(form, "model")?.unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let Some(model) = state.models.get(&model_id) else {
        let message =
            format!("Invalid value: '{model_id}'. Supported values are: {}.", quote_list(&state.models.ids()));
        return Err(Invalid::invalid_value("model", message).into());
    };
    let probe = bytes.clone();
    let info = tokio::task::spawn_blocking(move || kino_media::probe_mp4(&probe))
        .await
        .map_err(CreateError::internal)?
        .map_err(|e| {
            if e.is_invalid_input() {
                Invalid::new(format!("Invalid 'video': {e}")).param("video").code("invalid_video").into()
            } else {
                CreateError::internal(e)
            }
        })?;
    if info.duration_seconds > f64::from(max_seconds) + 0.05 {
        return Err(Invalid::new(format!(
            "Invalid 'video': the clip is {:.1} s long; at most {max_seconds} s can be used here.",
            info.duration_seconds
        ))
        .param("video")
        .code("video_too_long")
        .into());
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
        .ok_or_else(|| CreateError::internal("model without sizes"))?;
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

/// The derived video. `added` is an extension's new seconds (0 for edits and remixes).
fn derive(
    state: &AppState,
    project: &str,
    src: SourceVideo,
    prompt: String,
    kind: VideoKind,
    added: u32,
) -> CreateResult<NewVideo> {
    if let Some(model) = state.models.get(&src.model) {
        let extension = kind == VideoKind::Extension;
        if extension && !model.takes.first_frame || !extension && !model.takes.source {
            let what = if extension { "extend" } else { "edit or remix" };
            return Err(Invalid::invalid_value("video", format!("Model '{}' cannot {what} videos.", model.id)).into());
        }
        if extension && !model.seconds.contains(&added) {
            let seconds: Vec<String> = model.seconds.iter().map(u32::to_string).collect();
            let seconds: Vec<&str> = seconds.iter().map(String::as_str).collect();
            let message = format!("Model '{}' extends by {} seconds only.", model.id, quote_list(&seconds));
            return Err(Invalid::invalid_value("seconds", message).into());
        }
    }
    let mut row = new_row(project, src.model, prompt.clone(), src.size, src.seconds + added, src.seed);
    row.kind = kind;
    row.remixed_from_video_id = src.id;
    row.lineage = src.lineage.as_ref().map(|l| l.then(&prompt).to_json());
    row.extensions = if kind == VideoKind::Extension { src.extensions + 1 } else { src.extensions };
    let key = input_key(&row.id, "source.mp4");
    let mut video = NewVideo { row, blobs: Vec::new(), copies: Vec::new() };
    match src.mp4 {
        Mp4::Stored(from) => video.copies.push((from, key.clone())),
        Mp4::Uploaded(bytes) => video.blobs.push((key.clone(), bytes)),
    }
    let mode = if kind == VideoKind::Extension { SourceMode::Extend } else { SourceMode::Edit };
    let inputs = Inputs {
        source: Some(Source { key, mode, lineage: src.lineage, seed: src.seed, seconds: src.seconds }),
        ..Inputs::default()
    };
    video.row.inputs = inputs.to_json();
    Ok(video)
}
