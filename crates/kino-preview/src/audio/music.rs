//! The music bed: a soft chord pad moving through a four-chord progression picked from the
//! prompt hash (calm), and for upbeat prompts a beat at 110 BPM under it: a kick on every
//! beat, a hi-hat between, and a plucked arpeggio of the current chord on the eighths.

use std::sync::OnceLock;

use crate::math::sin_turns;
use crate::rng::Rng;

use super::Layer;
use super::dsp::{Lp, Noise, RATE, Sine, advance, decay, midi_hz, one_pole, pan, smooth};

/// A chord: bass note first, then four upper notes (MIDI).
pub type Chord = [i32; 5];

/// Four chords picked from `hash`: a key, a common progression and a colour (7ths or add9).
pub fn progression(hash: u64) -> [Chord; 4] {
    // (semitones above the key, minor?) for I, ii, iii, IV, V, vi.
    const PROGRESSIONS: [[(i32, bool); 4]; 6] = [
        [(0, false), (7, false), (9, true), (5, false)],
        [(9, true), (5, false), (0, false), (7, false)],
        [(0, false), (9, true), (5, false), (7, false)],
        [(0, false), (5, false), (9, true), (7, false)],
        [(2, true), (7, false), (0, false), (9, true)],
        [(0, false), (4, true), (5, false), (5, false)],
    ];
    let key = (hash % 12) as i32;
    let prog = PROGRESSIONS[((hash >> 8) % PROGRESSIONS.len() as u64) as usize];
    let add9 = (hash >> 16) & 1 == 1;
    prog.map(|(degree, minor)| {
        // Keep every root in one octave (C3–B3) so the voicing stays in a comfortable range.
        let root = 48 + (key + degree).rem_euclid(12);
        let third = if minor { 3 } else { 4 };
        let top = match (add9, minor) {
            (true, _) => 14,
            (false, true) => 10,
            (false, false) => 11,
        };
        [root - 12, root, root + third, root + 7, root + top]
    })
}

const TABLE_SIZE: usize = 2048;

/// One cycle of a soft organ tone: the fundamental with a little 2nd and 3rd harmonic,
/// normalised to a peak of 1, one extra entry so interpolation never wraps.
fn organ_table() -> &'static [f32] {
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: Vec<f32> = (0..=TABLE_SIZE)
            .map(|i| {
                let x = i as f32 / TABLE_SIZE as f32;
                sin_turns(x) + 0.25 * sin_turns(2.0 * x) + 0.08 * sin_turns(3.0 * x)
            })
            .collect();
        let peak = raw.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(f32::MIN_POSITIVE);
        raw.into_iter().map(|v| v / peak).collect()
    })
}

/// The organ table at a 32-bit fixed-point phase (a full turn is 2³²): integer phase
/// accumulators wrap for free and index without a float conversion.
#[inline]
fn organ(table: &[f32], phase: u32) -> f32 {
    const SHIFT: u32 = 32 - TABLE_SIZE.trailing_zeros();
    let i = (phase >> SHIFT) as usize;
    let f = ((phase >> (SHIFT - 16)) & 0xFFFF) as f32 * (1.0 / 65_536.0);
    let (a, b) = (table[i], table[i + 1]);
    a + (b - a) * f
}

/// A frequency as a fixed-point phase step per sample.
fn phase_step(hz: f32) -> u32 {
    (f64::from(hz) / f64::from(RATE) * 4_294_967_296.0) as u32
}

/// One pad note: one oscillator per ear, detuned a little differently for width.
#[derive(Debug, Clone, Copy, Default)]
struct Osc {
    step: [u32; 2],
    phase: [u32; 2],
    gain: f32,
}

/// Two banks of five notes: while one chord fades out in one bank, the next fades in in the
/// other; a bank is retuned only once it is silent.
#[derive(Debug)]
pub struct Pad {
    table: &'static [f32],
    rng: Rng,
    chords: [Chord; 4],
    banks: [[Osc; 5]; 2],
    chord_seconds: f32,
    fade_seconds: f32,
    /// The chord index the banks are tuned up to (−1 before the first block).
    tuned: i64,
    breath: f32,
}

impl Pad {
    pub fn new(chords: [Chord; 4], chord_seconds: f32, fade_seconds: f32, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        Self {
            table: organ_table(),
            breath: rng.unit(),
            rng,
            chords,
            banks: [[Osc::default(); 5]; 2],
            chord_seconds,
            fade_seconds: fade_seconds.min(chord_seconds),
            tuned: -1,
        }
    }

    fn tune(&mut self, index: i64) {
        let chord = self.chords[(index % 4) as usize];
        let bank = &mut self.banks[(index % 2) as usize];
        for (i, (osc, &note)) in bank.iter_mut().zip(&chord).enumerate() {
            let f = midi_hz(note);
            let detune = 0.0008 + 0.0008 * self.rng.unit();
            *osc = Osc {
                step: [phase_step(f * (1.0 - detune)), phase_step(f * (1.0 + detune))],
                phase: [self.rng.next_u64() as u32, self.rng.next_u64() as u32],
                gain: if i == 0 { 0.07 } else { 0.045 },
            };
        }
    }
}

