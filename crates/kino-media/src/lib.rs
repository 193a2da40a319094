//! Kino's media layer: engine frames and audio in, a moov-first MP4 (H.264 Constrained
//! Baseline + AAC-LC), a WebP thumbnail and a JPEG spritesheet out; and the reverse for
//! uploaded clips (probe, decode), hardened against hostile files.
//!
//! Codecs are bundled C libraries: openh264 (built from source: Cisco's patent licence does
//! not cover it), fdk-aac (Fraunhofer licence, no patent grant) and libwebp.
//!
//! Layout: `encode` (frames and audio to MP4, thumbnail, spritesheet), `decode` (uploads in:
//! demux, decode, probe, stills, clips as engine input) and `characters` (cut-outs from a
//! clip, built on `decode`); shared by them at the root: errors, upload limits, colour
//! conversion, frame scaling and H.264 NAL framing. Imports run one way: `characters` →
//! `decode` → root, `encode` → root.

mod characters;
mod color;
mod decode;
mod encode;
mod error;
mod frame_scale;
mod limits;
mod nal;
mod resize;

pub use characters::{CHARACTER_LONG_SIDE, CharacterCut, MAX_CHARACTER_SECONDS, extract_character};
pub use decode::{
    AudioInfo, ClipFrames, DecodedImage, ProbeInfo, decode_audio, decode_image, decode_video, image_kind, last_frame,
    probe_mp4, source_audio,
};
pub use encode::{
    EncodeOutput, EncodeSettings, SPRITE_COLUMNS, SPRITE_ROWS, SPRITE_TILE_LONG_SIDE, SPRITE_TILES,
    THUMBNAIL_WEBP_QUALITY, encode_clip, encode_jpeg, encode_png, encode_webp, sprite_frame_index, sprite_tile_size,
    spritesheet_size,
};
pub use error::{ClipError, MediaError};
pub use limits::{MAX_DIMENSION, MAX_DURATION_SECONDS, MAX_SAMPLES};
