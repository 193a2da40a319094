//! The soundtrack: a soft two-chord pad picked from the prompt hash, plus filtered-noise
//! ambience (rain, wind, waves) when the prompt asks for it. Generated in order, a chunk at
//! a time, so it can be pushed alongside each frame. Only IEEE arithmetic and our own
//! wavetable are used, so the samples are the same on every machine.

use kino_engine::AUDIO_SAMPLE_RATE;

use crate::math::{cos_turns, sin_turns};
use crate::rng::Rng;
use crate::words::Words;

const RATE: f32 = AUDIO_SAMPLE_RATE as f32;
/// Slow gains (chord crossfade, swells) are updated once per block, not per sample.
const CONTROL_BLOCK: u64 = 64;
/// Seconds for one chord to turn into the other.
const CHORD_SECONDS: f32 = 4.0;
const PAD_GAIN: f32 = 0.045;
const BASS_GAIN: f32 = 0.07;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ambience {
    Rain,
    Wind,
    Waves,
}

const AMBIENCE_WORDS: &[(&[&str], Ambience)] = &[
    (&["rain", "rainy", "raining", "drizzle", "downpour", "shower", "storm", "stormy"], Ambience::Rain),
    (&["wind", "windy", "breeze", "gust", "storm", "stormy", "blizzard"], Ambience::Wind),
    (&["wave", "waves", "ocean", "sea", "surf", "beach", "shore", "coast"], Ambience::Waves),
];

/// What the soundtrack will be, decided from the prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct SoundPlan {
    pub silent: bool,
    /// MIDI notes of the two chords the pad moves between (the first note is the bass).
    pub chords: [[i32; 5]; 2],
    pub ambience: Vec<Ambience>,
    pub noise_seed: u64,
}

impl SoundPlan {
    pub fn from_prompt(words: &Words, prompt_hash: u64, seed: u64) -> Self {
        const QUALITIES: [[i32; 4]; 3] = [[0, 4, 7, 11], [0, 3, 7, 10], [0, 2, 7, 14]];
        // (root shift, quality of the second chord): IV, vi, V below, ii.
        const MOVES: [(i32, usize); 4] = [(5, 99), (-3, 1), (-5, 99), (2, 1)];
        let root = 48 + (prompt_hash % 7) as i32;
        let quality = ((prompt_hash >> 8) % 3) as usize;
        let (shift, q2) = MOVES[((prompt_hash >> 16) % 4) as usize];
        let q2 = if q2 == 99 { quality } else { q2 };
        let chord = |root: i32, q: usize| {
            let iv = QUALITIES[q];
            [root - 12, root + iv[0], root + iv[1], root + iv[2], root + iv[3]]
        };
        Self {
            silent: words.has_any(&["silence", "silent", "mute", "muted"]),
            chords: [chord(root, quality), chord(root + shift, q2)],
            ambience: AMBIENCE_WORDS.iter().filter(|(w, _)| words.has_any(w)).map(|(_, a)| *a).collect(),
            noise_seed: prompt_hash ^ seed.rotate_left(29) ^ 0x5EED_A0D1_0000_0001,
        }
    }
}

/// One pad oscillator, detuned a little differently per ear for width.
#[derive(Debug, Clone)]
struct Voice {
    chord: usize,
    gain: f32,
    step: [f32; 2],
    phase: [f32; 2],
}

/// Filter memory for one ambience, per channel.
#[derive(Debug, Clone, Default)]
struct NoiseState {
    lo: [f32; 2],
    lo2: [f32; 2],
}

#[derive(Debug)]
pub struct Synth {
    silent: bool,
    total: u64,
    pos: u64,
    fade: u64,
    voices: Vec<Voice>,
    table: Vec<f32>,
    ambience: Vec<(Ambience, NoiseState)>,
    rng: Rng,
    // Control-rate values, refreshed every CONTROL_BLOCK samples.
    chord_mix: [f32; 2],
    swell: [f32; 3],
}

