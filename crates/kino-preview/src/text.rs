//! On-screen text: the prompt's quoted words, centred and sized to the frame, drawn with a
//! bundled font (DejaVu Sans Bold, `assets/fonts/`, licence beside it) and an effect
//! (sparkle, glow, neon, fade, typewriter, bounce, plain). Glyphs are rasterised once per
//! clip, and the glow halo is blurred once; each frame only blends those bitmaps.

use std::collections::HashMap;
use std::sync::OnceLock;

use fontdue::{Font, FontSettings};

use crate::math::sin_turns;
use crate::palette::Rgb;
use crate::pixels::Pixels;
use crate::plan::{OnScreenText, TextEffect};
use crate::rng::{Rng, hash_str};

static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

fn font() -> Option<&'static Font> {
    static FONT: OnceLock<Option<Font>> = OnceLock::new();
    FONT.get_or_init(|| Font::from_bytes(FONT_BYTES, FontSettings::default()).ok()).as_ref()
}

struct Glyph {
    /// Top-left in frame pixels.
    x: i32,
    y: i32,
    /// Index into the bitmap cache.
    bitmap: usize,
    /// Letter order, for typewriter and bounce.
    order: usize,
}

struct Bitmap {
    w: usize,
    h: usize,
    cov: Vec<u8>,
}

/// A glow halo: blurred coverage of the whole block, placed at (x, y).
struct Halo {
    x: i32,
    y: i32,
    w: usize,
    h: usize,
    cov: Vec<u8>,
}

pub struct TextLayer {
    glyphs: Vec<Glyph>,
    bitmaps: Vec<Bitmap>,
    halo: Option<Halo>,
    effect: TextEffect,
    colour: Rgb,
    glow: Rgb,
    letters: usize,
    px: f32,
    seconds: f32,
    /// Sparkle glints: position, phase, size.
    glints: Vec<(f32, f32, f32, f32)>,
    seed: u64,
}

impl TextLayer {
    pub fn new(text: &OnScreenText, tint: &[Rgb], width: u32, height: u32, seconds: f32) -> Option<Self> {
        let font = font()?;
        let words: Vec<&str> = text.text.split_whitespace().collect();
        if words.is_empty() {
            return None;
        }
        let (w, h) = (width as f32, height as f32);
        let max_w = 0.86 * w;
        let measure = |s: &str, px: f32| -> f32 { s.chars().map(|c| font.metrics(c, px).advance_width).sum() };
        // Wrap to at most three lines at a comfortable size, then shrink to fit.
        let mut px = (0.16 * h).min(0.14 * w);
        let mut lines: Vec<String>;
        loop {
            lines = Vec::new();
            let mut cur = String::new();
            for word in &words {
                let next = if cur.is_empty() { (*word).to_string() } else { format!("{cur} {word}") };
                if measure(&next, px) > max_w && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    cur = (*word).to_string();
                } else {
                    cur = next;
                }
            }
            lines.push(cur);
            if lines.len() <= 3 || px < 0.05 * h {
                break;
            }
            px *= 0.85;
        }
        let widest = lines.iter().map(|l| measure(l, px)).fold(0.0f32, f32::max);
        if widest > max_w {
            px *= max_w / widest;
        }
        let line_h = px * 1.2;
        let total_h = line_h * lines.len() as f32;
        let ascent = font.horizontal_line_metrics(px).map_or(px * 0.8, |m| m.ascent);

