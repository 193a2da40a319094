//! Prompt → scene plan: what the clip shows, where it moves, and how it sounds.
//! Everything here is a pure function of (prompt, seed), so a plan is reproducible.
//! Sizes and positions are fractions of the frame, so one plan fits every contract size.

use crate::audio::SoundPlan;
use crate::palette::{COLOUR_WORDS, DEFAULT_PALETTES, Palette, Rgb, SkyBody, TIME_PHRASES};
use crate::rng::{Rng, hash_str};
use crate::words::Words;

/// Where the sky meets the ground, as a fraction of the frame height.
pub const HORIZON: f32 = 0.62;
/// How far the camera pans over the whole clip, as a fraction of the frame width.
pub const PAN: f32 = 0.12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Vehicle,
    Boat,
    Bird,
    Balloon,
    Orb,
}

impl Kind {
    /// Flying subjects live in the sky; the others stand on the ground band.
    pub fn flies(self) -> bool {
        matches!(self, Kind::Bird | Kind::Balloon | Kind::Orb)
    }
}

/// Subject nouns. v1 knows a handful; unknown subjects become a glowing orb.
const NOUNS: &[(&str, Kind)] = &[
    ("car", Kind::Vehicle),
    ("truck", Kind::Vehicle),
    ("bus", Kind::Vehicle),
    ("van", Kind::Vehicle),
    ("taxi", Kind::Vehicle),
    ("jeep", Kind::Vehicle),
    ("vehicle", Kind::Vehicle),
    ("boat", Kind::Boat),
    ("ship", Kind::Boat),
    ("sailboat", Kind::Boat),
    ("yacht", Kind::Boat),
    ("ferry", Kind::Boat),
    ("bird", Kind::Bird),
    ("seagull", Kind::Bird),
    ("gull", Kind::Bird),
    ("crow", Kind::Bird),
    ("eagle", Kind::Bird),
    ("hawk", Kind::Bird),
    ("dove", Kind::Bird),
    ("pigeon", Kind::Bird),
    ("balloon", Kind::Balloon),
    ("lantern", Kind::Balloon),
    ("orb", Kind::Orb),
    ("ball", Kind::Orb),
    ("planet", Kind::Orb),
    ("bubble", Kind::Orb),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    Grass,
    Road,
    Water,
    Sand,
    Snow,
}

const GROUND_WORDS: &[(&str, Ground)] = &[
    ("ocean", Ground::Water),
    ("sea", Ground::Water),
    ("lake", Ground::Water),
    ("river", Ground::Water),
    ("waves", Ground::Water),
    ("harbor", Ground::Water),
    ("harbour", Ground::Water),
    ("desert", Ground::Sand),
    ("dune", Ground::Sand),
    ("beach", Ground::Sand),
    ("sand", Ground::Sand),
    ("road", Ground::Road),
    ("street", Ground::Road),
    ("highway", Ground::Road),
    ("city", Ground::Road),
    ("field", Ground::Grass),
    ("meadow", Ground::Grass),
    ("park", Ground::Grass),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weather {
    Clear,
    Rain,
    Snow,
}

const RAIN_WORDS: &[&str] = &["rain", "rainy", "raining", "drizzle", "storm", "stormy", "downpour", "shower"];
const SNOW_WORDS: &[&str] = &["snow", "snowy", "snowing", "snowfall", "blizzard", "snowflake"];

/// One moving thing. Positions are fractions of the frame; `x_at` gives where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub kind: Kind,
    pub colour: Rgb,
    /// Length (or wingspan, or width) as a fraction of the frame's shorter side.
    pub size: f32,
    /// Horizontal position at t = 0, as a fraction of the width.
    pub x0: f32,
    /// Ground-line (or centre, for flyers) as a fraction of the height.
    pub y: f32,
    /// Frame widths per second; negative moves left.
    pub speed: f32,
    /// How much the camera pan moves it: 1 for the foreground, less for far things.
    pub parallax: f32,
    /// Offset, in turns, for bobbing and flapping so that copies do not move in lockstep.
    pub phase: f32,
    /// Background traffic re-enters from the other side; the main subject just crosses once.
    pub wraps: bool,
}

