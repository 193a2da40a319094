//! Engine output to files: H.264 and AAC encoders, the streaming moov-first MP4 writer,
//! and the thumbnail and spritesheet cut from frames as they stream past.
//!
//! Imports run one way: `pipeline` drives the encoders and `mux`; `mux` falls back to
//! `faststart`; both build their samples with `sample_table`.

mod aac;
mod faststart;
mod h264;
mod mux;
mod pipeline;
mod sample_entry;
mod sample_table;
mod settings;
mod spritesheet;
mod still;
mod thumbnail;

pub use pipeline::{EncodeOutput, encode_clip};
pub use settings::EncodeSettings;
pub use spritesheet::{
    SPRITE_COLUMNS, SPRITE_ROWS, SPRITE_TILE_LONG_SIDE, SPRITE_TILES, sprite_frame_index, sprite_tile_size,
    spritesheet_size,
};
pub use still::{encode_jpeg, encode_png, encode_webp};
pub use thumbnail::THUMBNAIL_WEBP_QUALITY;
