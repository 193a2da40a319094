//! Crickets: a few insects, each chirping a short train of pulses of a high tone at its own
//! steady rate.

use crate::audio::Layer;
use crate::audio::dsp::{RATE, Sine, advance, bell, pan, samples};
use crate::rng::Rng;

use super::below;

#[derive(Debug, Clone, Copy)]
struct Cricket {
    pan: [f32; 2],
    step: f32,
    phase: f32,
    /// Samples into the current chirp cycle, and the cycle length.
    pos: u32,
    period: u32,
    pulses: u32,
    pulse: u32,
    level: f32,
}

#[derive(Debug)]
pub(super) struct Crickets {
    rng: Rng,
    sine: Sine,
    crickets: [Cricket; 3],
}

impl Crickets {
    pub(super) fn new(rng: &mut Rng) -> Self {
        let mut r = Rng::new(rng.next_u64());
        let crickets = [-0.7f32, 0.6, 0.0].map(|p| Cricket {
            pan: pan(p),
            step: r.range(4000.0, 5000.0) / RATE,
            phase: 0.0,
            pos: below(&mut r, samples(0.7)),
            period: samples(r.range(0.45, 0.9)),
            pulses: 2 + below(&mut r, 3),
            pulse: samples(r.range(0.012, 0.02)),
            level: r.range(0.5, 1.0),
        });
        Self { rng: r, sine: Sine::new(), crickets }
    }
}

impl Layer for Crickets {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for c in &mut self.crickets {
            let g = gain * 0.45 * c.level;
            let train = 2 * c.pulse * c.pulses;
            for frame in out.iter_mut() {
                if c.pos < train {
                    let k = c.pos % (2 * c.pulse);
                    if k < c.pulse {
                        let s = g * bell(k as f32 / c.pulse as f32) * self.sine.at(c.phase);
                        frame[0] += c.pan[0] * s;
                        frame[1] += c.pan[1] * s;
                    }
                    advance(&mut c.phase, c.step);
                }
                c.pos += 1;
                if c.pos >= c.period {
                    c.pos = 0;
                    // A little jitter so the insects drift in and out of step.
                    c.period = (c.period as f32 * self.rng.range(0.97, 1.03)) as u32;
                    c.period = c.period.clamp(samples(0.4), samples(1.0));
                }
            }
        }
    }
}