impl Subject {
    /// Horizontal position (fraction of the width) at time `t` with the camera at `pan`.
    pub fn x_at(&self, t: f32, pan: f32) -> f32 {
        let x = self.x0 + self.speed * t - pan * self.parallax;
        if self.wraps {
            // Wrap over a span wider than the frame so copies leave fully before re-entering.
            const LO: f32 = -0.3;
            const SPAN: f32 = 1.6;
            LO + crate::math::fract((x - LO) / SPAN) * SPAN
        } else {
            x
        }
    }
}

/// The plan for one clip.
#[derive(Debug, Clone)]
pub struct Scene {
    pub palette: Palette,
    pub ground: Ground,
    pub ground_colour: Rgb,
    pub weather: Weather,
    /// Drawn back to front; the main subject is last.
    pub subjects: Vec<Subject>,
    /// Seeds the static details (stars, clouds, hills) and the weather particles.
    pub detail_seed: u64,
    pub sound: SoundPlan,
}

impl Scene {
    pub fn plan(prompt: &str, seed: u64, seconds: f32) -> Self {
        let words = Words::new(prompt);
        let hash = hash_str(prompt);
        // The look follows the prompt alone; the seed varies layout and details.
        let mut rng = Rng::new(hash ^ seed.wrapping_mul(0xA076_1D64_78BD_642F));

        let weather = if words.has_any(RAIN_WORDS) {
            Weather::Rain
        } else if words.has_any(SNOW_WORDS) {
            Weather::Snow
        } else {
            Weather::Clear
        };
        let palette = weathered(
            words
                .first_phrase(TIME_PHRASES)
                .unwrap_or(DEFAULT_PALETTES[(hash % DEFAULT_PALETTES.len() as u64) as usize]),
            weather,
        );
        let kind = words.first_of(NOUNS).unwrap_or(Kind::Orb);
        let ground = match words.first_of(GROUND_WORDS) {
            Some(g) => g,
            None if kind == Kind::Boat => Ground::Water,
            None if kind == Kind::Vehicle => Ground::Road,
            None if weather == Weather::Snow => Ground::Snow,
            None => Ground::Grass,
        };
        let light = palette.sky.light;
        let colours = words.all_of(COLOUR_WORDS);
        let main_colour = colours.first().copied().unwrap_or(palette.accents[(hash >> 8) as usize % 3]);
        let second_colour = colours.get(1).copied();

        let mut subjects = background_subjects(kind, &palette, second_colour, weather, &mut rng);
        subjects.sort_by(|a, b| a.size.total_cmp(&b.size));
        subjects.push(main_subject(kind, main_colour, seconds, &mut rng));
        for s in &mut subjects {
            s.colour = s.colour.lit(light);
        }

        Scene {
            ground_colour: ground_colour(ground, &palette).lit(light),
            palette,
            ground,
            weather,
            subjects,
            detail_seed: rng.next_u64(),
            sound: SoundPlan::from_prompt(&words, hash, seed),
        }
    }

    #[cfg(test)]
    pub fn main_subject(&self) -> Option<&Subject> {
        self.subjects.last()
    }
}

/// Rain and snow grey the sky and hide the sun.
fn weathered(mut p: Palette, weather: Weather) -> Palette {
    let (grey, amount, light) = match weather {
        Weather::Clear => return p,
        Weather::Rain => (Rgb::new(96, 104, 116), 0.55, 0.8),
        Weather::Snow => (Rgb::new(200, 206, 216), 0.45, 0.95),
    };
    p.sky.top = p.sky.top.mix(grey, amount);
    p.sky.horizon = p.sky.horizon.mix(grey, amount);
    p.sky.light *= light;
    if p.sky.body == SkyBody::Sun {
        p.sky.body = SkyBody::Hidden;
    }
    p
}

fn ground_colour(ground: Ground, p: &Palette) -> Rgb {
    match ground {
        Ground::Grass => p.ground,
        Ground::Road => p.ground.mix(Rgb::new(120, 118, 110), 0.6),
        Ground::Water => p.sky.horizon.mix(Rgb::new(20, 70, 120), 0.6),
        Ground::Sand => Rgb::new(222, 192, 134),
        Ground::Snow => Rgb::new(236, 240, 248),
    }
}

