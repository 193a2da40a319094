//! Wan on candle: the UMT5 text encoder, the flow-matching UniPC scheduler, and (next) the
//! video transformer and VAE, loaded from a diffusers-format directory and checked against
//! diffusers' own outputs on tiny random-weight fixtures (`fixtures/make_fixtures.py`).
mod conv;
mod error;
pub mod engine;
pub mod load;
mod norm;
pub mod pipeline;
pub mod scheduler;
pub mod text;
pub mod transformer;
pub mod umt5;
pub mod vae;

pub use error::{Result, WanError};
/// The tensor library, for callers that pick a device or dtype.
pub use candle_core;
