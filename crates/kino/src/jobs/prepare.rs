//! Turn a video's stored inputs into what the engine is conditioned on: decode the reference
//! image, open the source clip as a frame stream, load character mattes. Runs before the
//! render; every failure here is the input's fault or storage's, and says which.
use std::sync::Arc;

use kino_engine::{Character, Conditioning, GenerationSpec, SourceClip, VideoFrame};
use kino_media::{CharacterCut, ClipFrames, MediaError};

use super::stitch::Head;
use crate::app::AppState;
use crate::create::inputs::{CastMember, Inputs, Lineage, SourceMode};
use crate::repo::VideoRow;
use crate::storage::StoreError;

/// A render ready to run: the engine's spec and, for an extension, the clip stitched before it.
pub struct Prepared {
    pub spec: GenerationSpec,
    pub head: Option<Head>,
}

impl Prepared {
    /// Frames in the finished file.
    pub fn total_frames(&self) -> u32 {
        self.spec.frame_count() + self.head.as_ref().map_or(0, |h| h.frames)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    /// The stored inputs cannot make this video (never better on retry).
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// Storage failed; another attempt may succeed.
    #[error("storage: {0}")]
    Storage(StoreError),
}

impl From<StoreError> for PrepareError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(path) => PrepareError::Invalid {
                code: "input_missing",
                message: format!("An input of this video is missing from storage ({path})."),
            },
            other => PrepareError::Storage(other),
        }
    }
}

fn media(code: &'static str, what: &'static str) -> impl Fn(MediaError) -> PrepareError {
    move |e| PrepareError::Invalid { code, message: format!("The {what} could not be read: {e}") }
}

/// A video's inputs, fetched from storage but not yet decoded (that is CPU work, done on the
/// render thread by [`Fetched::decode`]).
pub struct Fetched {
    spec: GenerationSpec,
    reference: Option<bytes::Bytes>,
    source: Option<FetchedSource>,
    characters: Vec<(CastMember, bytes::Bytes)>,
}

struct FetchedSource {
    bytes: Arc<[u8]>,
    mode: SourceMode,
    lineage: Option<Vec<String>>,
    seed: u64,
    head_frames: u32,
    head_seconds: u32,
}

impl Fetched {
    /// Frames the engine makes, and frames stitched before them.
    pub fn frames(&self) -> (u32, u32) {
        (self.spec.frame_count(), self.source.as_ref().map_or(0, |s| s.head_frames))
    }
}

/// Read `video`'s stored inputs; `base` has the prompt, size, fps, seconds and seed set.
pub async fn fetch(
    state: &AppState,
    video: &VideoRow,
    engine: &str,
    mut base: GenerationSpec,
) -> Result<Fetched, PrepareError> {
    let inputs = Inputs::from_json(video.inputs.as_deref()).map_err(|e| PrepareError::Invalid {
        code: "invalid_inputs",
        message: format!("The stored inputs of this video are unreadable: {e}"),
    })?;
    let reference = match &inputs.reference {
        Some(key) => Some(state.storage.get_bytes(key).await?),
        None => None,
    };
    let source = match &inputs.source {
        Some(source) => {
            let bytes: Arc<[u8]> = state.storage.get_bytes(&source.key).await?.to_vec().into();
            let lineage = source.lineage.as_ref().filter(|l: &&Lineage| l.engine == engine).map(|l| l.prompts.clone());
            let head_seconds = match source.mode {
                SourceMode::Edit => 0,
                SourceMode::Extend => source.seconds.min(base.seconds.saturating_sub(1)),
            };
            base.seconds -= head_seconds;
            Some(FetchedSource {
                bytes,
                mode: source.mode,
                lineage,
                seed: source.seed,
                head_frames: head_seconds * base.fps,
                head_seconds,
            })
        }
        None => None,
    };
    base.loras = inputs.loras.iter().map(|l| (l.name.clone(), l.scale)).collect();
    let mut characters = Vec::new();
    for member in &inputs.characters {
        characters.push((member.clone(), state.storage.get_bytes(&member.key).await?));
    }
    Ok(Fetched { spec: base, reference, source, characters })
}

impl Fetched {
    /// Decode everything into the engine's conditioning (blocking: call on the render thread).
    pub fn decode(self) -> Result<Prepared, PrepareError> {
        let Fetched { mut spec, reference, source, characters } = self;
        let (w, h, fps) = (spec.width, spec.height, spec.fps);
        let mut cond = Conditioning::default();
        let mut head = None;

        if let Some(bytes) = reference {
            let image =
                kino_media::decode_image(&bytes).map_err(media("invalid_input_reference", "reference image"))?;
            if (image.width, image.height) != (w, h) {
                return Err(PrepareError::Invalid {
                    code: "invalid_input_reference",
                    message: "Inpaint image must match the requested width and height".into(),
                });
            }
            cond.first_frame = Some(Arc::new(VideoFrame::new(w, h, image.rgba)));
        }

        if let Some(src) = source {
            match src.mode {
                SourceMode::Edit => {
                    let err = media("invalid_source_video", "source video");
                    let clip = ClipFrames::new(src.bytes.clone(), w, h, spec.frame_count(), fps).map_err(&err)?;
                    let audio = kino_media::source_audio(&src.bytes, spec.audio_samples()).map_err(&err)?;
                    cond.source = Some(SourceClip {
                        lineage: src.lineage.unwrap_or_default(),
                        seed: src.seed,
                        frames: Arc::new(clip),
                        audio: Arc::new(audio),
                    });
                }
                SourceMode::Extend => {
                    let err = media("invalid_source_video", "video being extended");
                    let samples = u64::from(src.head_seconds) * u64::from(kino_engine::AUDIO_SAMPLE_RATE);
                    let clip = ClipFrames::new(src.bytes.clone(), w, h, src.head_frames, fps).map_err(&err)?;
                    let audio = kino_media::source_audio(&src.bytes, samples).map_err(&err)?;
                    let last = kino_media::last_frame(&src.bytes, w, h).map_err(&err)?;
                    cond.first_frame = Some(Arc::new(last));
                    cond.continues = src.lineage.unwrap_or_default();
                    head = Some(Head { clip: Box::new(clip), audio, frames: src.head_frames });
                }
            }
        }

        for (member, png) in characters {
            let cut = CharacterCut::from_png(&png, member.frames, member.fps)
                .map_err(media("invalid_character", "character"))?;
            cond.characters.push(Arc::new(Character {
                id: member.id,
                name: member.name,
                fps: cut.fps,
                frames: cut.frames,
            }));
        }

        spec.conditioning = cond;
        Ok(Prepared { spec, head })
    }
}
