//! What `model` names mean here: each served model maps to an engine and the sizes and
//! durations it accepts. The OpenAI names map to the preview engine so that every example
//! written for the Videos API runs out of the box.
//!
//! `registry.rs` holds the table, `build.rs` fills it from the configuration (Wan checkpoints
//! in `wan.rs`, other video servers in `crate::upstream`).
mod build;
mod registry;
pub mod wan;

pub use build::registry;
pub use registry::{Model, ModelRegistry, Takes};

pub const ALL_SIZES: [&str; 6] = ["720x1280", "1280x720", "1024x1792", "1792x1024", "1080x1920", "1920x1080"];
pub const SORA2_SIZES: [&str; 2] = ["720x1280", "1280x720"];
/// `kino-preview` also renders tiny sizes: quick smoke tests and CI batches.
pub const PREVIEW_SIZES: [&str; 8] =
    ["720x1280", "1280x720", "1024x1792", "1792x1024", "1080x1920", "1920x1080", "320x180", "180x320"];
pub const SECONDS: [u32; 5] = [4, 8, 12, 16, 20];
pub const DEFAULT_MODEL: &str = "sora-2";
pub const DEFAULT_SIZE: &str = "720x1280";
pub const DEFAULT_SECONDS: u32 = 4;
pub const FPS: u32 = 24;

/// Parse `WxH` into its numbers.
pub fn parse_size(size: &str) -> Option<(u32, u32)> {
    let (w, h) = size.split_once('x')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}
