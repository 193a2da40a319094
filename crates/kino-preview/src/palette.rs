//! Colours and the sky palettes (time of day).

use tiny_skia::Color;

/// One colour type for plan and pixels: the plan's `Rgb`, with drawing helpers added here.
pub use crate::plan::Rgb;

impl Rgb {
    /// Multiply by a light level (0 = black, 1 = unchanged, >1 brightens up to white).
    pub fn lit(self, k: f32) -> Self {
        let f = |c: u8| (f32::from(c) * k).clamp(0.0, 255.0) as u8;
        Self::new(f(self.r), f(self.g), f(self.b))
    }

    /// Linear blend towards `other` by `t` in [0, 1].
    pub fn mix(self, other: Rgb, t: f32) -> Self {
        let f = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).clamp(0.0, 255.0) as u8;
        Self::new(f(self.r, other.r), f(self.g, other.g), f(self.b, other.b))
    }

    pub fn color(self) -> Color {
        Color::from_rgba8(self.r, self.g, self.b, 255)
    }

    pub fn alpha(self, a: f32) -> Color {
        Color::from_rgba8(self.r, self.g, self.b, (a.clamp(0.0, 1.0) * 255.0) as u8)
    }
}

/// Sky and light for a time of day. `light` scales everything lit by the sky (ground,
/// subjects); `glow` is the sun or moon colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sky {
    pub top: Rgb,
    pub horizon: Rgb,
    pub light: f32,
    pub body: SkyBody,
    pub glow: Rgb,
    /// Height of the sun or moon above the horizon, as a fraction of the sky's height.
    pub body_height: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkyBody {
    Sun,
    Moon,
    Hidden,
}

/// A full look: sky, ground and the accent colours for secondary subjects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub name: &'static str,
    pub sky: Sky,
    pub ground: Rgb,
    pub accents: [Rgb; 3],
}

const fn sky(top: Rgb, horizon: Rgb, light: f32, body: SkyBody, glow: Rgb, body_height: f32) -> Sky {
    Sky { top, horizon, light, body, glow, body_height }
}

pub const NIGHT: Palette = Palette {
    name: "night",
    sky: sky(Rgb::new(4, 8, 26), Rgb::new(22, 36, 78), 0.45, SkyBody::Moon, Rgb::new(232, 236, 255), 0.7),
    ground: Rgb::new(30, 44, 52),
    accents: [Rgb::new(250, 210, 120), Rgb::new(120, 180, 255), Rgb::new(230, 120, 160)],
};
pub const BLUE_HOUR: Palette = Palette {
    name: "blue hour",
    sky: sky(Rgb::new(18, 34, 92), Rgb::new(110, 130, 196), 0.6, SkyBody::Hidden, Rgb::new(200, 210, 255), 0.0),
    ground: Rgb::new(46, 62, 84),
    accents: [Rgb::new(255, 200, 120), Rgb::new(170, 190, 255), Rgb::new(240, 150, 190)],
};
pub const DUSK: Palette = Palette {
    name: "dusk",
    sky: sky(Rgb::new(40, 36, 104), Rgb::new(226, 122, 96), 0.65, SkyBody::Sun, Rgb::new(255, 170, 110), 0.05),
    ground: Rgb::new(70, 56, 70),
    accents: [Rgb::new(255, 196, 120), Rgb::new(150, 120, 210), Rgb::new(250, 140, 120)],
};
pub const SUNSET: Palette = Palette {
    name: "sunset",
    sky: sky(Rgb::new(74, 40, 120), Rgb::new(255, 140, 70), 0.8, SkyBody::Sun, Rgb::new(255, 196, 90), 0.12),
    ground: Rgb::new(96, 66, 58),
    accents: [Rgb::new(255, 214, 120), Rgb::new(210, 90, 110), Rgb::new(120, 80, 160)],
};
pub const GOLDEN_HOUR: Palette = Palette {
    name: "golden hour",
    sky: sky(Rgb::new(120, 160, 210), Rgb::new(252, 206, 130), 0.95, SkyBody::Sun, Rgb::new(255, 222, 140), 0.25),
    ground: Rgb::new(150, 140, 70),
    accents: [Rgb::new(230, 120, 60), Rgb::new(90, 120, 180), Rgb::new(200, 70, 80)],
};
pub const NOON: Palette = Palette {
    name: "noon",
    sky: sky(Rgb::new(44, 120, 222), Rgb::new(180, 220, 252), 1.0, SkyBody::Sun, Rgb::new(255, 252, 230), 0.85),
    ground: Rgb::new(86, 160, 70),
    accents: [Rgb::new(240, 240, 240), Rgb::new(250, 180, 40), Rgb::new(60, 60, 70)],
};
pub const MORNING: Palette = Palette {
    name: "morning",
    sky: sky(Rgb::new(96, 150, 220), Rgb::new(236, 214, 200), 0.95, SkyBody::Sun, Rgb::new(255, 240, 200), 0.35),
    ground: Rgb::new(100, 150, 84),
    accents: [Rgb::new(240, 240, 236), Rgb::new(226, 120, 80), Rgb::new(70, 80, 120)],
};
pub const OVERCAST: Palette = Palette {
    name: "overcast",
    sky: sky(Rgb::new(132, 142, 156), Rgb::new(204, 208, 212), 0.85, SkyBody::Hidden, Rgb::new(230, 230, 230), 0.0),
    ground: Rgb::new(92, 116, 88),
    accents: [Rgb::new(230, 200, 80), Rgb::new(200, 90, 70), Rgb::new(70, 110, 160)],
};
pub const PASTEL: Palette = Palette {
    name: "pastel",
    sky: sky(Rgb::new(150, 170, 236), Rgb::new(250, 206, 222), 1.0, SkyBody::Sun, Rgb::new(255, 246, 226), 0.55),
    ground: Rgb::new(150, 196, 150),
    accents: [Rgb::new(250, 160, 180), Rgb::new(140, 200, 240), Rgb::new(250, 230, 140)],
};
pub const TEAL_AFTERNOON: Palette = Palette {
    name: "afternoon",
    sky: sky(Rgb::new(30, 130, 170), Rgb::new(200, 236, 230), 1.0, SkyBody::Sun, Rgb::new(255, 250, 220), 0.65),
    ground: Rgb::new(170, 150, 96),
    accents: [Rgb::new(236, 110, 80), Rgb::new(250, 230, 200), Rgb::new(40, 80, 110)],
};

pub const DAWN: Palette = Palette {
    name: "dawn",
    sky: sky(Rgb::new(92, 96, 168), Rgb::new(250, 170, 180), 0.8, SkyBody::Sun, Rgb::new(255, 210, 200), 0.06),
    ground: Rgb::new(96, 110, 96),
    accents: [Rgb::new(250, 180, 190), Rgb::new(160, 150, 220), Rgb::new(250, 220, 170)],
};

/// Palettes a prompt without a time of day is hashed onto: all daylit, so subjects read well.
pub const DEFAULT_PALETTES: &[Palette] = &[NOON, MORNING, GOLDEN_HOUR, OVERCAST, PASTEL, TEAL_AFTERNOON, SUNSET];
