//! Editing pixels the engine did not make (an uploaded clip, another engine's output): an
//! instruction becomes a per-frame grade — palette remap, time of day and lighting, weather
//! drawn over the picture.
//!
//! The colour work is one pass over the pixels through tables built once per grade:
//! 1. palette: each pixel is pulled toward a ramp of the named colours indexed by its
//!    luminance, each ramp colour rescaled to that luminance, so brightness (and with it
//!    every edge) stays and only the hue moves;
//! 2. saturation about the pixel's luminance;
//! 3. a per-channel tone curve (gain, lift, contrast) for time of day and lighting.
//!
//! Weather is then drawn over it: fog as a veil thicker towards the top, rain and snow
//! with the engine's own particle systems, so any frame can be graded on its own.

use crate::math::fract;
use crate::palette::Rgb;
use crate::pixels::Pixels;
use crate::plan::{Lighting, TimeOfDay, Weather as Sky};
use crate::rng::hash_str;
use crate::weather::{Precipitation, Weather};

/// How far a named palette pulls the picture (the rest is the original colour).
const PALETTE_PULL: f32 = 0.8;
/// How far a subject's colour leans the whole picture: the subject cannot be found in foreign
/// pixels, so the colour is only a hint.
const SUBJECT_HINT_PULL: f32 = 0.2;

/// What an edit instruction does to foreign pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    /// Colours to pull toward, darkest first; empty for none.
    ramp: Vec<Rgb>,
    ramp_pull: f32,
    /// Per-channel multiplier and offset (0–255 scale), then contrast about mid-grey.
    gain: [f32; 3],
    lift: [f32; 3],
    contrast: f32,
    saturation: f32,
    /// Veil strength at the top of the frame, 0 = none.
    fog: f32,
    fall: Weather,
    lightning: bool,
    /// Seeds the particles, so the same instruction always rains the same way.
    seed: u64,
}

impl Default for Grade {
    fn default() -> Self {
        Self {
            ramp: Vec::new(),
            ramp_pull: 0.0,
            gain: [1.0; 3],
            lift: [0.0; 3],
            contrast: 1.0,
            saturation: 1.0,
            fog: 0.0,
            fall: Weather::Clear,
            lightning: false,
            seed: 0,
        }
    }
}

impl Grade {
    /// Read an edit instruction ("shift the colour palette to teal, sand and rust", "make it night").
    pub fn from_instruction(instruction: &str) -> Self {
        let ask = crate::plan::read_ask(instruction);
        let plan = &ask.delta;
        let mut g = Self { seed: hash_str(instruction), ..Self::default() };

        if let Some(t) = plan.time_of_day {
            g.time(t);
        }
        for &l in &plan.lighting {
            g.light(l);
        }
        if !plan.palette.is_empty() {
            g.ramp = plan.palette.iter().map(|c| c.rgb).collect();
            g.ramp_pull = if ask.subject_colour { SUBJECT_HINT_PULL } else { PALETTE_PULL };
        } else if plan.lighting.contains(&Lighting::Neon) {
            g.ramp = vec![Rgb::new(40, 0, 90), Rgb::new(255, 0, 170), Rgb::new(0, 230, 255)];
            g.ramp_pull = 0.45;
        }
        g.ramp.sort_by_key(|c| luma(c.r, c.g, c.b));

        let has = |w: Sky| plan.weather.contains(&w);
        if has(Sky::Rain) || has(Sky::Storm) {
            g.fall = Weather::Rain;
            g.scale([0.85, 0.87, 0.9]);
            g.saturation *= 0.8;
        } else if has(Sky::Snow) {
            g.fall = Weather::Snow;
            g.add([14.0, 16.0, 22.0]);
            g.saturation *= 0.8;
        }
        if has(Sky::Storm) {
            g.scale([0.75, 0.75, 0.8]);
        }
        g.lightning = has(Sky::Storm) || has(Sky::Lightning);
        g.fog = if has(Sky::Fog) {
            0.6
        } else if has(Sky::Mist) {
            0.45
        } else if has(Sky::Haze) || has(Sky::Smoke) || has(Sky::Dust) {
            0.3
        } else {
            0.0
        };
        g
    }

    /// Only a palette pull toward `colours` (for a clip whose palette an edit changed).
    pub(crate) fn toward(colours: &[Rgb]) -> Self {
        let mut ramp = colours.to_vec();
        ramp.sort_by_key(|c| luma(c.r, c.g, c.b));
        let ramp_pull = if ramp.is_empty() { 0.0 } else { PALETTE_PULL };
        Self { ramp, ramp_pull, ..Self::default() }
    }