        let mut cache: HashMap<char, usize> = HashMap::new();
        let mut bitmaps = Vec::new();
        let mut glyphs = Vec::new();
        let mut order = 0;
        for (li, line) in lines.iter().enumerate() {
            let lw = measure(line, px);
            let mut pen_x = (w - lw) * 0.5;
            let baseline = (h - total_h) * 0.5 + li as f32 * line_h + ascent + (line_h - px) * 0.5;
            for c in line.chars() {
                let (metrics, idx) = match cache.get(&c) {
                    Some(&i) => (font.metrics(c, px), i),
                    None => {
                        let (m, cov) = font.rasterize(c, px);
                        bitmaps.push(Bitmap { w: m.width, h: m.height, cov });
                        cache.insert(c, bitmaps.len() - 1);
                        (m, bitmaps.len() - 1)
                    }
                };
                if metrics.width > 0 {
                    let x = (pen_x + metrics.xmin as f32).round() as i32;
                    let y = (baseline - metrics.height as f32 - metrics.ymin as f32).round() as i32;
                    glyphs.push(Glyph { x, y, bitmap: idx, order });
                }
                pen_x += metrics.advance_width;
                order += 1;
            }
            order += 1;
        }

        let effect = text.effect;
        let seed = hash_str(&text.text);
        let base = tint.first().copied();
        let (colour, glow) = match effect {
            TextEffect::Sparkle => (Rgb::new(255, 222, 120), Rgb::new(255, 190, 80)),
            TextEffect::Neon => {
                let c = base.unwrap_or([Rgb::new(255, 60, 200), Rgb::new(60, 230, 255)][(seed % 2) as usize]);
                (c.mix(Rgb::new(255, 255, 255), 0.65), c)
            }
            TextEffect::Glow => {
                let c = base.unwrap_or(Rgb::new(255, 214, 150));
                (Rgb::new(255, 252, 240), c)
            }
            _ => (base.unwrap_or(Rgb::new(250, 250, 246)), Rgb::new(0, 0, 0)),
        };
        let halo = match effect {
            TextEffect::Sparkle | TextEffect::Neon | TextEffect::Glow => Some(halo(&glyphs, &bitmaps, px)),
            TextEffect::Plain | TextEffect::Fade | TextEffect::Typewriter => Some(shadow(&glyphs, &bitmaps, px)),
            TextEffect::Bounce => None,
        };
        let mut glints = Vec::new();
        if effect == TextEffect::Sparkle {
            let mut rng = Rng::new(seed);
            let n = 10 + glyphs.len() * 2;
            for _ in 0..n {
                let g = &glyphs[(rng.next_u64() % glyphs.len() as u64) as usize];
                let b = &bitmaps[g.bitmap];
                // Pick a point on the letter itself.
                for _ in 0..12 {
                    let (bx, by) = (rng.range(0.0, b.w as f32) as usize, rng.range(0.0, b.h as f32) as usize);
                    if b.cov.get(by * b.w + bx).copied().unwrap_or(0) > 128 {
                        glints.push((
                            (g.x + bx as i32) as f32,
                            (g.y + by as i32) as f32,
                            rng.unit(),
                            rng.range(0.12, 0.3) * px,
                        ));
                        break;
                    }
                }
            }
        }
        Some(Self { glyphs, bitmaps, halo, effect, colour, glow, letters: order, px, seconds, glints, seed })
    }

    /// Draw the text as it is `t` seconds in.
    pub fn draw(&self, px: &mut Pixels, t: f32) {
        let mut alpha = 1.0;
        match self.effect {
            TextEffect::Fade => alpha = smooth((t / (0.4 * self.seconds).clamp(0.5, 2.0)).min(1.0)),
            TextEffect::Neon => {
                // Mostly on, with brief deterministic flickers.
                let tick = (t * 12.0) as u64;
                let r = Rng::new(self.seed ^ tick).next_u64() % 23;
                if r == 0 || (t < 0.6 && r < 8) {
                    alpha = 0.3;
                }
            }
            _ => {}
        }
        let reveal = if self.effect == TextEffect::Typewriter {
            let dur = (0.6 * self.seconds).min(0.12 * self.letters as f32 + 0.4).max(0.3);
            (t / dur * self.letters as f32).floor() as usize + 1
        } else {
            usize::MAX
        };
        if let Some(halo) = &self.halo {
            let (colour, a, dx, dy) = match self.effect {
                TextEffect::Sparkle => (self.glow, 0.55 + 0.1 * sin_turns(t * 0.5), 0, 0),
                TextEffect::Neon => (self.glow, 1.0, 0, 0),
                TextEffect::Glow => (self.glow, 0.75 + 0.2 * sin_turns(t * 0.4), 0, 0),
                _ => (Rgb::new(0, 0, 0), 0.55, (self.px * 0.04) as i32, (self.px * 0.05) as i32),
            };
            if reveal == usize::MAX {
                blit(px, &halo.cov, halo.w, halo.h, halo.x + dx, halo.y + dy, colour, a * alpha);
            }
        }
        for g in &self.glyphs {
            if g.order >= reveal {
                continue;
            }
            let b = &self.bitmaps[g.bitmap];
            let dy = if self.effect == TextEffect::Bounce {
                -(sin_turns(t * 0.8 + g.order as f32 * 0.07).abs() * 0.18 * self.px) as i32
            } else {
                0
            };
            if self.effect == TextEffect::Typewriter || self.effect == TextEffect::Bounce {
                blit(px, &b.cov, b.w, b.h, g.x + 2, g.y + dy + 3, Rgb::new(0, 0, 0), 0.5);
            }
            blit(px, &b.cov, b.w, b.h, g.x, g.y + dy, self.colour, alpha);
        }
        if self.effect == TextEffect::Typewriter && (t * 2.0) as i32 % 2 == 0 {
            // A blinking caret after the last letter shown.
            if let Some(g) = self.glyphs.iter().rev().find(|g| g.order < reveal) {
                let b = &self.bitmaps[g.bitmap];
                let x = g.x + b.w as i32 + (self.px * 0.08) as i32;
                for y in 0..(self.px * 0.9) as i32 {
                    px.hline(x, x + (self.px * 0.06).max(2.0) as i32, g.y + b.h as i32 - y, self.colour, 0.9);
                }
            }
        }
        for &(x, y, phase, size) in &self.glints {
            let k = sin_turns(t * 0.7 + phase);
            let k = if k > 0.0 { k * k * k } else { 0.0 };
            if k > 0.02 {
                glint(px, x, y, size * k, Rgb::new(255, 255, 240));
            }
        }
    }
}

