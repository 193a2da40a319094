//! Small building blocks: a cheap noise source, one-pole and state-variable filters, a
//! sine table and a few shaping helpers. Plain IEEE arithmetic only (no libm), so every
//! machine computes the same samples.

use std::sync::OnceLock;

use kino_engine::AUDIO_SAMPLE_RATE;

use crate::math::{cos_turns, sin_turns};
use crate::rng::Rng;

pub const RATE: f32 = AUDIO_SAMPLE_RATE as f32;
/// Samples per control block: slow parameters (cut-offs, envelopes, pans) change once a block.
pub const BLOCK: usize = 64;
/// Seconds per block.
pub const BLOCK_SECONDS: f32 = BLOCK as f32 / RATE;

/// Xorshift32 white noise: four integer ops and a bit-cast per sample.
#[derive(Debug, Clone)]
pub struct Noise(u32);

impl Noise {
    pub fn new(rng: &mut Rng) -> Self {
        Self(((rng.next_u64() >> 32) as u32) | 1)
    }

    #[inline]
    fn bits(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    /// Uniform in [-1, 1) (RMS ≈ 0.577).
    #[inline]
    pub fn next(&mut self) -> f32 {
        f32::from_bits(0x4000_0000 | (self.bits() >> 9)) - 3.0
    }
}

/// One-pole low-pass coefficient for cut-off `hz` (w/(1+w): no `exp`).
pub fn one_pole(hz: f32) -> f32 {
    let w = 2.0 * std::f32::consts::PI * hz / RATE;
    w / (1.0 + w)
}

/// One-pole low-pass memory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lp(pub f32);

impl Lp {
    #[inline]
    pub fn tick(&mut self, a: f32, x: f32) -> f32 {
        self.0 += a * (x - self.0);
        self.0
    }
}

/// Coefficients of a state-variable filter (Simper's trapezoidal form: stable at any
/// cut-off, so it can be swept every block).
#[derive(Debug, Clone, Copy)]
pub struct SvfCoef {
    a1: f32,
    a2: f32,
    a3: f32,
    k: f32,
}

impl SvfCoef {
    pub fn new(hz: f32, q: f32) -> Self {
        let x = (hz / RATE).clamp(1e-5, 0.45) * 0.5;
        let g = sin_turns(x) / cos_turns(x);
        let k = 1.0 / q.max(0.1);
        let a1 = 1.0 / (1.0 + g * (g + k));
        let a2 = g * a1;
        Self { a1, a2, a3: g * a2, k }
    }
}

/// State-variable filter memory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Svf {
    ic1: f32,
    ic2: f32,
}

/// The three outputs of one state-variable filter step.
#[derive(Debug, Clone, Copy)]
pub struct SvfOut {
    pub low: f32,
    pub band: f32,
    pub high: f32,
}

impl Svf {
    #[inline]
    pub fn tick(&mut self, c: &SvfCoef, x: f32) -> SvfOut {
        let v3 = x - self.ic2;
        let v1 = c.a1 * self.ic1 + c.a2 * v3;
        let v2 = self.ic2 + c.a2 * self.ic1 + c.a3 * v3;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        SvfOut { low: v2, band: v1, high: x - c.k * v1 - v2 }
    }
}

const SINE_SIZE: usize = 4096;

fn sine_table() -> &'static [f32] {
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    TABLE.get_or_init(|| (0..=SINE_SIZE).map(|i| sin_turns(i as f32 / SINE_SIZE as f32)).collect())
}

/// A table-driven sine for oscillators: sin(2π·phase) for phase in [0, 1).
#[derive(Debug, Clone, Copy)]
pub struct Sine(&'static [f32]);

impl Sine {
    pub fn new() -> Self {
        Self(sine_table())
    }

    #[inline]
    pub fn at(&self, phase: f32) -> f32 {
        let x = phase * SINE_SIZE as f32;
        let i = (x as usize).min(SINE_SIZE - 1);
        let f = x - i as f32;
        self.0[i] + (self.0[i + 1] - self.0[i]) * f
    }
}

/// Advance a phase in [0, 1) by `step` (which must be below 1).
#[inline]
pub fn advance(phase: &mut f32, step: f32) {
    *phase += step;
    if *phase >= 1.0 {
        *phase -= 1.0;
    }
}

/// Smoothstep of `x` clamped to [0, 1].
#[inline]
pub fn smooth(x: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// A bell over p in [0, 1]: 0 at the ends, 1 in the middle (sin²(πp)).
#[inline]
pub fn bell(p: f32) -> f32 {
    if (0.0..=1.0).contains(&p) { 0.5 - 0.5 * cos_turns(p) } else { 0.0 }
}

/// Equal-power pan gains for `pan` in [-1 (left), 1 (right)].
pub fn pan(pan: f32) -> [f32; 2] {
    let p = (pan.clamp(-1.0, 1.0) + 1.0) * 0.125;
    [cos_turns(p), sin_turns(p)]
}

/// A decay multiplier that falls to 1/e in `seconds` (1 − 1/n, close to e^(−1/n) for long decays).
pub fn decay(seconds: f32) -> f32 {
    1.0 - 1.0 / (seconds * RATE).max(1.0)
}

/// Samples in `seconds`.
pub fn samples(seconds: f32) -> u32 {
    (seconds * RATE).max(1.0) as u32
}

/// Equal-tempered frequency of a MIDI note, from a table of semitone ratios (no `powf`).
pub fn midi_hz(note: i32) -> f32 {
    const SEMITONES: [f32; 12] = [
        1.0,
        1.059_463_1,
        1.122_462,
        1.189_207_1,
        1.259_921,
        1.334_839_9,
        std::f32::consts::SQRT_2,
        1.498_307_1,
        1.587_401,
        1.681_792_8,
        1.781_797_4,
        1.887_748_6,
    ];
    let d = note - 69;
    let mut f = 440.0 * SEMITONES[d.rem_euclid(12) as usize];
    let octaves = d.div_euclid(12);
    for _ in 0..octaves.abs() {
        f = if octaves > 0 { f * 2.0 } else { f * 0.5 };
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_is_440() {
        assert_eq!(midi_hz(69), 440.0);
        assert!((midi_hz(57) - 220.0).abs() < 1e-3);
        assert!((midi_hz(60) - 261.625_57).abs() < 1e-2);
    }

    #[test]
    fn noise_is_centred_and_bounded() {
        let mut n = Noise::new(&mut Rng::new(3));
        let mut sum = 0.0f64;
        for _ in 0..100_000 {
            let x = n.next();
            assert!((-1.0..1.0).contains(&x));
            sum += f64::from(x);
        }
        assert!((sum / 100_000.0).abs() < 0.01);
    }

    #[test]
    fn svf_low_passes() {
        let c = SvfCoef::new(200.0, 0.707);
        let mut f = Svf::default();
        // A 5 kHz tone is cut hard, DC passes.
        let sine = Sine::new();
        let mut peak = 0.0f32;
        let mut ph = 0.0;
        for i in 0..4800 {
            let y = f.tick(&c, sine.at(ph)).low;
            advance(&mut ph, 5000.0 / RATE);
            if i > 1000 {
                peak = peak.max(y.abs());
            }
        }
        assert!(peak < 0.01, "{peak}");
        let mut f = Svf::default();
        let mut y = 0.0;
        for _ in 0..4800 {
            y = f.tick(&c, 1.0).low;
        }
        assert!((y - 1.0).abs() < 1e-3);
    }
}
