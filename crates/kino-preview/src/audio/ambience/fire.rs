//! Fire: a low flickering roar, a faint hiss, and crackle (sparse sharp pops, some in bursts,
//! each from a random place).

use crate::audio::Layer;
use crate::audio::dsp::{Lp, Noise, decay, one_pole, pan, samples};
use crate::rng::Rng;

use super::below;

#[derive(Debug)]
pub(super) struct Fire {
    noise: Noise,
    rng: Rng,
    roar: [[Lp; 2]; 2],
    a_roar: f32,
    hp: [Lp; 2],
    a_hp: f32,
    flicker: f32,
    flicker_target: f32,
    pop: f32,
    pop_decay: f32,
    pop_pan: [f32; 2],
    wait: u32,
    burst: u32,
}

impl Fire {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            roar: [[Lp::default(); 2]; 2],
            a_roar: one_pole(220.0),
            hp: [Lp::default(); 2],
            a_hp: one_pole(1500.0),
            flicker: 0.7,
            flicker_target: 0.7,
            pop: 0.0,
            pop_decay: decay(0.0006),
            pop_pan: [0.7; 2],
            wait: samples(0.1),
            burst: 0,
        }
    }
}

impl Layer for Fire {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        if self.rng.unit() < 0.01 {
            self.flicker_target = self.rng.range(0.4, 1.0);
        }
        self.flicker += 0.004 * (self.flicker_target - self.flicker);
        let roar = gain * 2.6 * self.flicker;
        for frame in out.iter_mut() {
            if self.wait == 0 {
                let u = self.rng.unit();
                self.pop = 0.3 + 1.2 * u * u * u;
                self.pop_decay = decay(self.rng.range(0.0003, 0.0012));
                self.pop_pan = pan(self.rng.range(-0.8, 0.8));
                if self.burst == 0 && self.rng.unit() < 0.25 {
                    self.burst = 2 + below(&mut self.rng, 5);
                }
                self.wait = if self.burst > 0 {
                    self.burst -= 1;
                    samples(self.rng.range(0.004, 0.03))
                } else {
                    samples(self.rng.range(0.02, 0.16))
                };
            } else {
                self.wait -= 1;
            }
            let pop = self.pop * self.noise.next();
            self.pop *= self.pop_decay;
            for (ch, o) in frame.iter_mut().enumerate() {
                let n = self.noise.next();
                let [a, b] = &mut self.roar[ch];
                let low = b.tick(self.a_roar, a.tick(self.a_roar, n));
                let x = pop * self.pop_pan[ch] + 0.04 * n;
                let high = x - self.hp[ch].tick(self.a_hp, x);
                *o += roar * low + gain * 0.6 * high;
            }
        }
    }
}
