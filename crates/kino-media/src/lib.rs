//! Kino's media layer: engine frames and audio in, a moov-first MP4 (H.264 Constrained
//! Baseline + AAC-LC), a WebP thumbnail and a JPEG spritesheet out; and the reverse for
//! uploaded clips (probe, decode), hardened against hostile files.
//!
//! Codecs are bundled C libraries: openh264 (built from source: Cisco's patent licence does
//! not cover it), fdk-aac (Fraunhofer licence, no patent grant) and libwebp.

mod aac;
mod aac_decoder;
mod color;
mod decode;
mod demux;
mod error;
mod faststart;
mod h264;
mod image_codec;
mod limits;
mod mux;
mod nal;
mod pipeline;
mod probe;
mod sample_entry;
mod settings;
mod spritesheet;
mod sps;
mod thumbnail;

pub use decode::{decode_audio, decode_video};
pub use error::{ClipError, MediaError};
pub use image_codec::{encode_jpeg, encode_webp};
pub use limits::{MAX_DIMENSION, MAX_DURATION_SECONDS, MAX_SAMPLES};
pub use pipeline::{EncodeOutput, encode_clip};
pub use probe::{AudioInfo, ProbeInfo, probe_mp4};
pub use settings::EncodeSettings;
pub use spritesheet::{
    SPRITE_COLUMNS, SPRITE_ROWS, SPRITE_TILE_LONG_SIDE, SPRITE_TILES, sprite_frame_index,
    sprite_tile_size, spritesheet_size,
};
pub use thumbnail::THUMBNAIL_WEBP_QUALITY;
