use crate::conditioning::Conditioning;
use crate::frame::AUDIO_SAMPLE_RATE;

/// Everything an engine needs to render one clip. Validated before it gets here:
/// sizes are even and within the contract, durations are whole seconds.
#[derive(Debug, Clone, Default)]
pub struct GenerationSpec {
    pub prompt: String,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub seconds: u32,
    pub seed: u64,
    /// Reference image, edit source, continued scene, characters: empty for a plain prompt.
    pub conditioning: Conditioning,
    /// LoRAs the model serves, by name, with their scales, as the request chose them (engines
    /// without LoRAs are never given any: the model table refuses them first).
    pub loras: Vec<(String, f32)>,
}

impl GenerationSpec {
    pub fn frame_count(&self) -> u32 {
        self.fps * self.seconds
    }

    /// Stereo sample frames of audio the clip carries (48 kHz).
    pub fn audio_samples(&self) -> u64 {
        u64::from(AUDIO_SAMPLE_RATE) * u64::from(self.seconds)
    }
}
