//! Rain: broadband hiss (gentle high-pass, soft top) with random droplet ticks, and a little
//! low body so a downpour is not all treble.

use crate::audio::Layer;
use crate::audio::dsp::{Lp, Noise, RATE, decay, one_pole};
use crate::math::sin_turns;
use crate::rng::Rng;

use super::below;

#[derive(Debug)]
pub(super) struct Rain {
    noise: Noise,
    rng: Rng,
    hp: [Lp; 2],
    lp: [Lp; 2],
    body: [Lp; 2],
    drop: [f32; 2],
    timer: [u32; 2],
    phase: f32,
    a_hp: f32,
    a_lp: f32,
    a_body: f32,
    drop_decay: f32,
}

/// Droplet ticks per second per channel.
const DROPS_PER_SECOND: f32 = 30.0;

impl Rain {
    pub(super) fn new(rng: &mut Rng) -> Self {
        Self {
            noise: Noise::new(rng),
            rng: Rng::new(rng.next_u64()),
            hp: [Lp::default(); 2],
            lp: [Lp::default(); 2],
            body: [Lp::default(); 2],
            drop: [0.0; 2],
            timer: [below(rng, 2000), below(rng, 2000)],
            phase: rng.unit(),
            a_hp: one_pole(1200.0),
            a_lp: one_pole(9000.0),
            a_body: one_pole(450.0),
            drop_decay: decay(0.002),
        }
    }
}

impl Layer for Rain {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        let g = gain * (0.9 + 0.1 * sin_turns(t / 6.0 + self.phase));
        let spacing = (2.0 * RATE / DROPS_PER_SECOND) as u32;
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                if self.timer[ch] == 0 {
                    let u = self.rng.unit();
                    self.drop[ch] = 0.5 + 3.0 * u * u;
                    self.timer[ch] = below(&mut self.rng, spacing);
                } else {
                    self.timer[ch] -= 1;
                }
                let n = self.noise.next();
                let x = n * (1.0 + self.drop[ch]);
                self.drop[ch] *= self.drop_decay;
                let high = x - self.hp[ch].tick(self.a_hp, x);
                let y = self.lp[ch].tick(self.a_lp, high);
                let b = self.body[ch].tick(self.a_body, n);
                *o += g * (0.28 * y + 0.37 * b);
            }
        }
    }
}
