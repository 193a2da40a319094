//! Kino's media layer: engine frames and audio in, a moov-first MP4 (H.264 Constrained
//! Baseline + AAC-LC), a WebP thumbnail and a JPEG spritesheet out; and the reverse for
//! uploaded clips (probe, decode), hardened against hostile files.
//!
//! Codecs are bundled C libraries: openh264 (built from source: Cisco's patent licence does
//! not cover it), fdk-aac (Fraunhofer licence, no patent grant) and libwebp.

mod aac;
mod aac_decoder;
mod character_png;
mod clip_frames;
mod color;
mod decode;
mod demux;
mod error;
mod faststart;
mod frame_scale;
mod h264;
mod image_codec;
mod image_decode;
mod limits;
mod matte;
mod matte_mask;
mod mux;
mod nal;
mod pipeline;
mod probe;
mod retime;
mod sample_entry;
mod settings;
mod spritesheet;
mod sps;
mod thumbnail;

pub use clip_frames::{ClipFrames, last_frame, source_audio};
pub use decode::{decode_audio, decode_video};
pub use error::{ClipError, MediaError};
pub use image_codec::{encode_jpeg, encode_webp};
pub use image_decode::{DecodedImage, decode_image, image_kind};
pub use limits::{MAX_DIMENSION, MAX_DURATION_SECONDS, MAX_SAMPLES};
pub use matte::{CHARACTER_LONG_SIDE, CharacterCut, MAX_CHARACTER_SECONDS, extract_character};
pub use pipeline::{EncodeOutput, encode_clip};
pub use probe::{AudioInfo, ProbeInfo, probe_mp4};
pub use settings::EncodeSettings;
pub use spritesheet::{
    SPRITE_COLUMNS, SPRITE_ROWS, SPRITE_TILE_LONG_SIDE, SPRITE_TILES, sprite_frame_index, sprite_tile_size,
    spritesheet_size,
};
pub use thumbnail::THUMBNAIL_WEBP_QUALITY;
