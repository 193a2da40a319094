//! The soundtrack, from the plan's audio section: one small generator per ambience cue
//! (`ambience`), a music bed (`music`: a chord pad, plus a beat when upbeat), summed with
//! per-layer gains and passed through the master stage (`mix`: limiter, fades, ceiling).
//!
//! - `silent` → exact zeros.
//! - Cues come from the prompt's sound words, plus the weather (rain, storm, wind). With
//!   "natural ambient audio" and no specific cue, the setting picks a gentle ambience (city
//!   → traffic, park/forest → birds and wind, beach → waves, ...).
//! - Music words give the pad (calm) or pad and beat (upbeat); a prompt with no sound at all
//!   gets a quiet pad, so a clip is never dead air unless asked.
//!
//! Each generator is calibrated to a nominal long-run RMS of about 0.1 alone; the gains
//! share that out across layers so a mix lands near −20 dBFS, and the limiter keeps
//! peaks under 0.8 (the final clamp at 0.9 is a guarantee, not a sound).
//!
//! Streaming: the synth renders fixed 64-sample blocks from carried state (filters,
//! oscillators, event timers), so memory does not grow with duration and chunking never
//! changes the samples. Determinism: seeded inline PRNGs, our own sine, IEEE arithmetic.

mod ambience;
mod dsp;
mod mix;
mod music;

use kino_engine::AUDIO_SAMPLE_RATE;

use crate::plan::{AudioCue, Category, Music, ScenePlan, Setting, TimeOfDay, Weather};
use crate::rng::hash_str;
use crate::words::Words;

use self::dsp::{BLOCK, RATE};
use self::mix::Master;
use self::music::{Beat, Chord, Pad};

/// One sound source: adds its next block (at most [`BLOCK`] frames) into `out`, scaled by
/// `gain`. `t` is the clip time in seconds at the block's first sample.
pub trait Layer: std::fmt::Debug + Send {
    fn render(&mut self, out: &mut [[f32; 2]], t: f32, gain: f32);
}

/// What the soundtrack will be.
#[derive(Debug, Clone, PartialEq)]
pub struct SoundPlan {
    pub silent: bool,
    /// Ambience layers, each once, in the order they were asked for.
    pub cues: Vec<AudioCue>,
    pub music: Option<Music>,
    /// Whether the music is only the quiet default bed (no sound was asked for at all).
    pub default_bed: bool,
    pub chords: [Chord; 4],
    pub noise_seed: u64,
}

impl SoundPlan {
    /// The soundtrack for `plan` (planned from `prompt`) rendered with `seed`.
    pub fn new(plan: &ScenePlan, prompt: &str, seed: u64) -> Self {
        let hash = hash_str(prompt);
        let audio = &plan.audio;
        let cues = if audio.silent { Vec::new() } else { choose_cues(plan) };
        let default_bed = !audio.silent && cues.is_empty() && audio.music.is_none();
        let music = if default_bed { Some(Music::Calm) } else { audio.music };
        Self::build(audio.silent, cues, music, default_bed, hash, seed)
    }

    /// The v1 word-matching plan (rain, wind, waves and silence only). Kept for callers
    /// that have no [`ScenePlan`]; the engine uses [`SoundPlan::new`].
    pub fn from_prompt(words: &Words, prompt_hash: u64, seed: u64) -> Self {
        const WORDS: &[(&[&str], AudioCue)] = &[
            (&["rain", "rainy", "raining", "drizzle", "downpour", "shower", "storm", "stormy"], AudioCue::Rain),
            (&["wind", "windy", "breeze", "gust", "storm", "stormy", "blizzard"], AudioCue::Wind),
            (&["wave", "waves", "ocean", "sea", "surf", "beach", "shore", "coast"], AudioCue::Waves),
        ];
        let silent = words.has_any(&["silence", "silent", "mute", "muted"]);
        let cues: Vec<AudioCue> =
            if silent { Vec::new() } else { WORDS.iter().filter(|(w, _)| words.has_any(w)).map(|(_, c)| *c).collect() };
        let default_bed = !silent && cues.is_empty();
        Self::build(silent, cues, default_bed.then_some(Music::Calm), default_bed, prompt_hash, seed)
    }

    fn build(silent: bool, cues: Vec<AudioCue>, music: Option<Music>, default_bed: bool, hash: u64, seed: u64) -> Self {
        Self {
            silent,
            cues,
            music: if silent { None } else { music },
            default_bed: default_bed && !silent,
            chords: music::progression(hash),
            noise_seed: hash ^ seed.rotate_left(29) ^ 0x5EED_A0D1_0000_0001,
        }
    }
}

