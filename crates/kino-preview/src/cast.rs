//! Characters cast into a clip: each [`Character`] the prompt names (a short RGBA loop whose
//! alpha is its matte) stands on the ground like a person, about as tall as one, looping its
//! frames at its own rate, and walks or drives across when the prompt gives it such a verb.
//!
//! What the character does is read by the planner: the name is swapped for "person" and the
//! prompt planned again, so "Mossy walks across the meadow" reads like "person walks ...".

use std::sync::Arc;

use kino_engine::Character;

use crate::math::sin_turns;
use crate::plan::{Action, ScenePlan};

/// Character height as a fraction of the frame's shorter side (a person at the default shot).
const HEIGHT: f32 = 0.36;
/// At most this fraction of the frame's width, however wide the matte is.
const MAX_WIDTH: f32 = 0.45;
/// Where the feet are, as a fraction of the height (the main subject's ground line).
const GROUND: f32 = 0.86;
/// The noun a character's name stands for when the prompt is planned.
const STAND_IN: &str = "person";

/// One character frame scaled to its drawn size: premultiplied RGBA.
struct Sprite {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

struct Actor {
    sprites: Vec<Sprite>,
    fps: f32,
    /// Centre x at t = 0 and speed, as fractions of the width (per second).
    x0: f32,
    speed: f32,
    /// Hop height as a fraction of the sprite height (0 = none).
    bob: f32,
}

/// The characters a clip casts.
pub(crate) struct Cast {
    actors: Vec<Actor>,
    width: usize,
    height: usize,
}

impl Cast {
    /// The characters of `all` that `prompt` names, sized for a `width` x `height` clip of
    /// `seconds`. Characters with no usable frame are left out.
    pub fn new(all: &[Arc<Character>], prompt: &str, width: u32, height: u32, seconds: f32) -> Self {
        let named: Vec<&Character> = all.iter().map(Arc::as_ref).filter(|c| c.named_in(prompt) && usable(c)).collect();
        let n = named.len();
        let (w, h) = (width as f32, height as f32);
        let actors = named
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let action = action_of(prompt, &c.name);
                let (speed, bob) = match action {
                    Some(Action::Running) => (0.75, 0.06),
                    Some(Action::Walking | Action::Climbing | Action::Crossing) => (0.35, 0.04),
                    Some(Action::Driving | Action::Riding | Action::Sailing | Action::Rolling) => (0.55, 0.0),
                    Some(Action::Jumping | Action::Bouncing | Action::Dancing | Action::Playing) => (0.0, 0.15),
                    Some(Action::Flying | Action::Floating | Action::Swimming | Action::Drifting) => (0.3, 0.05),
                    _ => (0.0, 0.0),
                };
                let slot = if n == 1 { 0.5 } else { (k + 1) as f32 / (n + 1) as f32 };
                let x0 = if speed > 0.0 { slot - 0.26 } else { slot };
                let first = &c.frames[0];
                let tall = HEIGHT * w.min(h);
                let scale = (tall / first.height as f32).min(MAX_WIDTH * w / first.width as f32);
                let sw = ((first.width as f32 * scale).round() as usize).max(1);
                let sh = ((first.height as f32 * scale).round() as usize).max(1);
                let sprites =
                    c.frames.iter().map(|f| scaled(&f.rgba, f.width as usize, f.height as usize, sw, sh)).collect();
                Actor { sprites, fps: c.fps.max(1) as f32, x0, speed: speed / seconds.max(1.0), bob }
            })
            .collect();
        Self { actors, width: width as usize, height: height as usize }
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Draw the cast as it is `t` seconds in over `rgba` (opaque, the clip's size).
    pub fn draw(&self, rgba: &mut [u8], t: f32) {
        if rgba.len() != self.width * self.height * 4 {
            return;
        }
        for a in &self.actors {
            let i = ((t * a.fps).max(0.0) as usize) % a.sprites.len().max(1);
            let Some(s) = a.sprites.get(i) else { continue };
            let cx = (a.x0 + a.speed * t) * self.width as f32;
            let hop = a.bob * s.height as f32 * sin_turns(t * 0.9).abs();
            let left = (cx - s.width as f32 * 0.5).round() as i64;
            let top = (GROUND * self.height as f32 - s.height as f32 - hop).round() as i64;
            blit(rgba, self.width, self.height, s, left, top);
        }
    }
}

/// Drop the plan's subjects that are the characters' names ("Mossy" planned as an unknown
/// thing): the characters themselves stand for them.
pub(crate) fn without_named(mut plan: ScenePlan, all: &[Arc<Character>], prompt: &str) -> ScenePlan {
    let words: Vec<String> = all
        .iter()
        .filter(|c| c.named_in(prompt))
        .flat_map(|c| c.name.split(|ch: char| !ch.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    plan.subjects.retain(|s| !words.contains(&s.noun));
    plan
}

fn usable(c: &Character) -> bool {
    let Some(first) = c.frames.first() else { return false };
    first.width > 0
        && first.height > 0
        && c.frames.iter().all(|f| {
            f.width == first.width && f.height == first.height && f.rgba.len() == (f.width * f.height * 4) as usize
        })
}

/// What the prompt has the character named `name` do.
fn action_of(prompt: &str, name: &str) -> Option<Action> {
    let hay = prompt.to_lowercase();
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return None;
    }
    let mut swapped = String::with_capacity(hay.len());
    let mut rest = hay.as_str();
    while let Some(at) = rest.find(&name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].chars().next();
        let whole = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        swapped.push_str(&rest[..at]);
        swapped.push_str(if whole { STAND_IN } else { &name });
        rest = &rest[at + name.len()..];
    }
    swapped.push_str(rest);
    crate::plan::plan(&swapped).subjects.iter().find(|s| s.noun == STAND_IN).and_then(|s| s.action)
}

/// `src` (straight RGBA, `sw` x `sh`) resampled bilinearly to `dw` x `dh`, premultiplied so
/// the matte's edge does not pick up the colour under the transparent pixels.
fn scaled(src: &[u8], sw: usize, sh: usize, dw: usize, dh: usize) -> Sprite {
    let pre = |i: usize| -> [f32; 4] {
        let p = &src[i * 4..i * 4 + 4];
        let a = f32::from(p[3]) / 255.0;
        [f32::from(p[0]) * a, f32::from(p[1]) * a, f32::from(p[2]) * a, f32::from(p[3])]
    };
    let mut rgba = vec![0u8; dw * dh * 4];
    let (kx, ky) = (sw as f32 / dw as f32, sh as f32 / dh as f32);
    for y in 0..dh {
        let fy = ((y as f32 + 0.5) * ky - 0.5).clamp(0.0, (sh - 1) as f32);
        let (y0, wy) = (fy as usize, fy - fy.floor());
        let y1 = (y0 + 1).min(sh - 1);
        for x in 0..dw {
            let fx = ((x as f32 + 0.5) * kx - 0.5).clamp(0.0, (sw - 1) as f32);
            let (x0, wx) = (fx as usize, fx - fx.floor());
            let x1 = (x0 + 1).min(sw - 1);
            let (a, b, c, d) = (pre(y0 * sw + x0), pre(y0 * sw + x1), pre(y1 * sw + x0), pre(y1 * sw + x1));
            let o = &mut rgba[(y * dw + x) * 4..(y * dw + x) * 4 + 4];
            for ch in 0..4 {
                let top = a[ch] + (b[ch] - a[ch]) * wx;
                let bottom = c[ch] + (d[ch] - c[ch]) * wx;
                o[ch] = (top + (bottom - top) * wy).round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    Sprite { width: dw, height: dh, rgba }
}

/// Premultiplied `s` over opaque `dst` with its top-left at (left, top); clipped to the frame.
fn blit(dst: &mut [u8], width: usize, height: usize, s: &Sprite, left: i64, top: i64) {
    for sy in 0..s.height {
        let y = top + sy as i64;
        if y < 0 || y >= height as i64 {
            continue;
        }
        for sx in 0..s.width {
            let x = left + sx as i64;
            if x < 0 || x >= width as i64 {
                continue;
            }
            let p = &s.rgba[(sy * s.width + sx) * 4..(sy * s.width + sx) * 4 + 4];
            let a = u32::from(p[3]);
            if a == 0 {
                continue;
            }
            let d = &mut dst[(y as usize * width + x as usize) * 4..(y as usize * width + x as usize) * 4 + 3];
            for (dc, sc) in d.iter_mut().zip(&p[..3]) {
                *dc = (u32::from(*sc) + (u32::from(*dc) * (255 - a) + 127) / 255).min(255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use kino_engine::VideoFrame;

    use super::*;

    /// A 20x40 magenta figure on a transparent 40x40 frame.
    fn mossy(name: &str) -> Arc<Character> {
        let mut rgba = vec![0u8; 40 * 40 * 4];
        for y in 0..40 {
            for x in 10..30 {
                rgba[(y * 40 + x) * 4..(y * 40 + x) * 4 + 4].copy_from_slice(&[255, 0, 255, 255]);
            }
        }
        Arc::new(Character {
            id: "char_1".into(),
            name: name.into(),
            fps: 12,
            frames: vec![VideoFrame::new(40, 40, rgba)],
        })
    }

    fn magenta(rgba: &[u8]) -> usize {
        rgba.chunks_exact(4).filter(|p| p[0] > 240 && p[1] < 15 && p[2] > 240).count()
    }

    #[test]
    fn named_characters_are_drawn_standing_and_others_are_not() {
        let (w, h) = (320u32, 180u32);
        let all = [mossy("Mossy")];
        let cast = Cast::new(&all, "Mossy stands in a meadow", w, h, 4.0);
        let mut frame = vec![30u8; (w * h * 4) as usize];
        cast.draw(&mut frame, 1.0);
        // About HEIGHT of the short side tall and half as wide: 65 x 32 pixels.
        let n = magenta(&frame);
        assert!((1800..2400).contains(&n), "{n}");
        let lowest = frame
            .chunks_exact(4)
            .enumerate()
            .filter(|(_, p)| p[1] < 15 && p[0] > 240)
            .map(|(i, _)| i / w as usize)
            .max();
        assert_eq!(lowest, Some((GROUND * h as f32).round() as usize - 1));

        let cast = Cast::new(&all, "a mossygreen rock", w, h, 4.0);
        assert!(cast.is_empty());
    }

    #[test]
    fn a_walking_character_moves_and_an_idle_one_stays() {
        let (w, h) = (320u32, 180u32);
        let all = [mossy("Mossy")];
        let centre = |prompt: &str, t: f32| {
            let mut f = vec![0u8; (w * h * 4) as usize];
            Cast::new(&all, prompt, w, h, 4.0).draw(&mut f, t);
            let xs: Vec<usize> =
                f.chunks_exact(4).enumerate().filter(|(_, p)| p[0] > 240).map(|(i, _)| i % w as usize).collect();
            xs.iter().sum::<usize>() as f32 / xs.len().max(1) as f32
        };
        assert!(centre("Mossy walks across the meadow", 3.0) > centre("Mossy walks across the meadow", 0.0) + 50.0);
        assert_eq!(centre("Mossy sits in the meadow", 3.0), centre("Mossy sits in the meadow", 0.0));
        assert_eq!(action_of("A dog and MOSSY running", "Mossy"), Some(Action::Running));
    }

    #[test]
    fn the_name_subject_gives_way_to_the_character() {
        let all = [mossy("Mossy")];
        let p =
            without_named(crate::plan::plan("Mossy walks across the meadow"), &all, "Mossy walks across the meadow");
        assert!(p.subjects.iter().all(|s| s.noun != "mossy"));
    }

    #[test]
    fn broken_characters_are_skipped() {
        let mut bad = (*mossy("Mossy")).clone();
        bad.frames[0].rgba.truncate(8);
        let none = Character { frames: Vec::new(), ..bad.clone() };
        let cast = Cast::new(&[Arc::new(bad), Arc::new(none)], "Mossy", 64, 36, 2.0);
        assert!(cast.is_empty());
    }
}
