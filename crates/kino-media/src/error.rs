use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// What went wrong in the media layer. Variants separate "the input is bad" (an upload the
/// server should answer with 400) from "we failed" (500), see [`MediaError::is_invalid_input`].
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("invalid encode settings: {0}")]
    InvalidSettings(String),
    #[error("frame {index} is {got_width}x{got_height} (buffer {got_len} bytes) but the clip is {width}x{height}")]
    FrameSize { index: u32, width: u32, height: u32, got_width: u32, got_height: u32, got_len: usize },
    #[error("the engine produced no video frames")]
    NoFrames,
    #[error("H.264 encoder: {0}")]
    H264Encode(String),
    #[error("AAC encoder: {0}")]
    AacEncode(String),
    #[error("MP4 muxer: {0}")]
    Mux(String),
    #[error("writing {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("WebP encoder: {0}")]
    WebpEncode(String),
    #[error("JPEG encoder: {0}")]
    JpegEncode(String),
    #[error("image resize: {0}")]
    Resize(String),
    #[error("encoding stopped before the clip was finished")]
    Aborted,

    #[error("not an MP4/MOV file: {0}")]
    NotMp4(String),
    #[error("no video track in the file")]
    NoVideoTrack,
    #[error("no audio track in the file")]
    NoAudioTrack,
    #[error("unsupported video codec {0}: only H.264 (avc1) is accepted")]
    UnsupportedVideoCodec(String),
    #[error(
        "unsupported H.264 profile {profile_idc} ({name}): only Baseline, Main and High (8-bit 4:2:0) are accepted"
    )]
    UnsupportedH264Profile { profile_idc: u8, name: &'static str },
    #[error("unsupported audio codec {0}: only AAC is accepted")]
    UnsupportedAudioCodec(String),
    #[error("video is {width}x{height}; the largest accepted is {max}x{max}")]
    TooLarge { width: u32, height: u32, max: u32 },
    #[error("video is {seconds:.1} s long; the longest accepted is {max} s")]
    TooLong { seconds: f64, max: u32 },
    #[error("file declares {count} samples; at most {max} are accepted")]
    TooManySamples { count: u64, max: u64 },
    #[error("corrupt media: {0}")]
    Corrupt(String),
    #[error("H.264 decoder: {0}")]
    H264Decode(String),
    #[error("AAC decoder: {0}")]
    AacDecode(String),

    #[error("unsupported image type; use JPEG, PNG or WebP")]
    UnsupportedImageType,
    #[error("image is {width}x{height}; the limit is {max}x{max}")]
    ImageTooLarge { width: u32, height: u32, max: u32 },
    #[error("the {format} image is corrupt or truncated: {detail}")]
    ImageCorrupt { format: &'static str, detail: String },
    #[error("PNG encoder: {0}")]
    PngEncode(String),
    #[error("character clip is {seconds:.1} s long; the longest accepted is {max} s (2-4 s works best)")]
    CharacterTooLong { seconds: f64, max: u32 },
    #[error("no subject could be separated from the background; film the character against a plain, still background")]
    NoSubject,
    /// A character clip of a size or shape a subject cannot be cut from well.
    #[error("{0}")]
    BadClipShape(String),
    #[error("stored character is unreadable: {0}")]
    StoredCharacter(String),

    #[error("internal media error: {0}")]
    Internal(String),
}

impl MediaError {
    /// True when the input file is at fault (reject the upload), false when Kino is.
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Self::NotMp4(_)
                | Self::NoVideoTrack
                | Self::NoAudioTrack
                | Self::UnsupportedVideoCodec(_)
                | Self::UnsupportedH264Profile { .. }
                | Self::UnsupportedAudioCodec(_)
                | Self::TooLarge { .. }
                | Self::TooLong { .. }
                | Self::TooManySamples { .. }
                | Self::Corrupt(_)
                | Self::H264Decode(_)
                | Self::AacDecode(_)
                | Self::UnsupportedImageType
                | Self::ImageTooLarge { .. }
                | Self::ImageCorrupt { .. }
                | Self::CharacterTooLong { .. }
                | Self::NoSubject
                | Self::BadClipShape(_)
        )
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io { path: path.into(), source }
    }
}

/// Why [`crate::encode_clip`] failed: the engine stopped (its own error, cancellation
/// included), or the media side failed (then the engine saw only a closed sink).
#[derive(Debug, thiserror::Error)]
pub enum ClipError {
    #[error(transparent)]
    Engine(kino_engine::EngineError),
    #[error(transparent)]
    Media(MediaError),
}

/// Turns a caught panic payload into text for an error message.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// Run demux/decode code that may panic on hostile input; a panic becomes `Corrupt`.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, MediaError>) -> Result<T, MediaError> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(MediaError::Corrupt(format!("malformed file ({})", panic_message(&*p)))))
}