/// The ambience layers for a plan: its sound cues, what its weather sounds like, and, for
/// "natural ambient audio" with nothing more specific, what its setting sounds like.
fn choose_cues(plan: &ScenePlan) -> Vec<AudioCue> {
    let mut cues = plan.audio.cues.clone();
    let add = |cues: &mut Vec<AudioCue>, c: AudioCue| {
        if !cues.contains(&c) {
            cues.push(c);
        }
    };
    for w in &plan.weather {
        match w {
            Weather::Rain => add(&mut cues, AudioCue::Rain),
            Weather::Storm => {
                add(&mut cues, AudioCue::Rain);
                add(&mut cues, AudioCue::Wind);
                add(&mut cues, AudioCue::Thunder);
            }
            Weather::Lightning => add(&mut cues, AudioCue::Thunder),
            Weather::Wind => add(&mut cues, AudioCue::Wind),
            _ => {}
        }
    }
    if plan.audio.ambient && cues.is_empty() {
        let night = matches!(plan.time_of_day, Some(TimeOfDay::Night | TimeOfDay::Dusk | TimeOfDay::BlueHour));
        let nature = if night { AudioCue::Crickets } else { AudioCue::Birds };
        let from_setting: &[AudioCue] = match plan.setting {
            Some(Setting::CityStreet | Setting::Road) => &[AudioCue::Traffic],
            Some(Setting::Market | Setting::Village) => &[AudioCue::Crowd, AudioCue::Traffic],
            Some(Setting::Park | Setting::Garden | Setting::Field | Setting::Forest) => &[nature, AudioCue::Wind],
            Some(Setting::Beach | Setting::Ocean) => &[AudioCue::Waves],
            Some(Setting::Harbor) => &[AudioCue::Waves, AudioCue::Wind],
            Some(Setting::Lake | Setting::River | Setting::Underwater) => &[AudioCue::Water],
            Some(Setting::Cafe | Setting::Kitchen | Setting::Stage) => &[AudioCue::Crowd],
            Some(Setting::Desert | Setting::Mountains | Setting::Snowfield | Setting::Sky) => &[AudioCue::Wind],
            Some(Setting::Room | Setting::Table | Setting::Space) | None => &[],
        };
        for &c in from_setting {
            add(&mut cues, c);
        }
        if cues.is_empty() {
            for s in &plan.subjects {
                match s.category {
                    Category::Vehicle => add(&mut cues, AudioCue::Traffic),
                    Category::Animal if s.shape.contains("bird") || s.noun.contains("bird") => add(&mut cues, nature),
                    _ => {}
                }
            }
        }
        if cues.is_empty() {
            // Air: a soft wind is the most neutral room tone we have.
            add(&mut cues, AudioCue::Wind);
        }
    }
    cues
}

/// How much of the mix each cue gets (before the shares are normalised).
fn cue_weight(cue: AudioCue) -> f32 {
    match cue {
        AudioCue::Rain | AudioCue::Waves | AudioCue::Traffic => 1.0,
        AudioCue::Crowd | AudioCue::Fire | AudioCue::Water | AudioCue::Thunder => 0.9,
        AudioCue::Wind => 0.75,
        AudioCue::Birds | AudioCue::Crickets => 0.8,
    }
}

/// Streams the soundtrack a block at a time. Memory is fixed at construction.
#[derive(Debug)]
pub struct Synth {
    silent: bool,
    total: u64,
    pos: u64,
    layers: Vec<(Box<dyn Layer>, f32)>,
    block: [[f32; 2]; BLOCK],
    /// Where in `block` the next output frame is (`BLOCK` = a new block is due).
    block_pos: usize,
    blocks_done: u64,
    master: Master,
}

impl Synth {
    /// A synth that will produce exactly `total` stereo samples over its life.
    pub fn new(plan: &SoundPlan, total: u64) -> Self {
        let mut layers: Vec<(Box<dyn Layer>, f32)> = Vec::new();
        if !plan.silent {
            for &cue in &plan.cues {
                layers.push((ambience::layer(cue, plan.noise_seed), cue_weight(cue)));
            }
            let music_weight = if plan.cues.is_empty() { 1.0 } else { 0.6 };
            let seed = plan.noise_seed ^ 0x00D1_5C00_u64.wrapping_mul(0x9E37_79B9);
            match plan.music {
                Some(Music::Calm) => {
                    layers.push((Box::new(Pad::new(plan.chords, 4.0, 1.6, seed)), music_weight));
                }
                Some(Music::Upbeat) => {
                    let bar = Beat::bar_seconds();
                    layers.push((Box::new(Pad::new(plan.chords, bar, 0.3, seed)), 0.6 * music_weight));
                    layers.push((Box::new(Beat::new(plan.chords, seed ^ 1)), 0.8 * music_weight));
                }
                None => {}
            }
            // Share the nominal level out so uncorrelated layers sum to about the same loudness.
            let norm = layers.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1.0);
            let level = if plan.default_bed { 0.55 } else { 1.0 };
            for (_, w) in &mut layers {
                *w *= level / norm;
            }
        }
        Self {
            silent: plan.silent || layers.is_empty(),
            total,
            pos: 0,
            layers,
            block: [[0.0; 2]; BLOCK],
            block_pos: BLOCK,
            blocks_done: 0,
            master: Master::new(total),
        }
    }

    /// The synth for `prompt` and `seed` (plans the prompt), for `seconds` of sound.
    pub fn for_prompt(prompt: &str, seed: u64, seconds: u32) -> Self {
        let plan = SoundPlan::new(&crate::plan::plan(prompt), prompt, seed);
        Self::new(&plan, u64::from(AUDIO_SAMPLE_RATE) * u64::from(seconds))
    }

    /// Replace `out`'s contents with the next `frames` stereo samples (2 × `frames` values).
    /// Past the end of the clip it produces silence rather than failing.
    pub fn fill(&mut self, out: &mut Vec<f32>, frames: usize) {
        out.clear();
        out.resize(frames * 2, 0.0);
        self.fill_slice(out);
    }

    /// Overwrite `out` (interleaved stereo; an odd last value is zeroed) with the next samples.
    pub fn fill_slice(&mut self, out: &mut [f32]) {
        let mut pairs = out.chunks_exact_mut(2);
        for pair in &mut pairs {
            let [l, r] = self.next_frame();
            pair[0] = l;
            pair[1] = r;
        }
        for v in pairs.into_remainder() {
            *v = 0.0;
        }
    }

    fn next_frame(&mut self) -> [f32; 2] {
        let pos = self.pos;
        self.pos += 1;
        if self.silent || pos >= self.total {
            return [0.0, 0.0];
        }
        if self.block_pos == BLOCK {
            self.render_block();
        }
        let frame = self.block[self.block_pos];
        self.block_pos += 1;
        let fade = self.master.fade(pos, self.total);
        frame.map(|s| mix::clamp(s * fade))
    }

    fn render_block(&mut self) {
        self.block = [[0.0; 2]; BLOCK];
        let t = (self.blocks_done * BLOCK as u64) as f32 / RATE;
        for (layer, gain) in &mut self.layers {
            layer.render(&mut self.block, t, *gain);
        }
        self.master.limit(&mut self.block);
        self.blocks_done += 1;
        self.block_pos = 0;
    }
}

