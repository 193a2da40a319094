//! The master stage: a peak limiter (instant attack, slow release) that holds the mix under
//! [`LIMIT`], the fade in and out at the clip's ends, and a final clamp at [`CEILING`] that
//! makes "never above 0.9" a guarantee rather than a hope.

use super::dsp::{RATE, decay, smooth};

/// The limiter's threshold: peaks above it are turned down.
pub const LIMIT: f32 = 0.8;
/// No output sample's magnitude ever exceeds this.
pub const CEILING: f32 = 0.9;
/// Seconds of fade at each end of the clip (at most a quarter of a short clip).
pub const FADE_SECONDS: f32 = 0.5;

#[derive(Debug, Clone)]
pub struct Master {
    env: f32,
    release: f32,
    fade: u64,
}

impl Master {
    pub fn new(total: u64) -> Self {
        Self { env: 0.0, release: decay(0.25), fade: ((FADE_SECONDS * RATE) as u64).min(total / 4).max(1) }
    }

    /// Limit one block in place (stereo-linked, so the image does not shift).
    pub fn limit(&mut self, block: &mut [[f32; 2]]) {
        for frame in block.iter_mut() {
            let peak = frame[0].abs().max(frame[1].abs());
            self.env = peak.max(self.env * self.release);
            if self.env > LIMIT {
                let g = LIMIT / self.env;
                frame[0] *= g;
                frame[1] *= g;
            }
        }
    }

    /// The fade gain for stereo sample `pos` of a clip of `total`.
    pub fn fade(&self, pos: u64, total: u64) -> f32 {
        let edge = pos.min(total.saturating_sub(1 + pos));
        if edge < self.fade { smooth(edge as f32 / self.fade as f32) } else { 1.0 }
    }
}

/// The last word on a sample: finite and inside the ceiling.
#[inline]
pub fn clamp(x: f32) -> f32 {
    if x.is_finite() { x.clamp(-CEILING, CEILING) } else { 0.0 }
}
