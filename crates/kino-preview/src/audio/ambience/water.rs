//! Water (a stream, a fountain): a band-passed wash with a quick random flutter, and small
//! bubbles (short sine blips whose pitch rises as they fade).

use crate::audio::Layer;
use crate::audio::dsp::{Noise, RATE, Sine, Svf, SvfCoef, advance, decay, pan, samples};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, Default)]
struct Bubble {
    env: f32,
    decay: f32,
    step: f32,
    rise: f32,
    phase: f32,
    pan: [f32; 2],
}

#[derive(Debug)]
pub(super) struct Water {
    noise: Noise,
    rng: Rng,
    sine: Sine,
    wash: [Svf; 2],
    flutter: [f32; 2],
    bubbles: [Bubble; 4],
    wait: u32,
}

impl Water {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            sine: Sine::new(),
            wash: [Svf::default(); 2],
            flutter: [1.0; 2],
            bubbles: [Bubble::default(); 4],
            wait: 0,
        }
    }
}

impl Layer for Water {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        let coef = SvfCoef::new(900.0, 0.6);
        let mut g = [0.0f32; 2];
        for (ch, f) in self.flutter.iter_mut().enumerate() {
            *f += 0.2 * (self.rng.range(0.5, 1.2) - *f);
            g[ch] = gain * 1.0 * *f;
        }
        for frame in out.iter_mut() {
            if self.wait == 0 {
                if let Some(b) = self.bubbles.iter_mut().min_by(|a, b| a.env.total_cmp(&b.env)) {
                    let hz = self.rng.range(500.0, 2200.0);
                    *b = Bubble {
                        env: self.rng.range(0.3, 1.0),
                        decay: decay(self.rng.range(0.004, 0.015)),
                        step: hz / RATE,
                        rise: 1.0 + self.rng.range(2.0, 6.0) / RATE,
                        phase: 0.0,
                        pan: pan(self.rng.range(-0.8, 0.8)),
                    };
                }
                self.wait = samples(self.rng.range(0.0, 0.05));
            } else {
                self.wait -= 1;
            }
            for (ch, o) in frame.iter_mut().enumerate() {
                *o += g[ch] * self.wash[ch].tick(&coef, self.noise.next()).band;
            }
            for b in &mut self.bubbles {
                if b.env > 1e-3 {
                    let s = gain * 0.3 * b.env * self.sine.at(b.phase);
                    advance(&mut b.phase, b.step.min(0.2));
                    b.step *= b.rise;
                    b.env *= b.decay;
                    frame[0] += b.pan[0] * s;
                    frame[1] += b.pan[1] * s;
                }
            }
        }
    }
}