/// The whole soundtrack for `prompt` and `seed`: `seconds` × 48 000 interleaved stereo
/// samples, streamed in frame-sized chunks exactly as the engine does.
pub fn render_audio(prompt: &str, seed: u64, seconds: u32) -> Vec<f32> {
    let mut synth = Synth::for_prompt(prompt, seed, seconds);
    let frames = u64::from(AUDIO_SAMPLE_RATE) * u64::from(seconds);
    let mut all = vec![0.0f32; (frames * 2) as usize];
    for chunk in all.chunks_mut(4000) {
        synth.fill_slice(chunk);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rms(a: &[f32]) -> f32 {
        (a.iter().map(|x| x * x).sum::<f32>() / a.len().max(1) as f32).sqrt()
    }

    /// One layer alone at gain 1, no limiter or fade: its calibration.
    fn layer_alone(cue: AudioCue, seconds: usize) -> Vec<f32> {
        let mut l = ambience::layer(cue, 7);
        let mut out = Vec::new();
        let mut block = [[0.0f32; 2]; BLOCK];
        for b in 0..seconds * 48_000 / BLOCK {
            block = [[0.0; 2]; BLOCK];
            l.render(&mut block, (b * BLOCK) as f32 / RATE, 1.0);
            out.extend(block.iter().flatten());
        }
        let _ = block;
        out
    }

    #[test]
    fn every_cue_is_near_its_nominal_level() {
        use AudioCue::*;
        for cue in [Rain, Waves, Wind, Traffic, Birds, Crowd, Fire, Thunder, Water, Crickets] {
            let a = layer_alone(cue, 20);
            let r = rms(&a);
            let peak = a.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            eprintln!("{cue:?}: rms {r:.4} peak {peak:.3}");
            assert!(a.iter().all(|v| v.is_finite()));
            assert!((0.01..0.2).contains(&r), "{cue:?}: rms {r}");
        }
    }
}

#[cfg(test)]
mod cost {
    use super::*;

    #[test]
    #[ignore = "timing printout: cargo test --release -p kino-preview --lib layer_cost -- --ignored --nocapture"]
    fn layer_cost() {
        use AudioCue::*;
        for cue in [Rain, Waves, Wind, Traffic, Birds, Crowd, Fire, Thunder, Water, Crickets] {
            let mut l = ambience::layer(cue, 7);
            let mut block = [[0.0f32; 2]; BLOCK];
            let started = std::time::Instant::now();
            for b in 0..10 * 48_000 / BLOCK {
                l.render(&mut block, (b * BLOCK) as f32 / RATE, 1.0);
            }
            eprintln!("{cue:?}: {:.2} ms/s", started.elapsed().as_secs_f64() * 100.0);
        }
        for (name, mut l) in [
            ("pad", Box::new(Pad::new(music::progression(1), 4.0, 1.6, 1)) as Box<dyn Layer>),
            ("beat", Box::new(Beat::new(music::progression(1), 1))),
        ] {
            let mut block = [[0.0f32; 2]; BLOCK];
            let started = std::time::Instant::now();
            for b in 0..10 * 48_000 / BLOCK {
                l.render(&mut block, (b * BLOCK) as f32 / RATE, 1.0);
            }
            eprintln!("{name}: {:.2} ms/s", started.elapsed().as_secs_f64() * 100.0);
        }
    }
}
