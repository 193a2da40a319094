//! kino-media's integration tests, one binary (each file under tests/ would be its own
//! binary, linking the codecs again): one module per topic, `common` shared.

mod character;
mod clip_frames;
mod common;
mod encode_roundtrip;
mod failure_paths;
mod ffmpeg_validation;
mod image_bomb;
mod image_decode;
mod long_and_sizes;
mod quiet;
