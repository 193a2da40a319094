//! Wan on candle: the UMT5 text encoder, the flow-matching UniPC scheduler, the video
//! transformer and the VAE, loaded from a diffusers-format directory and checked against
//! diffusers' own outputs on tiny random-weight fixtures (`fixtures/make_fixtures.py`).
//! On CPU in f32 the hot paths run Kino's fused kernels (`cpu`).
pub mod cpu;
pub mod engine;
mod error;
pub mod load;
pub mod lora;
mod norm;
pub mod pipeline;
pub mod scheduler;
pub mod text;
pub mod transformer;
pub mod umt5;
pub mod vae;

/// The tensor library, for callers that pick a device or dtype.
pub use candle_core;
/// Layers and variable builders, for callers that construct models themselves.
pub use candle_nn;
pub use error::{Result, WanError};
