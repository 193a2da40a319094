//! Crowd: babble. Several voices, each a buzzy pitch pulse plus breath noise through two
//! vowel formants that jump every syllable, with pauses between words; over a soft bed of
//! band-passed murmur.

use crate::audio::Layer;
use crate::audio::dsp::{Noise, RATE, Svf, SvfCoef, advance, bell, pan, samples};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy)]
struct Talker {
    pan: [f32; 2],
    pitch_step: f32,
    phase: f32,
    f1: f32,
    f2: f32,
    t1: f32,
    t2: f32,
    f1_svf: Svf,
    f2_svf: Svf,
    /// Samples done and total of the current syllable (or pause).
    pos: u32,
    len: u32,
    voiced: bool,
    level: f32,
}

/// Voices in the babble (each costs two filters per sample).
const TALKERS: usize = 5;

#[derive(Debug)]
pub(super) struct Crowd {
    noise: Noise,
    rng: Rng,
    talkers: [Talker; TALKERS],
    bed: [Svf; 2],
    bed_coef: SvfCoef,
}

impl Crowd {
    pub(super) fn new(rng: &mut Rng) -> Self {
        let mut r = Rng::new(rng.next_u64());
        let talkers = std::array::from_fn(|i| Talker {
            pan: pan(-0.8 + 1.6 * (i as f32 + r.unit()) / TALKERS as f32),
            pitch_step: r.range(95.0, 230.0) / RATE,
            phase: r.unit(),
            f1: 500.0,
            f2: 1500.0,
            t1: 500.0,
            t2: 1500.0,
            f1_svf: Svf::default(),
            f2_svf: Svf::default(),
            pos: 0,
            len: samples(r.range(0.05, 0.4)),
            voiced: false,
            level: r.range(0.5, 1.0),
        });
        Self { noise: Noise::new(rng), rng: r, talkers, bed: [Svf::default(); 2], bed_coef: SvfCoef::new(700.0, 0.8) }
    }
}

impl Layer for Crowd {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for frame in out.iter_mut() {
            for (ch, o) in frame.iter_mut().enumerate() {
                *o += gain * 0.3 * self.bed[ch].tick(&self.bed_coef, self.noise.next()).band;
            }
        }
        for v in &mut self.talkers {
            if v.pos >= v.len {
                // Next syllable, or a pause between words.
                v.pos = 0;
                v.voiced = !(v.voiced && self.rng.unit() < 0.25);
                v.len = if v.voiced { samples(self.rng.range(0.08, 0.24)) } else { samples(self.rng.range(0.12, 0.6)) };
                v.t1 = self.rng.range(300.0, 850.0);
                v.t2 = self.rng.range(900.0, 2400.0);
            }
            v.f1 += 0.15 * (v.t1 - v.f1);
            v.f2 += 0.15 * (v.t2 - v.f2);
            let c1 = SvfCoef::new(v.f1, 5.0);
            let c2 = SvfCoef::new(v.f2, 6.0);
            let block = out.len() as u32;
            let env = if v.voiced { bell(v.pos as f32 / v.len as f32) } else { 0.0 };
            let env_end = if v.voiced { bell((v.pos + block) as f32 / v.len as f32) } else { 0.0 };
            v.pos += block;
            if env == 0.0 && env_end == 0.0 {
                continue;
            }
            let g = gain * 0.44 * v.level;
            for (i, frame) in out.iter_mut().enumerate() {
                let e = env + (env_end - env) * i as f32 / block as f32;
                advance(&mut v.phase, v.pitch_step);
                let src = (v.phase - 0.5) + 0.35 * self.noise.next();
                let s = v.f1_svf.tick(&c1, src).band + 0.6 * v.f2_svf.tick(&c2, src).band;
                let s = g * e * s;
                frame[0] += v.pan[0] * s;
                frame[1] += v.pan[1] * s;
            }
        }
    }
}