    fn scale(&mut self, k: [f32; 3]) {
        for (g, k) in self.gain.iter_mut().zip(k) {
            *g *= k;
        }
    }

    fn add(&mut self, k: [f32; 3]) {
        for (l, k) in self.lift.iter_mut().zip(k) {
            *l += k;
        }
    }

    fn time(&mut self, t: TimeOfDay) {
        use TimeOfDay as T;
        match t {
            T::Night => {
                self.scale([0.32, 0.4, 0.62]);
                self.add([2.0, 4.0, 12.0]);
                self.saturation *= 0.6;
            }
            T::BlueHour => {
                self.scale([0.55, 0.66, 0.95]);
                self.saturation *= 0.8;
            }
            T::Dusk => {
                self.scale([0.72, 0.62, 0.78]);
                self.saturation *= 0.9;
            }
            T::Sunset => {
                self.scale([1.12, 0.82, 0.6]);
                self.add([10.0, 0.0, 0.0]);
                self.saturation *= 1.1;
            }
            T::GoldenHour => {
                self.scale([1.12, 0.96, 0.7]);
                self.saturation *= 1.05;
            }
            T::Dawn => self.scale([1.05, 0.9, 0.92]),
            T::Morning => self.scale([1.0, 1.0, 0.96]),
            T::Noon => {
                self.scale([1.08, 1.08, 1.08]);
                self.contrast *= 1.05;
            }
            T::Afternoon => self.scale([1.04, 1.0, 0.94]),
        }
    }

    fn light(&mut self, l: Lighting) {
        use Lighting as L;
        match l {
            L::Warm | L::Candlelight | L::Firelight => self.scale([1.1, 0.97, 0.8]),
            L::Cool | L::Moonlight => self.scale([0.88, 0.97, 1.12]),
            L::Sunlight => self.scale([1.08, 1.04, 0.95]),
            L::Soft => self.contrast *= 0.82,
            L::Hard | L::Backlight => self.contrast *= 1.25,
            L::Overcast => {
                self.scale([0.9, 0.9, 0.92]);
                self.saturation *= 0.7;
            }
            L::Neon => {
                self.saturation *= 1.3;
                self.contrast *= 1.1;
            }
            L::Spotlight | L::GodRays | L::Studio => self.contrast *= 1.1,
            L::Blinds | L::Reflections => {}
        }
    }

    /// True when the instruction asks nothing this grade can do to pixels.
    pub fn is_identity(&self) -> bool {
        self.tone_is_identity() && self.fog == 0.0 && self.fall == Weather::Clear && !self.lightning
    }

    fn tone_is_identity(&self) -> bool {
        (self.ramp.is_empty() || self.ramp_pull == 0.0)
            && self.gain == [1.0; 3]
            && self.lift == [0.0; 3]
            && self.contrast == 1.0
            && self.saturation == 1.0
    }

    /// Grade one RGBA frame in place; `t` is its time in seconds (for animated overlays).
    /// A buffer that does not hold `width` x `height` pixels is left as it is.
    pub fn apply(&self, rgba: &mut [u8], width: u32, height: u32, t: f32) {
        let pixels = width as usize * height as usize;
        if rgba.len() != pixels * 4 || pixels == 0 {
            return;
        }
        if !self.tone_is_identity() {
            self.tone(rgba);
        }
        if self.fog > 0.0 {
            self.veil(rgba, width as usize);
        }
        let mut px = Pixels::new(rgba, width, height);
        if self.fall != Weather::Clear {
            Precipitation::new(self.fall, width, height, self.seed).draw(&mut px, t);
        }
        if self.lightning && fract(t / 3.7 + 0.3) < 0.03 {
            for p in rgba.chunks_exact_mut(4) {
                for c in &mut p[..3] {
                    *c = c.saturating_add((255 - *c) / 3);
                }
            }
        }
    }