fn smooth(x: f32) -> f32 {
    x * x * (3.0 - 2.0 * x)
}

/// Blend `colour` through an 8-bit coverage bitmap at (x, y).
#[allow(clippy::too_many_arguments)]
fn blit(px: &mut Pixels, cov: &[u8], w: usize, h: usize, x: i32, y: i32, colour: Rgb, alpha: f32) {
    let a = (alpha.clamp(0.0, 1.0) * 256.0) as u32;
    if a == 0 {
        return;
    }
    let (fw, fh) = (px.width as i32, px.height as i32);
    for row in 0..h as i32 {
        let fy = y + row;
        if fy < 0 || fy >= fh {
            continue;
        }
        let x0 = x.max(0);
        let x1 = (x + w as i32).min(fw);
        if x0 >= x1 {
            continue;
        }
        let src = &cov[row as usize * w..row as usize * w + w];
        let dst = &mut px.data[(fy * fw + x0) as usize * 4..(fy * fw + x1) as usize * 4];
        for (d, &c) in dst.chunks_exact_mut(4).zip(&src[(x0 - x) as usize..(x1 - x) as usize]) {
            if c == 0 {
                continue;
            }
            let k = (u32::from(c) * a) >> 8;
            let keep = 256 - k;
            d[0] = ((u32::from(d[0]) * keep + u32::from(colour.r) * k) >> 8) as u8;
            d[1] = ((u32::from(d[1]) * keep + u32::from(colour.g) * k) >> 8) as u8;
            d[2] = ((u32::from(d[2]) * keep + u32::from(colour.b) * k) >> 8) as u8;
        }
    }
}