fn main_subject(kind: Kind, colour: Rgb, seconds: f32, rng: &mut Rng) -> Subject {
    let (size, y) = match kind {
        Kind::Vehicle | Kind::Boat => (0.42, HORIZON + 0.6 * (1.0 - HORIZON)),
        Kind::Bird => (0.30, 0.36),
        Kind::Balloon => (0.26, 0.40),
        Kind::Orb => (0.20, 0.45),
    };
    Subject {
        kind,
        colour,
        size,
        x0: 0.22 + rng.range(-0.03, 0.03),
        y: y + rng.range(-0.02, 0.02),
        // Crosses about half the frame over the clip, whatever its length.
        speed: 0.55 / seconds.max(1.0),
        parallax: 1.0,
        phase: rng.unit(),
        wraps: false,
    }
}

fn background_subjects(
    kind: Kind,
    palette: &Palette,
    second_colour: Option<Rgb>,
    weather: Weather,
    rng: &mut Rng,
) -> Vec<Subject> {
    let mut out = Vec::new();
    let accent = |i: usize| if i == 0 { second_colour.unwrap_or(palette.accents[0]) } else { palette.accents[i % 3] };
    let drift = |rng: &mut Rng, lo: f32, hi: f32| {
        let s = rng.range(lo, hi);
        if rng.unit() < 0.5 { -s } else { s }
    };
    if kind.flies() {
        // A loose flock or cluster of smaller copies at different depths.
        for i in 0..4 {
            out.push(Subject {
                kind,
                colour: accent(i),
                size: rng.range(0.06, 0.14),
                x0: rng.range(0.0, 1.0),
                y: rng.range(0.10, 0.52),
                speed: drift(rng, 0.02, 0.06),
                parallax: rng.range(0.3, 0.6),
                phase: rng.unit(),
                wraps: true,
            });
        }
    } else {
        // Two smaller copies travelling along the far edge of the ground.
        for i in 0..2 {
            out.push(Subject {
                kind,
                colour: accent(i),
                size: rng.range(0.13, 0.18),
                x0: rng.range(0.0, 1.0),
                y: HORIZON + rng.range(0.14, 0.22) * (1.0 - HORIZON),
                speed: drift(rng, 0.04, 0.08),
                parallax: 0.5,
                phase: rng.unit(),
                wraps: true,
            });
        }
        // Birds overhead when the sky is clear and lit.
        if weather == Weather::Clear && palette.sky.light > 0.7 {
            for _ in 0..3 {
                out.push(Subject {
                    kind: Kind::Bird,
                    colour: Rgb::new(40, 40, 48),
                    size: rng.range(0.035, 0.06),
                    x0: rng.range(0.0, 1.0),
                    y: rng.range(0.12, 0.32),
                    speed: rng.range(0.03, 0.06),
                    parallax: 0.2,
                    phase: rng.unit(),
                    wraps: true,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_word_colours_the_main_subject() {
        let s = Scene::plan("a red car at noon", 0, 8.0);
        let main = s.main_subject().expect("main subject");
        assert_eq!(main.kind, Kind::Vehicle);
        assert!(main.colour.r > 150 && main.colour.g < 80);
        assert_eq!(s.ground, Ground::Road);
    }

    #[test]
    fn time_words_pick_the_sky() {
        assert_eq!(Scene::plan("a boat at night", 0, 4.0).palette.name, "night");
        assert_eq!(Scene::plan("a boat at blue hour", 0, 4.0).palette.name, "blue hour");
        let p = Scene::plan("birds in the rain", 0, 4.0);
        assert_eq!(p.weather, Weather::Rain);
        assert_eq!(p.main_subject().map(|s| s.kind), Some(Kind::Bird));
    }

    #[test]
    fn blue_hour_does_not_colour_the_subject_blue() {
        let s = Scene::plan("a car at blue hour", 0, 4.0);
        let c = s.main_subject().map(|m| m.colour).expect("main subject");
        assert!(!(c.b > c.r + 60 && c.b > c.g + 60), "{c:?}");
    }

    #[test]
    fn wrapping_subjects_stay_near_the_frame() {
        let s = Scene::plan("balloons", 3, 20.0);
        for sub in s.subjects.iter().filter(|s| s.wraps) {
            for i in 0..200 {
                let x = sub.x_at(i as f32 * 0.1, 0.12 * i as f32 / 200.0);
                assert!((-0.31..1.31).contains(&x), "{x}");
            }
        }
    }
}
