//! Wind: low-passed noise whose level and cut-off breathe slowly, with random gusts; a
//! little resonance gives it a whistle at the top of a gust.

use crate::audio::Layer;
use crate::audio::dsp::{Noise, Svf, SvfCoef};
use crate::math::sin_turns;
use crate::rng::Rng;

#[derive(Debug)]
pub(super) struct Wind {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    phase: [f32; 2],
    gust: f32,
    target: f32,
    next_gust: f32,
}

impl Wind {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            phase: [rng.unit(), rng.unit()],
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            gust: 0.6,
            target: 0.6,
            next_gust: 0.0,
        }
    }
}

impl Layer for Wind {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.next_gust {
            self.target = self.rng.range(0.35, 1.0);
            self.next_gust = t + self.rng.range(1.5, 4.5);
        }
        self.gust += 0.003 * (self.target - self.gust);
        let mut coef = [SvfCoef::new(300.0, 1.0); 2];
        let mut level = [0.0f32; 2];
        for ch in 0..2 {
            let slow = 0.5 + 0.3 * sin_turns(t / 13.0 + self.phase[ch]) + 0.2 * sin_turns(t / 5.3 + self.phase[1 - ch]);
            let g = (slow * self.gust).clamp(0.05, 1.0);
            coef[ch] = SvfCoef::new(160.0 + 900.0 * g * g, 1.6);
            level[ch] = gain * 1.4 * g;
        }
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let y = self.svf[ch].tick(&coef[ch], self.noise.next());
                *o += level[ch] * (0.8 * y.low + y.band);
            }
        }
    }
}
