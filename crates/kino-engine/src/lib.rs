//! The contract between Kino and a video engine.
//!
//! An engine turns a [`GenerationSpec`] into frames and audio, pushed into a [`FrameSink`]
//! as they are made, so a long clip never sits in memory whole. Engines are synchronous
//! and CPU/GPU bound: the server runs them on a blocking thread, never on the async runtime.

mod conditioning;
mod control;
mod error;
mod frame;
mod spec;

pub use conditioning::{Character, Conditioning, FrameSource, OpenFrames, SourceClip};
pub use control::{CancelFlag, RenderControl, StateStore};
pub use error::{EngineError, SinkError};
pub use frame::{AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, FrameSink, VideoFrame};
pub use spec::GenerationSpec;

/// A video engine. Implementations must be deterministic for a given spec (including seed)
/// where they can, report real progress through [`RenderControl::frame_done`], and return
/// [`EngineError::Cancelled`] promptly once [`RenderControl::is_cancelled`] turns true.
pub trait Engine: Send + Sync {
    /// Short stable name, e.g. `preview`.
    fn name(&self) -> &str;

    /// Render the clip described by `spec` into `sink`: exactly `spec.frame_count()` frames of
    /// `spec.width` x `spec.height`, and `spec.audio_samples()` stereo samples of audio.
    fn render(
        &self,
        spec: &GenerationSpec,
        sink: &mut dyn FrameSink,
        control: &RenderControl,
    ) -> Result<(), EngineError>;
}