/// Coverage of all glyphs in one block with `pad` around it.
fn block(glyphs: &[Glyph], bitmaps: &[Bitmap], pad: i32) -> Halo {
    let x0 = glyphs.iter().map(|g| g.x).min().unwrap_or(0) - pad;
    let y0 = glyphs.iter().map(|g| g.y).min().unwrap_or(0) - pad;
    let x1 = glyphs.iter().map(|g| g.x + bitmaps[g.bitmap].w as i32).max().unwrap_or(0) + pad;
    let y1 = glyphs.iter().map(|g| g.y + bitmaps[g.bitmap].h as i32).max().unwrap_or(0) + pad;
    let (w, h) = ((x1 - x0).max(1) as usize, (y1 - y0).max(1) as usize);
    let mut cov = vec![0u8; w * h];
    for g in glyphs {
        let b = &bitmaps[g.bitmap];
        for r in 0..b.h {
            let dy = (g.y - y0) as usize + r;
            for c in 0..b.w {
                let i = dy * w + (g.x - x0) as usize + c;
                cov[i] = cov[i].max(b.cov[r * b.w + c]);
            }
        }
    }
    Halo { x: x0, y: y0, w, h, cov }
}

fn halo(glyphs: &[Glyph], bitmaps: &[Bitmap], px: f32) -> Halo {
    let r = (px * 0.12).max(2.0) as usize;
    let mut b = block(glyphs, bitmaps, 3 * r as i32);
    for _ in 0..3 {
        box_blur(&mut b.cov, b.w, b.h, r);
    }
    // Boost: a blurred halo is faint; lift it so it reads as light.
    for v in &mut b.cov {
        *v = (u32::from(*v) * 2).min(255) as u8;
    }
    b
}

fn shadow(glyphs: &[Glyph], bitmaps: &[Bitmap], px: f32) -> Halo {
    let r = (px * 0.03).max(1.0) as usize;
    let mut b = block(glyphs, bitmaps, 3 * r as i32);
    box_blur(&mut b.cov, b.w, b.h, r);
    b
}

fn box_blur(cov: &mut [u8], w: usize, h: usize, r: usize) {
    let mut tmp = vec![0u8; cov.len()];
    let div = (2 * r + 1) as u32;
    for y in 0..h {
        let row = &cov[y * w..y * w + w];
        let mut sum: u32 = row[..=r.min(w - 1)].iter().map(|&v| u32::from(v)).sum();
        for x in 0..w {
            tmp[y * w + x] = (sum / div) as u8;
            if x + r + 1 < w {
                sum += u32::from(row[x + r + 1]);
            }
            if x >= r {
                sum -= u32::from(row[x - r]);
            }
        }
    }
    for x in 0..w {
        let mut sum: u32 = 0;
        for y in 0..=r.min(h - 1) {
            sum += u32::from(tmp[y * w + x]);
        }
        for y in 0..h {
            cov[y * w + x] = (sum / div) as u8;
            if y + r + 1 < h {
                sum += u32::from(tmp[(y + r + 1) * w + x]);
            }
            if y >= r {
                sum -= u32::from(tmp[(y - r) * w + x]);
            }
        }
    }
}

/// A four-pointed star glint of arm length `size` at (x, y).
fn glint(px: &mut Pixels, x: f32, y: f32, size: f32, c: Rgb) {
    let n = size as i32;
    let (cx, cy) = (x as i32, y as i32);
    for k in -n..=n {
        let a = 1.0 - k.abs() as f32 / (n as f32 + 1.0);
        px.blend(cx + k, cy, c, a);
        px.blend(cx, cy + k, c, a);
        if k.abs() < n / 3 {
            px.blend(cx + k, cy + k, c, a * 0.5);
            px.blend(cx + k, cy - k, c, a * 0.5);
        }
    }
    px.disc(x, y, (size * 0.12).max(1.0), c, 0.9);
}
