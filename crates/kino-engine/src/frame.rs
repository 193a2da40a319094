use crate::error::SinkError;

pub const AUDIO_SAMPLE_RATE: u32 = 48_000;
pub const AUDIO_CHANNELS: u32 = 2;

/// One RGBA8 frame (not premultiplied; alpha is ignored by the encoder).
/// Owned, so it can cross to the encoder thread while the engine draws the next one.
#[derive(Debug, Clone)]
pub struct VideoFrame {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl VideoFrame {
    pub fn new(width: u32, height: u32, rgba: Vec<u8>) -> Self {
        assert_eq!(rgba.len(), (width * height * 4) as usize, "RGBA buffer size");
        Self { width, height, rgba }
    }
}

/// Where an engine puts what it makes. Frames arrive in display order; audio arrives as
/// interleaved stereo f32 in [-1, 1] at 48 kHz, in chunks of any length, in order.
/// An engine should keep audio roughly in step with video (about one frame's worth of audio
/// per frame) so that the muxer can interleave without buffering the whole clip.
pub trait FrameSink: Send {
    fn video_frame(&mut self, frame: VideoFrame) -> Result<(), SinkError>;
    fn audio(&mut self, interleaved_stereo: &[f32]) -> Result<(), SinkError>;
}
