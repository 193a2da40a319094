//! Waves: noise under a slow swell (a wave every 7–11 s, about 0.1 Hz): the cut-off opens as
//! the wave builds and breaks, then the wash draws back; some foam hiss at the crest. The
//! right ear hears the same wave a moment later, so it rolls across.

use crate::audio::Layer;
use crate::audio::dsp::{Noise, Svf, SvfCoef, smooth};
use crate::rng::Rng;

#[derive(Debug)]
pub(super) struct Waves {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    /// (start, length) of the current wave and the one before it.
    wave: (f32, f32),
    prev: (f32, f32),
}

/// How much later the right channel hears each wave.
const WAVE_LAG: f32 = 0.35;

impl Waves {
    pub(super) fn new(rng: &mut Rng) -> Self {
        let len = rng.range(7.0, 11.0);
        let start = -rng.range(0.1, 0.6) * len;
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            wave: (start, len),
            prev: (start - len, len),
        }
    }

    fn envelope(&self, t: f32) -> f32 {
        let (start, len) = if t >= self.wave.0 { self.wave } else { self.prev };
        let p = ((t - start) / len).clamp(0.0, 1.0);
        if p < 0.3 {
            smooth(p / 0.3)
        } else {
            let q = (1.0 - p) / 0.7;
            q * q * (1.5 - 0.5 * q)
        }
    }
}

impl Layer for Waves {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.wave.0 + self.wave.1 {
            self.prev = self.wave;
            self.wave = (self.wave.0 + self.wave.1, self.rng.range(7.0, 11.0));
        }
        let mut coef = [SvfCoef::new(300.0, 0.7); 2];
        let mut level = [0.0f32; 2];
        let mut foam = [0.0f32; 2];
        for ch in 0..2 {
            let e = self.envelope(t - WAVE_LAG * ch as f32);
            coef[ch] = SvfCoef::new(220.0 + 2200.0 * e, 0.8);
            level[ch] = gain * 1.0 * (0.12 + 0.88 * e);
            foam[ch] = gain * 0.2 * e * e * e;
        }
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let y = self.svf[ch].tick(&coef[ch], self.noise.next());
                *o += level[ch] * y.low + foam[ch] * y.high;
            }
        }
    }
}
