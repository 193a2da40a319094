//! Extensions: the source clip goes into the new file first, frame by frame with its sound,
//! then the engine's new segment follows in the same encode.
use kino_engine::{EngineError, FrameSink, OpenFrames, RenderControl};

/// The clip an extension starts with, resampled to the output's size and frame rate.
pub struct Head {
    pub clip: Box<dyn OpenFrames>,
    /// Interleaved stereo at 48 kHz, exactly `frames / fps` seconds of it.
    pub audio: Vec<f32>,
    pub frames: u32,
}

impl Head {
    /// Push every frame and its share of the audio into `sink`, counting frames on `control`.
    pub fn stitch(&self, sink: &mut dyn FrameSink, control: &RenderControl) -> Result<(), EngineError> {
        control.set_total(self.frames);
        let mut stream = self.clip.open()?;
        let pairs = self.audio.len() / 2;
        let mut sent = 0usize;
        for index in 0..self.frames {
            if control.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let Some(frame) = stream.next_frame()? else {
                return Err(EngineError::fatal("invalid_source_video", "The video being extended ended early."));
            };
            sink.video_frame(frame)?;
            let due = pairs * (index as usize + 1) / self.frames.max(1) as usize;
            sink.audio(&self.audio[sent * 2..due * 2])?;
            sent = due;
            control.frame_done();
        }
        Ok(())
    }
}