impl Synth {
    /// A synth that will produce exactly `total` stereo samples over its life.
    pub fn new(plan: &SoundPlan, total: u64) -> Self {
        let mut rng = Rng::new(plan.noise_seed);
        let mut voices = Vec::new();
        for (c, chord) in plan.chords.iter().enumerate() {
            for (i, &note) in chord.iter().enumerate() {
                let f = midi_hz(note);
                let detune = 0.0008 + 0.0008 * rng.unit();
                voices.push(Voice {
                    chord: c,
                    gain: if i == 0 { BASS_GAIN } else { PAD_GAIN },
                    step: [f * (1.0 - detune) / RATE, f * (1.0 + detune) / RATE],
                    phase: [rng.unit(), rng.unit()],
                });
            }
        }
        Self {
            silent: plan.silent,
            total,
            pos: 0,
            // Half a second, or a quarter of a very short clip.
            fade: (u64::from(AUDIO_SAMPLE_RATE) / 2).min(total / 4).max(1),
            voices,
            table: wavetable(),
            ambience: plan.ambience.iter().map(|a| (*a, NoiseState::default())).collect(),
            rng,
            chord_mix: [1.0, 0.0],
            swell: [1.0; 3],
        }
    }

    /// Append the next `frames` stereo samples (2 × `frames` values) to `out`, after clearing it.
    /// Past the end of the clip it produces silence rather than failing.
    pub fn fill(&mut self, out: &mut Vec<f32>, frames: usize) {
        out.clear();
        out.reserve(frames * 2);
        for _ in 0..frames {
            let [l, r] = if self.silent || self.pos >= self.total { [0.0, 0.0] } else { self.next_sample() };
            out.push(l);
            out.push(r);
            self.pos += 1;
        }
    }

    fn next_sample(&mut self) -> [f32; 2] {
        if self.pos.is_multiple_of(CONTROL_BLOCK) {
            self.update_control();
        }
        let mut out = [0.0f32; 2];
        for v in &mut self.voices {
            let g = v.gain * self.chord_mix[v.chord];
            for ((o, phase), step) in out.iter_mut().zip(&mut v.phase).zip(v.step) {
                *o += g * lookup(&self.table, *phase);
                *phase += step;
                if *phase >= 1.0 {
                    *phase -= 1.0;
                }
            }
        }
        for (i, (kind, st)) in self.ambience.iter_mut().enumerate() {
            for (ch, o) in out.iter_mut().enumerate() {
                *o += self.swell[i.min(2)] * noise_sample(*kind, st, ch, self.rng.signed());
            }
        }
        let edge = self.pos.min(self.total - 1 - self.pos);
        let fade = if edge < self.fade { edge as f32 / self.fade as f32 } else { 1.0 };
        // The mix peaks well below 1; the clamp only guards against a future change overshooting.
        out.map(|s| (s * fade).clamp(-1.0, 1.0))
    }

    fn update_control(&mut self) {
        let t = self.pos as f32 / RATE;
        let b = 0.5 - 0.5 * cos_turns(t / (2.0 * CHORD_SECONDS));
        self.chord_mix = [1.0 - b, b];
        for (i, (kind, _)) in self.ambience.iter().enumerate().take(3) {
            self.swell[i] = match kind {
                Ambience::Rain => 0.85 + 0.15 * sin_turns(t / 5.0),
                Ambience::Wind => 0.55 + 0.45 * sin_turns(t / 9.0 + 0.3),
                // Waves: a slow swell that comes in and draws back every 7.5 s.
                Ambience::Waves => {
                    let s = 0.5 - 0.5 * cos_turns(t / 7.5);
                    0.2 + 0.8 * s * s
                }
            };
        }
    }
}

