//! Colours in a plan: an RGB triple (serialised as `[r, g, b]`) and a named colour.

use serde::{Deserialize, Serialize};

/// An sRGB colour, 0–255 per channel. Serialises as `[r, g, b]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "[u8; 3]", into = "[u8; 3]")]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Blend towards white (`amount` > 0) or black (`amount` < 0); |amount| ≤ 1.
    pub fn shade(self, amount: f32) -> Self {
        let t = amount.clamp(-1.0, 1.0);
        let target = if t >= 0.0 { 255.0 } else { 0.0 };
        let k = t.abs();
        let f = |c: u8| (f32::from(c) + (target - f32::from(c)) * k).round().clamp(0.0, 255.0) as u8;
        Self::new(f(self.r), f(self.g), f(self.b))
    }
}

impl From<[u8; 3]> for Rgb {
    fn from([r, g, b]: [u8; 3]) -> Self {
        Self { r, g, b }
    }
}

impl From<Rgb> for [u8; 3] {
    fn from(c: Rgb) -> Self {
        [c.r, c.g, c.b]
    }
}

/// A colour as the prompt named it ("teal", "light blue") and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedColor {
    pub name: String,
    pub rgb: Rgb,
}