    /// Palette, saturation and tone in one pass through 256-entry tables.
    fn tone(&self, rgba: &mut [u8]) {
        // ramp[y]: the palette colour for luminance y, at that luminance, in 8.8 fixed point weight.
        let pull = (self.ramp_pull.clamp(0.0, 1.0) * 256.0) as i32;
        let ramp: Vec<[i32; 3]> =
            if self.ramp.is_empty() { Vec::new() } else { (0..256).map(|y| ramp_at(&self.ramp, y as u8)).collect() };
        let sat = (self.saturation.clamp(0.0, 4.0) * 256.0) as i32;
        let curve: [[u8; 256]; 3] = std::array::from_fn(|c| {
            std::array::from_fn(|v| {
                let x = v as f32 * self.gain[c] + self.lift[c];
                let x = (x - 128.0) * self.contrast + 128.0;
                x.round().clamp(0.0, 255.0) as u8
            })
        });
        for p in rgba.chunks_exact_mut(4) {
            let (mut r, mut g, mut b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
            let y = luma(p[0], p[1], p[2]);
            if let Some(c) = ramp.get(usize::from(y)) {
                r += ((c[0] - r) * pull) >> 8;
                g += ((c[1] - g) * pull) >> 8;
                b += ((c[2] - b) * pull) >> 8;
            }
            let y = i32::from(y);
            r = y + (((r - y) * sat) >> 8);
            g = y + (((g - y) * sat) >> 8);
            b = y + (((b - y) * sat) >> 8);
            p[0] = curve[0][r.clamp(0, 255) as usize];
            p[1] = curve[1][g.clamp(0, 255) as usize];
            p[2] = curve[2][b.clamp(0, 255) as usize];
        }
    }

    /// Fog: a pale veil, thickest at the top (the far distance in most shots).
    fn veil(&self, rgba: &mut [u8], width: usize) {
        let rows = rgba.len() / (width * 4);
        let grey = [196i32, 202, 210];
        for (y, row) in rgba.chunks_exact_mut(width * 4).enumerate() {
            let depth = 1.0 - 0.6 * y as f32 / rows.max(1) as f32;
            let a = (self.fog * depth * 256.0) as i32;
            for p in row.chunks_exact_mut(4) {
                for (c, g) in p[..3].iter_mut().zip(grey) {
                    let v = i32::from(*c);
                    *c = (v + (((g - v) * a) >> 8)).clamp(0, 255) as u8;
                }
            }
        }
    }
}

/// Rec. 709 luminance, 0–255.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((54 * u32::from(r) + 183 * u32::from(g) + 19 * u32::from(b)) >> 8) as u8
}