/// One filtered noise sample for `kind` on channel `ch`, from white noise `white`.
fn noise_sample(kind: Ambience, st: &mut NoiseState, ch: usize, white: f32) -> f32 {
    match kind {
        // Rain: a bright hiss. Drop the lows (white minus its low-pass), soften the top.
        Ambience::Rain => {
            st.lo[ch] += one_pole(400.0) * (white - st.lo[ch]);
            let high = white - st.lo[ch];
            st.lo2[ch] += one_pole(7000.0) * (high - st.lo2[ch]);
            0.22 * st.lo2[ch]
        }
        // Wind: a dark rumble, two poles low.
        Ambience::Wind => {
            st.lo[ch] += one_pole(350.0) * (white - st.lo[ch]);
            st.lo2[ch] += one_pole(350.0) * (st.lo[ch] - st.lo2[ch]);
            1.1 * st.lo2[ch]
        }
        // Waves: mid-low wash, shaped by the swell.
        Ambience::Waves => {
            st.lo[ch] += one_pole(900.0) * (white - st.lo[ch]);
            0.45 * st.lo[ch]
        }
    }
}

/// One-pole low-pass coefficient for cut-off `hz`, by the bilinear-style w/(1+w)
/// (no `exp`, so no libm in the signal path).
fn one_pole(hz: f32) -> f32 {
    let w = 2.0 * std::f32::consts::PI * hz / RATE;
    w / (1.0 + w)
}

const TABLE_SIZE: usize = 2048;

/// One cycle of a soft organ tone: the fundamental with a little 2nd and 3rd harmonic,
/// normalised to a peak of 1. One extra entry so interpolation never wraps.
fn wavetable() -> Vec<f32> {
    let raw: Vec<f32> = (0..=TABLE_SIZE)
        .map(|i| {
            let x = i as f32 / TABLE_SIZE as f32;
            sin_turns(x) + 0.25 * sin_turns(2.0 * x) + 0.08 * sin_turns(3.0 * x)
        })
        .collect();
    let peak = raw.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(f32::MIN_POSITIVE);
    raw.into_iter().map(|v| v / peak).collect()
}

fn lookup(table: &[f32], phase: f32) -> f32 {
    let x = phase * TABLE_SIZE as f32;
    let i = (x as usize).min(TABLE_SIZE - 1);
    let f = x - i as f32;
    table[i] + (table[i + 1] - table[i]) * f
}

/// Equal-tempered frequency of a MIDI note, from a table of semitone ratios (no `powf`).
fn midi_hz(note: i32) -> f32 {
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

    fn render(prompt: &str, seconds: u64) -> Vec<f32> {
        let plan = SoundPlan::from_prompt(&Words::new(prompt), crate::rng::hash_str(prompt), 0);
        let total = u64::from(AUDIO_SAMPLE_RATE) * seconds;
        let mut synth = Synth::new(&plan, total);
        let mut all = Vec::new();
        let mut chunk = Vec::new();
        let mut done = 0;
        while done < total {
            let n = 2000.min(total - done);
            synth.fill(&mut chunk, n as usize);
            all.extend_from_slice(&chunk);
            done += n;
        }
        all
    }

    #[test]
    fn a4_is_440() {
        assert_eq!(midi_hz(69), 440.0);
        assert!((midi_hz(57) - 220.0).abs() < 1e-3);
        assert!((midi_hz(60) - 261.625_57).abs() < 1e-2);
    }

    #[test]
    fn loud_ambiences_stay_below_full_scale() {
        for p in ["stormy ocean waves in the rain with wind", "rain", "wind", "waves"] {
            let a = render(p, 10);
            let peak = a.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            assert!(peak < 0.8, "{p}: peak {peak}");
            assert!(peak > 0.05, "{p}: peak {peak}");
        }
    }

    #[test]
    fn starts_and_ends_silent() {
        let a = render("a calm lake", 4);
        assert!(a[0].abs() < 1e-6 && a[1].abs() < 1e-6);
        assert!(a[a.len() - 1].abs() < 1e-3);
    }
}