impl Layer for Pad {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32) {
        let index = (t / self.chord_seconds) as i64;
        while self.tuned < index {
            self.tuned += 1;
            let next = self.tuned;
            self.tune(next);
        }
        let since = t - index as f32 * self.chord_seconds;
        let fade_in = smooth(since / self.fade_seconds);
        let g = gain * 1.1 * (0.9 + 0.1 * sin_turns(t / 7.0 + self.breath));
        let mut bank_gain = [0.0f32; 2];
        bank_gain[(index % 2) as usize] = g * fade_in;
        if index > 0 {
            bank_gain[((index + 1) % 2) as usize] = g * (1.0 - fade_in);
        }
        for (bank, bg) in self.banks.iter_mut().zip(bank_gain) {
            if bg == 0.0 {
                continue;
            }
            for osc in bank.iter_mut() {
                let og = bg * osc.gain;
                let [mut pl, mut pr] = osc.phase;
                let [sl, sr] = osc.step;
                for frame in out.iter_mut() {
                    frame[0] += og * organ(self.table, pl);
                    frame[1] += og * organ(self.table, pr);
                    pl = pl.wrapping_add(sl);
                    pr = pr.wrapping_add(sr);
                }
                osc.phase = [pl, pr];
            }
        }
    }
}

/// Samples per eighth note at 110 BPM.
pub const EIGHTH: u32 = 13_091;
/// Eighths per bar (one chord per bar).
const EIGHTHS_PER_BAR: u32 = 8;

/// The beat for upbeat music: kick, hat and a plucked arpeggio.
#[derive(Debug)]
pub struct Beat {
    sine: Sine,
    noise: Noise,
    chords: [Chord; 4],
    pos: u64,
    kick_env: f32,
    kick_pitch: f32,
    kick_phase: f32,
    hat_env: f32,
    hat_lp: Lp,
    pluck_env: f32,
    pluck_phase: f32,
    pluck_step: f32,
    pluck_pan: [f32; 2],
    d_kick: f32,
    d_pitch: f32,
    d_hat: f32,
    d_pluck: f32,
    a_hat: f32,
}

impl Beat {
    pub fn new(chords: [Chord; 4], seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        Self {
            sine: Sine::new(),
            noise: Noise::new(&mut rng),
            chords,
            pos: 0,
            kick_env: 0.0,
            kick_pitch: 0.0,
            kick_phase: 0.0,
            hat_env: 0.0,
            hat_lp: Lp::default(),
            pluck_env: 0.0,
            pluck_phase: 0.0,
            pluck_step: 0.0,
            pluck_pan: [0.7; 2],
            d_kick: decay(0.12),
            d_pitch: decay(0.03),
            d_hat: decay(0.02),
            d_pluck: decay(0.16),
            a_hat: one_pole(6000.0),
        }
    }

    pub fn bar_seconds() -> f32 {
        (EIGHTH * EIGHTHS_PER_BAR) as f32 / RATE
    }

    fn trigger(&mut self, step: u64) {
        if step.is_multiple_of(2) {
            self.kick_env = 1.0;
            self.kick_pitch = 1.0;
            self.kick_phase = 0.0;
        } else {
            self.hat_env = 1.0;
        }
        const PATTERN: [usize; 8] = [1, 2, 3, 4, 3, 2, 1, 3];
        let bar = step / u64::from(EIGHTHS_PER_BAR);
        let chord = self.chords[(bar % 4) as usize];
        let note = chord[PATTERN[(step % 8) as usize]] + 12;
        self.pluck_env = 1.0;
        self.pluck_phase = 0.0;
        self.pluck_step = midi_hz(note) / RATE;
        self.pluck_pan = pan(if step.is_multiple_of(2) { -0.35 } else { 0.35 });
    }
}

impl Layer for Beat {
    fn render(&mut self, out: &mut [[f32; 2]], _t: f32, gain: f32) {
        for frame in out.iter_mut() {
            if self.pos.is_multiple_of(u64::from(EIGHTH)) {
                self.trigger(self.pos / u64::from(EIGHTH));
            }
            self.pos += 1;
            let kick = 0.9 * self.kick_env * self.sine.at(self.kick_phase);
            advance(&mut self.kick_phase, (45.0 + 110.0 * self.kick_pitch) / RATE);
            self.kick_env *= self.d_kick;
            self.kick_pitch *= self.d_pitch;
            let n = self.noise.next();
            let hat = 0.12 * self.hat_env * (n - self.hat_lp.tick(self.a_hat, n));
            self.hat_env *= self.d_hat;
            let p2 = self.pluck_phase * 2.0;
            let p2 = if p2 >= 1.0 { p2 - 1.0 } else { p2 };
            let pluck = 0.22 * self.pluck_env * (self.sine.at(self.pluck_phase) + 0.3 * self.sine.at(p2));
            advance(&mut self.pluck_phase, self.pluck_step);
            self.pluck_env *= self.d_pluck;
            let centre = gain * (kick + hat);
            frame[0] += centre + gain * self.pluck_pan[0] * pluck;
            frame[1] += centre + gain * self.pluck_pan[1] * pluck;
        }
    }
}
