//! Falling rain and snow. Each particle's position is a closed-form function of time
//! (no per-frame state), so any frame can be drawn on its own and the result is the same
//! however the clip is rendered.

use crate::math::{fract, sin_turns};
use crate::palette::Rgb;
use crate::pixels::Pixels;
use crate::rng::Rng;
/// What falls: nothing, rain or snow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weather {
    Clear,
    Rain,
    Snow,
}

#[derive(Debug, Clone)]
struct Particle {
    x0: f32,
    y0: f32,
    /// Frame heights per second.
    fall: f32,
    /// Raindrop length (fraction of height) or snowflake radius (fraction of the shorter side).
    size: f32,
    alpha: f32,
    /// Snow only: sideways sway amplitude (fraction of width) and rate (Hz).
    sway: f32,
    sway_hz: f32,
}

#[derive(Debug, Clone)]
pub struct Precipitation {
    kind: Weather,
    particles: Vec<Particle>,
}

/// Rain falls slanted: this much sideways per unit of fall.
const RAIN_SLANT: f32 = 0.18;

impl Precipitation {
    pub fn new(kind: Weather, width: u32, height: u32, seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0x7261_696E);
        let area = (width as usize) * (height as usize);
        let count = match kind {
            Weather::Clear => 0,
            Weather::Rain => (area / 1400).min(2400),
            Weather::Snow => (area / 3500).min(1500),
        };
        let particles = (0..count)
            .map(|_| match kind {
                Weather::Rain => Particle {
                    x0: rng.unit(),
                    y0: rng.unit(),
                    fall: rng.range(1.3, 2.2),
                    size: rng.range(0.025, 0.05),
                    alpha: rng.range(0.3, 0.55),
                    sway: 0.0,
                    sway_hz: 0.0,
                },
                _ => Particle {
                    x0: rng.unit(),
                    y0: rng.unit(),
                    fall: rng.range(0.06, 0.14),
                    size: rng.range(0.002, 0.0045),
                    alpha: rng.range(0.6, 0.95),
                    sway: rng.range(0.006, 0.02),
                    sway_hz: rng.range(0.1, 0.3),
                },
            })
            .collect();
        Self { kind, particles }
    }

    /// Draw the particles as they are `t` seconds into the clip.
    pub fn draw(&self, px: &mut Pixels, t: f32) {
        let w = px.width as f32;
        let h = px.height as f32;
        let unit = w.min(h);
        match self.kind {
            Weather::Clear => {}
            Weather::Rain => {
                let thick = ((unit / 700.0).round() as i32).max(1);
                let colour = Rgb::new(206, 216, 232);
                for p in &self.particles {
                    let len = p.size * h;
                    // Wrap over the height plus one streak, so drops enter from above the frame.
                    let y = fract(p.y0 + p.fall * t) * (h + len) - len;
                    let x = fract(p.x0 + RAIN_SLANT * p.fall * t * h / w) * (w + RAIN_SLANT * len) - RAIN_SLANT * len;
                    for k in 0..len as i32 {
                        let xx = (x + k as f32 * RAIN_SLANT) as i32;
                        for d in 0..thick {
                            px.blend(xx + d, y as i32 + k, colour, p.alpha);
                        }
                    }
                }
            }
            Weather::Snow => {
                let colour = Rgb::new(250, 252, 255);
                for p in &self.particles {
                    let r = p.size * unit;
                    let y = fract(p.y0 + p.fall * t) * (h + 4.0 * r) - 2.0 * r;
                    let x = fract(p.x0 + p.sway * sin_turns(p.sway_hz * t + p.x0)) * w;
                    px.disc(x, y, r, colour, p.alpha);
                }
            }
        }
    }
}