/// The ramp's colour at luminance `y`, rescaled to luminance `y` (clipped at white).
fn ramp_at(ramp: &[Rgb], y: u8) -> [i32; 3] {
    let u = f32::from(y) / 255.0 * (ramp.len() - 1) as f32;
    let i = (u as usize).min(ramp.len() - 1);
    let j = (i + 1).min(ramp.len() - 1);
    // Mostly one colour per band with a short blend between: halfway mixes of two hues are mud.
    let f = ((u - i as f32 - 0.35) / 0.3).clamp(0.0, 1.0);
    let c = ramp[i].mix(ramp[j], f);
    let own = f32::from(luma(c.r, c.g, c.b)).max(1.0);
    let k = f32::from(y) / own;
    let f = |v: u8| (f32::from(v) * k).round().clamp(0.0, 255.0) as i32;
    if luma(c.r, c.g, c.b) == 0 { [i32::from(y); 3] } else { [f(c.r), f(c.g), f(c.b)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test card: a horizontal luminance ramp with a dark diagonal band and a bright disc.
    fn card(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity((w * h * 4) as usize);
        for y in 0..h {
            for x in 0..w {
                let base = (x * 255 / w.max(1)) as u8;
                let band = (x + y) % 97 < 12;
                let disc = {
                    let (dx, dy) = (x as i32 - w as i32 / 3, y as i32 - h as i32 / 2);
                    dx * dx + dy * dy < (h as i32 / 5).pow(2)
                };
                let (r, g, b) = if disc {
                    (240, 235, 90)
                } else if band {
                    (20, 30, 40)
                } else {
                    (base, base.saturating_add(20), 255 - base / 2)
                };
                out.extend_from_slice(&[r, g, b, 255]);
            }
        }
        out
    }

    fn lumas(rgba: &[u8]) -> Vec<f64> {
        rgba.chunks_exact(4).map(|p| f64::from(luma(p[0], p[1], p[2]))).collect()
    }

    fn correlation(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len() as f64;
        let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
        let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
        for (x, y) in a.iter().zip(b) {
            ab += (x - ma) * (y - mb);
            aa += (x - ma) * (x - ma);
            bb += (y - mb) * (y - mb);
        }
        ab / (aa * bb).sqrt().max(1e-9)
    }

    /// Mean distance in chromaticity (r, g over r+g+b) from each pixel to the nearest of `colours`.
    fn chroma_distance(rgba: &[u8], colours: &[Rgb]) -> f64 {
        let chroma = |r: u8, g: u8, b: u8| {
            let s = (f64::from(r) + f64::from(g) + f64::from(b)).max(1.0);
            (f64::from(r) / s, f64::from(g) / s)
        };
        let targets: Vec<(f64, f64)> = colours.iter().map(|c| chroma(c.r, c.g, c.b)).collect();
        let mut total = 0.0;
        let mut n = 0.0;
        for p in rgba.chunks_exact(4) {
            let (r, g) = chroma(p[0], p[1], p[2]);
            total +=
                targets.iter().map(|(tr, tg)| ((r - tr).powi(2) + (g - tg).powi(2)).sqrt()).fold(f64::MAX, f64::min);
            n += 1.0;
        }
        total / n
    }

    #[test]
    fn palette_grade_moves_toward_the_colours_and_keeps_structure() {
        let (w, h) = (320, 180);
        let orig = card(w, h);
        let g = Grade::from_instruction("shift the colour palette to teal, sand and rust");
        assert!(!g.is_identity());
        let mut out = orig.clone();
        g.apply(&mut out, w, h, 0.0);
        let named = [Rgb::new(0, 128, 128), Rgb::new(194, 178, 128), Rgb::new(183, 65, 14)];
        let before = chroma_distance(&orig, &named);
        let after = chroma_distance(&out, &named);
        assert!(after < before * 0.6, "{before} → {after}");
        let r = correlation(&lumas(&orig), &lumas(&out));
        assert!(r > 0.95, "luminance correlation {r}");
    }

    #[test]
    fn night_is_darker_and_bluer_sunset_warmer() {
        let (w, h) = (160, 90);
        let orig = card(w, h);
        let mean = |v: &[u8], c: usize| v.chunks_exact(4).map(|p| f64::from(p[c])).sum::<f64>() / f64::from(w * h);
        let mut night = orig.clone();
        Grade::from_instruction("make it night").apply(&mut night, w, h, 0.0);
        let mean_luma = |v: &[u8]| lumas(v).iter().sum::<f64>() / f64::from(w * h);
        assert!(mean_luma(&night) < 0.6 * mean_luma(&orig));
        assert!(mean(&night, 2) > mean(&night, 0) * 1.3);
        let mut sunset = orig.clone();
        Grade::from_instruction("at sunset").apply(&mut sunset, w, h, 0.0);
        assert!(mean(&sunset, 0) - mean(&sunset, 2) > mean(&orig, 0) - mean(&orig, 2) + 30.0);
        assert!(correlation(&lumas(&orig), &lumas(&sunset)) > 0.9);
    }

    #[test]
    fn rain_and_snow_are_drawn_and_move() {
        let (w, h) = (320, 180);
        let orig = card(w, h);
        for ask in ["add rain", "it starts snowing"] {
            let g = Grade::from_instruction(ask);
            let (mut a, mut b) = (orig.clone(), orig.clone());
            g.apply(&mut a, w, h, 0.5);
            g.apply(&mut b, w, h, 1.0);
            assert_ne!(a, orig, "{ask}");
            assert_ne!(a, b, "{ask}: particles move");
            let mut again = orig.clone();
            g.apply(&mut again, w, h, 0.5);
            assert_eq!(a, again, "{ask}: deterministic");
        }
        let mut fog = orig.clone();
        Grade::from_instruction("add thick fog").apply(&mut fog, w, h, 0.0);
        let spread = |v: &[u8]| {
            let l = lumas(v);
            let m = l.iter().sum::<f64>() / l.len() as f64;
            l.iter().map(|x| (x - m).abs()).sum::<f64>() / l.len() as f64
        };
        assert!(spread(&fog) < 0.7 * spread(&orig), "fog flattens contrast");
    }

    #[test]
    fn nothing_asked_changes_nothing() {
        let (w, h) = (64, 36);
        let orig = card(w, h);
        for ask in ["", "make it better", "remove the rain", "change the colour of the monster"] {
            let g = Grade::from_instruction(ask);
            assert!(g.is_identity(), "{ask}");
            let mut out = orig.clone();
            g.apply(&mut out, w, h, 1.0);
            assert_eq!(out, orig, "{ask}");
        }
        // A wrong-sized buffer is left alone rather than read out of bounds.
        let mut short = vec![7u8; 10];
        Grade::from_instruction("make it night").apply(&mut short, w, h, 0.0);
        assert_eq!(short, vec![7u8; 10]);
    }

    #[test]
    fn a_subject_colour_only_leans_the_picture() {
        let (w, h) = (160, 90);
        let orig = card(w, h);
        let lean = Grade::from_instruction("change the colour of the monster to orange");
        let full = Grade::from_instruction("shift the palette to orange");
        let (mut a, mut b) = (orig.clone(), orig.clone());
        lean.apply(&mut a, w, h, 0.0);
        full.apply(&mut b, w, h, 0.0);
        let orange = [Rgb::new(255, 165, 0)];
        let (d0, da, db) =
            (chroma_distance(&orig, &orange), chroma_distance(&a, &orange), chroma_distance(&b, &orange));
        assert!(db < da && da < d0, "{d0} {da} {db}");
    }
}
