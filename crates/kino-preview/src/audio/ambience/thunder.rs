//! Thunder: now and then a crack followed by a long rolling rumble (noise through a low-pass
//! that closes as it decays, its level rolling as it goes).

use crate::audio::Layer;
use crate::audio::dsp::{BLOCK_SECONDS, Noise, Svf, SvfCoef, smooth};
use crate::rng::Rng;

#[derive(Debug)]
pub(super) struct Thunder {
    noise: Noise,
    rng: Rng,
    svf: [Svf; 2],
    crack: [Svf; 2],
    /// (start, length) of the current clap; none before the first.
    start: f32,
    len: f32,
    next: f32,
    roll: f32,
    roll_target: f32,
    level: f32,
}

impl Thunder {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            next: rng.range(0.6, 2.5),
            rng: Rng::new(rng.next_u64()),
            svf: [Svf::default(); 2],
            crack: [Svf::default(); 2],
            start: -100.0,
            len: 1.0,
            roll: 1.0,
            roll_target: 1.0,
            level: 1.0,
        }
    }
}

impl Layer for Thunder {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        if t >= self.next {
            self.start = t;
            self.len = self.rng.range(2.5, 5.0);
            self.level = self.rng.range(0.6, 1.0);
            self.next = t + self.len + self.rng.range(3.0, 9.0);
        }
        let age = t - self.start;
        if age > self.len {
            return;
        }
        let p = age / self.len;
        if self.rng.unit() < BLOCK_SECONDS * 6.0 {
            self.roll_target = self.rng.range(0.3, 1.0);
        }
        self.roll += 0.01 * (self.roll_target - self.roll);
        let attack = smooth(age / 0.15);
        let fall = (1.0 - p) * (1.0 - p);
        let rumble = gain * 3.0 * self.level * attack * fall * self.roll;
        let crack = gain * 0.8 * self.level * smooth(age / 0.01) * (1.0 - smooth(age / 0.35));
        let coef = SvfCoef::new(90.0 + 350.0 * (1.0 - p) * (1.0 - p), 0.9);
        let crack_coef = SvfCoef::new(2500.0, 0.7);
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                let n = self.noise.next();
                let y = self.svf[ch].tick(&coef, n).low;
                let c = self.crack[ch].tick(&crack_coef, n).low;
                *o += rumble * y + crack * c;
            }
        }
    }
}
