//! The content policy on what a request brings: prompts screened against the policy's lists,
//! input images and clips against its face rules, before anything is stored or queued. A
//! refusal names the rule, never the text that matched.
use bytes::Bytes;
use kino_guard::{Blocked, Gray};

use super::error::{CreateError, CreateResult, Invalid};
use crate::app::AppState;

/// The prompt, against every enabled list.
pub fn prompt(policy: &kino_guard::Policy, prompt: &str) -> CreateResult<()> {
    policy.check_prompt(prompt).map_err(|b| CreateError::blocked(b, "prompt"))
}

/// An input image already decoded to RGBA, against `input_faces`. Blocking: run it off the
/// async threads.
pub fn image_faces(policy: &kino_guard::Policy, image: &kino_media::DecodedImage) -> Result<(), Blocked> {
    if !policy.input_faces.enabled {
        return Ok(());
    }
    policy.input_faces.check([&Gray::from_packed(&image.rgba, image.width, image.height, 4)])
}

/// Frames sampled evenly from an uploaded clip, against the face rule `rule`
/// (`input_faces` for videos to edit or extend, `character_likeness` for characters).
pub async fn clip_faces(state: &AppState, clip: Bytes, rule: &'static str, param: &'static str) -> CreateResult<()> {
    let Some(face_rule) = state.policy.face_rule(rule).filter(|r| r.enabled).cloned() else {
        return Ok(());
    };
    let verdict = tokio::task::spawn_blocking(move || {
        let frames = sample_frames(&clip, face_rule.settings.frames)?;
        Ok::<_, kino_media::MediaError>(face_rule.check(&frames))
    })
    .await
    .map_err(CreateError::internal)?;
    match verdict {
        Ok(Ok(())) => Ok(()),
        Ok(Err(b)) => Err(CreateError::blocked(b, param)),
        Err(e) if e.is_invalid_input() => {
            Err(Invalid::new(format!("Invalid '{param}': {e}")).param(param).code("invalid_video").into())
        }
        Err(e) => Err(CreateError::internal(e)),
    }
}

/// Up to `count` frames, spread evenly over the clip, as grey images.
fn sample_frames(clip: &[u8], count: u32) -> Result<Vec<Gray>, kino_media::MediaError> {
    let total = kino_media::probe_mp4(clip)?.video_frames.max(1);
    let count = count.clamp(1, total);
    // The middle of each of `count` equal spans.
    let wanted: Vec<u32> = (0..count).map(|i| ((2 * i + 1) * total / (2 * count)).min(total - 1)).collect();
    let mut frames = Vec::with_capacity(wanted.len());
    kino_media::decode_video(clip, |index, rgb, w, h| {
        if wanted.binary_search(&index).is_ok() {
            frames.push(Gray::from_packed(rgb, w, h, 3));
        }
        frames.len() < wanted.len()
    })?;
    Ok(frames)
}
