//! The static backdrop: sky, sun or moon, stars, clouds, the setting's far layer (hills,
//! buildings, forest, mountains, dunes, an interior wall) and the ground, painted once per
//! clip. It covers every part of the world the camera will see, so each frame is a window
//! into it (a row-by-row memcpy, or a nearest-neighbour resample while zooming) instead of a
//! repaint: a full-frame gradient alone costs ~11 ms at 720p.

use kino_engine::EngineError;
use tiny_skia::{
    BlendMode, Color, FillRule, GradientStop, LinearGradient, Paint, PathBuilder, Pixmap, Point, RadialGradient, Rect,
    Shader, SpreadMode, Transform,
};

mod surface;

use crate::palette::{Rgb, SkyBody};
use crate::pixels::Pixels;
use crate::plan::{Setting, Wall};
use crate::rng::Rng;
use crate::scene::Scene;

/// How fast the sky and the far layer (hills, skyline, a grandstand) follow the camera, as a
/// share of the ground's: nearer things move more, so a pan, tilt or tracking shot has depth.
pub const SKY_RATE: f32 = 0.2;
pub const FAR_RATE: f32 = 0.5;

/// A painted backdrop, back to front, and where each layer's top-left corner sits in world
/// pixels (all layers cover the same world rectangle).
pub struct Backdrop {
    pub layers: Vec<Layer>,
    pub ox: i32,
    pub oy: i32,
}

/// One layer of the backdrop, the share of the camera's travel it moves by, and which of its
/// pixmap rows are painted: `rows` (nothing outside them), opaque from `opaque_from` on (copied
/// as they are; the rows above it are blended over the layers behind).
pub struct Layer {
    pub pixmap: Pixmap,
    pub rate: f32,
    pub rows: std::ops::Range<usize>,
    pub opaque_from: usize,
}

impl Layer {
    fn opaque(pixmap: Pixmap, rate: f32) -> Self {
        let tall = pixmap.height() as usize;
        Self { pixmap, rate, rows: 0..tall, opaque_from: 0 }
    }
}

/// Rows of the road bands, as fractions of the ground below the horizon: the near lane the
/// main vehicle drives in, and a thin far road for background traffic.
const NEAR_ROAD: (f32, f32) = (0.38, 0.82);
const FAR_ROAD: (f32, f32) = (0.1, 0.26);

struct Painter<'a> {
    pm: Pixmap,
    ts: Transform,
    ox: i32,
    oy: i32,
    /// Frame size.
    w: f32,
    h: f32,
    /// World extent covered.
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    hy: f32,
    unit: f32,
    scene: &'a Scene,
}

impl Painter<'_> {
    fn fill(&mut self, path: Option<tiny_skia::Path>, c: Color) {
        if let Some(path) = path {
            let mut paint = Paint::default();
            paint.set_color(c);
            self.pm.fill_path(&path, &paint, FillRule::Winding, self.ts, None);
        }
    }
    fn rect(&mut self, l: f32, t: f32, r: f32, b: f32, c: Color) {
        if let Some(rect) = Rect::from_ltrb(l, t, r, b) {
            let mut paint = Paint::default();
            paint.set_color(c);
            self.pm.fill_rect(rect, &paint, self.ts, None);
        }
    }
    fn circle(&mut self, x: f32, y: f32, r: f32, c: Color) {
        self.fill(PathBuilder::from_circle(x, y, r), c);
    }
    fn poly(&mut self, pts: &[(f32, f32)], c: Color) {
        let mut pb = PathBuilder::new();
        crate::draw::add_polygon(&mut pb, pts);
        self.fill(pb.finish(), c);
    }
    fn gradient(&mut self, l: f32, t: f32, r: f32, b: f32, top: Rgb, bottom: Rgb) {
        let Some(rect) = Rect::from_ltrb(l, t, r, b) else {
            return;
        };
        let shader = LinearGradient::new(
            Point::from_xy(0.0, t),
            Point::from_xy(0.0, b),
            vec![GradientStop::new(0.0, top.color()), GradientStop::new(1.0, bottom.color())],
            SpreadMode::Pad,
            Transform::identity(),
        );
        let paint = Paint { shader: shader.unwrap_or(Shader::SolidColor(top.color())), ..Paint::default() };
        self.pm.fill_rect(rect, &paint, self.ts, None);
    }
    fn glow(&mut self, x: f32, y: f32, r: f32, c: Rgb, a: f32) {
        let centre = Point::from_xy(x, y);
        let stops = vec![
            GradientStop::new(0.0, c.alpha(a)),
            GradientStop::new(0.35, c.alpha(a * 0.35)),
            GradientStop::new(1.0, c.alpha(0.0)),
        ];
        let (Some(shader), Some(path)) = (
            RadialGradient::new(centre, 0.0, centre, r, stops, SpreadMode::Pad, Transform::identity()),
            PathBuilder::from_circle(x, y, r),
        ) else {
            return;
        };
        let paint = Paint { shader, ..Paint::default() };
        self.pm.fill_path(&path, &paint, FillRule::Winding, self.ts, None);
    }
    /// Direct pixel access in world coordinates.
    fn blend(&mut self, x: f32, y: f32, c: Rgb, a: f32) {
        let (w, h) = (self.pm.width(), self.pm.height());
        let (px, py) = (x as i32 - self.ox, y as i32 - self.oy);
        Pixels::new(self.pm.data_mut(), w, h).blend(px, py, c, a);
    }
    fn hline(&mut self, x0: f32, x1: f32, y: f32, c: Rgb, a: f32) {
        let (w, h) = (self.pm.width(), self.pm.height());
        let py = y as i32 - self.oy;
        Pixels::new(self.pm.data_mut(), w, h).hline(x0 as i32 - self.ox, x1 as i32 - self.ox, py, c, a);
    }
}

/// Paint the backdrop for frames of `width` x `height`, covering world x in
/// [ox, ox + wide) and y in [oy, oy + tall).
pub fn paint(
    scene: &Scene,
    width: u32,
    height: u32,
    ox: i32,
    oy: i32,
    wide: u32,
    tall: u32,
) -> Result<Backdrop, EngineError> {
    let pm = Pixmap::new(wide, tall)
        .ok_or_else(|| EngineError::fatal("invalid_size", format!("cannot draw a {width}x{height} frame")))?;
    let (w, h) = (width as f32, height as f32);
    let mut p = Painter {
        pm,
        ts: Transform::from_translate(-ox as f32, -oy as f32),
        ox,
        oy,
        w,
        h,
        x0: ox as f32,
        x1: (ox + wide as i32) as f32,
        y0: oy as f32,
        y1: (oy + tall as i32) as f32,
        hy: (scene.horizon * h).round(),
        unit: w.min(h),
        scene,
    };
    // An opaque base, so no seam between two antialiased fills (the sea and the sand of a
    // beach, a wall and its floor) ever leaves a row that is not opaque.
    p.pm.fill(scene.ground_colour.color());
    let mut rng = Rng::new(scene.detail_seed);
    let single = |mut p: Painter| {
        haze(&mut p, BlendMode::SourceOver);
        Ok(Backdrop { layers: vec![Layer::opaque(p.pm, 1.0)], ox, oy })
    };
    if scene.title_card {
        title_card(&mut p, &mut rng);
        return single(p);
    }
    if scene.setting.is_interior() {
        interior(&mut p, &mut rng);
        return single(p);
    }
    // Outdoors: the sky, the far layer and the ground, each in its own layer.
    sky(&mut p, &mut rng);
    if p.hy >= p.y1 {
        // All sky (space, the open sky): nothing nearer to move against.
        return single(p);
    }
    p.rect(p.x0, p.hy, p.x1, p.y1, scene.palette.sky.horizon.lit(scene.palette.sky.light.max(0.35)).color());
    haze(&mut p, BlendMode::SourceOver);
    let blank = || Pixmap::new(wide, tall).ok_or_else(|| EngineError::fatal("invalid_size", "backdrop too large"));
    let sky_layer = Layer::opaque(std::mem::replace(&mut p.pm, blank()?), SKY_RATE);

    far_layer(&mut p, &mut rng);
    let place = scene.place.as_ref();
    if let Some(wall) = place.and_then(|pl| pl.wall) {
        let top = p.hy - surface::outdoor_wall_height(wall) * p.h;
        surface::wall(&mut p, &mut rng, wall, top);
    }
    let ground_top = (p.hy as i32 - oy).clamp(0, tall as i32) as usize;
    // The backdrop is taller than the frame by the camera's vertical sweep: the ground can
    // slide that far, less the far layer's share, past the far layer.
    let reach = ((tall - height) as f32 * (1.0 - FAR_RATE)).ceil() as usize + 2;
    extend_down(&mut p.pm, ground_top, reach);
    haze(&mut p, BlendMode::SourceAtop);
    let far = std::mem::replace(&mut p.pm, blank()?);
    let mut layers = vec![sky_layer];
    if let Some(rows) = painted_rows(&far, tall as usize) {
        let opaque_from = rows.end;
        layers.push(Layer { pixmap: far, rate: FAR_RATE, rows, opaque_from });
    }

    p.rect(p.x0, p.hy, p.x1, p.y1, scene.ground_colour.color());
    match place.and_then(|pl| pl.floor) {
        Some(floor) => surface::floor(&mut p, &mut rng, floor),
        None => ground(&mut p, &mut rng),
    }
    haze(&mut p, BlendMode::SourceAtop);
    // The ground may reach above the horizon (trees along the back of a park, street lamps).
    let first = painted_rows(&p.pm, ground_top).map_or(ground_top, |r| r.start);
    layers.push(Layer { pixmap: p.pm, rate: 1.0, rows: first..tall as usize, opaque_from: ground_top });
    Ok(Backdrop { layers, ox, oy })
}

/// Repeat each column's last painted pixel above row `from` down `reach` rows, so a tilt never
/// opens a gap between the far layer (hills, a skyline) and the ground.
fn extend_down(pm: &mut Pixmap, from: usize, reach: usize) {
    let (w, h) = (pm.width() as usize, pm.height() as usize);
    if from == 0 || from >= h {
        return;
    }
    let data = pm.data_mut();
    let src = (from - 1) * w * 4;
    let row: Vec<u8> = data[src..src + w * 4].to_vec();
    for y in from..(from + reach).min(h) {
        let dst = y * w * 4;
        for (d, s) in data[dst..dst + w * 4].chunks_exact_mut(4).zip(row.chunks_exact(4)) {
            if s[3] > 0 {
                d.copy_from_slice(s);
            }
        }
    }
}

/// The rows of `pm` above row `end` with any painted pixel, or `None` when there are none.
fn painted_rows(pm: &Pixmap, end: usize) -> Option<std::ops::Range<usize>> {
    let w = pm.width() as usize * 4;
    let painted = |r: &[u8]| r.iter().skip(3).step_by(4).any(|&a| a > 0);
    let rows: Vec<bool> = pm.data().chunks_exact(w).take(end).map(painted).collect();
    let top = rows.iter().position(|&r| r)?;
    let bottom = rows.iter().rposition(|&r| r)? + 1;
    Some(top..bottom)
}

fn title_card(p: &mut Painter, rng: &mut Rng) {
    let pal = p.scene.palette;
    let (x0, x1, y0, y1) = (p.x0, p.x1, p.y0, p.y1);
    let top = pal.sky.top.mix(Rgb::new(30, 16, 60), 0.5);
    let bottom = pal.accents[2].mix(Rgb::new(20, 10, 40), 0.6);
    p.gradient(x0, y0, x1, y1, top, bottom);
    // Soft out-of-focus lights.
    for i in 0..18 {
        let x = rng.range(x0, x1);
        let y = rng.range(y0, y1);
        let r = rng.range(0.03, 0.09) * p.unit;
        let c = pal.accents[i % 3];
        p.glow(x, y, r, c, rng.range(0.15, 0.35));
    }
}

fn sky(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let sky = s.palette.sky;
    let (x0, x1, y0) = (p.x0, p.x1, p.y0);
    let hy = p.hy;
    if s.setting == Setting::Space {
        p.gradient(x0, y0, x1, p.y1, Rgb::new(2, 2, 10), Rgb::new(14, 10, 34));
        stars(p, rng, p.y1, 1.6);
        // A distant planet and a nebula smudge.
        let (cx, cy) = (x0 + 0.75 * (x1 - x0), y0 + 0.3 * (p.y1 - y0));
        p.glow(cx - 0.4 * p.w, cy + 0.1 * p.h, 0.5 * p.unit, Rgb::new(120, 60, 160), 0.25);
        p.circle(cx, cy, 0.08 * p.unit, Rgb::new(200, 140, 100).color());
        p.circle(cx + 0.02 * p.unit, cy - 0.015 * p.unit, 0.07 * p.unit, Rgb::new(220, 170, 120).alpha(0.6));
        return;
    }
    if s.setting == Setting::Underwater {
        p.gradient(x0, y0.min(0.0), x1, hy, Rgb::new(40, 140, 190), Rgb::new(8, 40, 80));
        // Light shafts from the surface.
        for _ in 0..6 {
            let x = rng.range(x0, x1);
            let wdt = rng.range(0.03, 0.08) * p.w;
            p.poly(
                &[(x, y0), (x + wdt, y0), (x + wdt * 2.5, hy), (x + wdt * 1.5, hy)],
                Rgb::new(200, 240, 255).alpha(0.08),
            );
        }
        return;
    }
    let top_y = y0.min(-0.2 * p.h);
    p.gradient(x0, top_y, x1, hy.max(y0 + 1.0), sky.top, sky.horizon);
    let clear = !s.atmosphere.rain && !s.atmosphere.snow;
    let dark = sky.light < 0.65;
    if dark && clear {
        stars(p, rng, hy, 1.0);
    }
    if sky.body != SkyBody::Hidden && s.atmosphere.fog < 0.5 {
        let cx = 0.68 * p.w + rng.range(-0.1, 0.1) * p.w;
        let cy = hy - sky.body_height * p.h * 0.55 - 0.04 * p.unit;
        let r = if sky.body == SkyBody::Sun { 0.06 * p.unit } else { 0.045 * p.unit };
        let glow_a = if s.look.backlight { 0.8 } else { 0.45 };
        p.glow(cx, cy, r * if s.look.backlight { 10.0 } else { 6.0 }, sky.glow, glow_a);
        p.circle(cx, cy, r, sky.glow.color());
        if sky.body == SkyBody::Moon {
            p.circle(cx - 0.3 * r, cy - 0.2 * r, 0.3 * r, Rgb::new(150, 156, 180).alpha(0.35));
            p.circle(cx + 0.35 * r, cy + 0.3 * r, 0.22 * r, Rgb::new(150, 156, 180).alpha(0.3));
        }
        if s.look.god_rays {
            for k in 0..7 {
                let ang = -0.1 + k as f32 * 0.03;
                let len = 2.0 * p.h;
                let (sn, co) = (crate::math::sin_turns(ang + 0.25), crate::math::cos_turns(ang + 0.25));
                let d = 0.02 * p.w;
                p.poly(
                    &[(cx, cy), (cx + co * len - d, cy + sn * len), (cx + co * len + d, cy + sn * len)],
                    sky.glow.alpha(0.08),
                );
            }
        }
    }
    if !dark || !clear {
        let (tint, alpha, count) = if clear {
            (Rgb::new(255, 255, 255).mix(sky.horizon, 0.35), 0.55, 5)
        } else {
            (sky.top.mix(Rgb::new(70, 74, 84), 0.5), 0.55, 10)
        };
        let count = count * ((x1 - x0) / p.w).ceil() as usize;
        for _ in 0..count {
            let cx = rng.range(x0, x1);
            let cy = rng.range(top_y.max(-0.3 * p.h), hy * 0.55);
            let span = rng.range(0.12, 0.26) * p.unit * 1.4;
            let mut pb = PathBuilder::new();
            for _ in 0..5 {
                let dx = rng.range(-0.5, 0.5) * span;
                let rr = rng.range(0.18, 0.32) * span;
                let py = cy - rng.range(0.0, 0.3) * rr;
                if let Some(oval) = Rect::from_xywh(cx + dx - 1.5 * rr, py - rr, 3.0 * rr, 2.0 * rr) {
                    pb.push_oval(oval);
                }
            }
            p.fill(pb.finish(), tint.alpha(alpha));
        }
    }
}

fn stars(p: &mut Painter, rng: &mut Rng, bottom: f32, density: f32) {
    let (x0, x1, y0) = (p.x0, p.x1, p.y0);
    let area = (x1 - x0) * (bottom - y0).max(0.0);
    let count = (area / 2200.0 * density) as usize;
    for _ in 0..count {
        let x = rng.range(x0, x1);
        let y = y0 + rng.unit() * rng.unit().max(0.3) * (bottom - y0) * 0.95;
        let a = rng.range(0.25, 1.0);
        let c = Rgb::new(255, 250, 235);
        p.blend(x, y, c, a);
        if rng.unit() < 0.12 {
            p.blend(x + 1.0, y, c, a * 0.6);
            p.blend(x, y + 1.0, c, a * 0.6);
        }
    }
}

/// Hills, skyline, tree line, mountains or dunes between the sky and the ground.
fn far_layer(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    if p.scene.horizon <= 0.01 || matches!(s.setting, Setting::Space | Setting::Sky | Setting::Underwater) {
        return;
    }
    let sky = s.palette.sky;
    let hy = p.hy;
    let light = sky.light;
    match s.setting {
        Setting::CityStreet | Setting::Market | Setting::Village | Setting::Harbor => skyline(p, rng),
        Setting::Forest => {
            for (row, haze) in [(0, 0.55f32), (1, 0.25)] {
                let colour = Rgb::new(30, 80, 40).mix(sky.horizon, haze).lit(light.max(0.3));
                let mut x = p.x0 - 20.0;
                while x < p.x1 + 20.0 {
                    let tw = rng.range(0.04, 0.07) * p.unit * (1.0 + row as f32 * 0.5);
                    let th = rng.range(0.22, 0.4) * p.h * (0.7 + row as f32 * 0.4);
                    let base = hy + row as f32 * 0.02 * p.h;
                    p.poly(&[(x - tw, base), (x, base - th), (x + tw, base)], colour.color());
                    x += tw * rng.range(0.9, 1.4);
                }
            }
        }
        Setting::Mountains | Setting::Snowfield => {
            for (lo, hi, haze) in [(0.25f32, 0.45f32, 0.55f32), (0.12, 0.28, 0.3)] {
                let base = s.ground_colour.mix(Rgb::new(90, 100, 130), 0.6).mix(sky.horizon, haze).lit(light.max(0.3));
                let mut x = p.x0 - 0.2 * p.w;
                while x < p.x1 {
                    let wdt = rng.range(0.25, 0.45) * p.w;
                    let ht = rng.range(lo, hi) * p.h;
                    let peak = (x + wdt * 0.5, hy - ht);
                    p.poly(&[(x, hy + 1.0), peak, (x + wdt, hy + 1.0)], base.color());
                    let cap = Rgb::new(245, 248, 255).lit(light.max(0.4));
                    let k = 0.28;
                    p.poly(
                        &[
                            peak,
                            (peak.0 - wdt * 0.5 * k, peak.1 + ht * k),
                            (peak.0 - wdt * 0.1, peak.1 + ht * k * 0.75),
                            (peak.0, peak.1 + ht * k),
                            (peak.0 + wdt * 0.5 * k, peak.1 + ht * k),
                        ],
                        cap.color(),
                    );
                    x += wdt * rng.range(0.5, 0.8);
                }
            }
        }
        Setting::Desert => hills(p, rng, Rgb::new(220, 170, 110), 0.3),
        Setting::Ocean | Setting::Lake | Setting::River | Setting::Beach => {
            if s.setting == Setting::Lake || s.setting == Setting::River {
                hills(p, rng, s.palette.ground, 0.5);
            }
        }
        _ => hills(p, rng, s.ground_colour, 0.6),
    }
}

fn hills(p: &mut Painter, rng: &mut Rng, base: Rgb, haze: f32) {
    let sky = p.scene.palette.sky;
    let hy = p.hy;
    for (lo, hi, hz) in [(0.05f32, 0.16f32, haze), (0.015, 0.07, haze * 0.5)] {
        let colour = base.mix(sky.horizon, hz).lit(0.92 * sky.light.max(0.35));
        let mut pb = PathBuilder::new();
        let mut x = p.x0;
        pb.move_to(x, hy + 1.0);
        let mut y = hy - rng.range(lo, hi) * hy.max(0.3 * p.h);
        pb.line_to(x, y);
        while x < p.x1 {
            let step = rng.range(0.12, 0.3) * p.unit;
            let ny = hy - rng.range(lo, hi) * hy.max(0.3 * p.h);
            pb.quad_to(x + step * 0.5, (y + ny) * 0.5 - rng.range(0.0, 0.04) * p.h, x + step, ny);
            x += step;
            y = ny;
        }
        pb.line_to(x, hy + 1.0);
        pb.close();
        p.fill(pb.finish(), colour.color());
    }
}

const NEON: [Rgb; 4] = [Rgb::new(255, 40, 170), Rgb::new(40, 230, 255), Rgb::new(170, 60, 255), Rgb::new(255, 120, 40)];

fn skyline(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let sky = s.palette.sky;
    let hy = p.hy;
    let lamps = s.look.lamps;
    let village = matches!(s.setting, Setting::Village | Setting::Market);
    for row in 0..2 {
        let haze = if row == 0 { 0.55 } else { 0.15 };
        let mut x = p.x0 - rng.range(0.0, 0.05) * p.w;
        while x < p.x1 {
            let bw = rng.range(0.07, 0.15) * p.w * if village { 1.2 } else { 1.0 };
            let bh = if village { rng.range(0.12, 0.22) } else { rng.range(0.18, 0.5) + 0.1 * row as f32 }
                * p.h
                * if row == 0 { 1.1 } else { 0.85 };
            let top = hy - bh;
            let wall = Rgb::new(70, 76, 92).mix(sky.horizon, haze).lit(sky.light.max(0.3));
            let wall =
                if village { Rgb::new(200, 170, 140).mix(sky.horizon, haze).lit(sky.light.max(0.3)) } else { wall };
            p.rect(x, top, x + bw - 2.0, hy + 1.0, wall.color());
            if village {
                p.poly(
                    &[(x - 3.0, top), (x + bw * 0.5, top - bw * 0.4), (x + bw + 1.0, top)],
                    Rgb::new(150, 70, 60).lit(sky.light.max(0.3)).color(),
                );
            }
            // Windows: lit at night, glassy by day.
            if row == 1 || !village {
                let cols = ((bw / (0.018 * p.unit)) as i32).clamp(2, 9);
                let rows = ((bh / (0.035 * p.unit)) as i32).clamp(2, 24);
                let cw = bw / cols as f32;
                let rh = bh / rows as f32;
                for r in 0..rows - 1 {
                    for c in 0..cols {
                        let wx = x + c as f32 * cw + cw * 0.25;
                        let wy = top + rh * (r as f32 + 0.4);
                        let lit = lamps && rng.unit() < 0.45;
                        let colour = if lit {
                            Rgb::new(255, 214, 140).mix(Rgb::new(255, 245, 220), rng.unit()).alpha(if row == 0 {
                                0.55
                            } else {
                                0.95
                            })
                        } else {
                            wall.mix(sky.top, 0.4).lit(0.8).alpha(0.8)
                        };
                        p.rect(wx, wy, wx + cw * 0.5, wy + rh * 0.45, colour);
                    }
                }
            }
            // Neon signs on the near buildings.
            if s.look.neon && row == 1 && rng.unit() < 0.7 {
                let c = NEON[(rng.next_u64() % 4) as usize];
                let sx = x + bw * rng.range(0.15, 0.4);
                let sy = top + bh * rng.range(0.3, 0.7);
                let (sw, sh) = (bw * 0.45, 0.03 * p.unit);
                let vertical = rng.unit() < 0.4;
                let (sw, sh) = if vertical { (sh, bh * 0.3) } else { (sw, sh) };
                p.glow(sx + sw * 0.5, sy + sh * 0.5, 0.09 * p.unit + sw.max(sh) * 0.5, c, 0.5);
                p.rect(sx, sy, sx + sw, sy + sh, c.mix(Rgb::new(255, 255, 255), 0.35).color());
            }
            x += bw;
        }
    }
}

fn ground(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let sky = s.palette.sky;
    let hy = p.hy;
    let (x0, x1, y1) = (p.x0, p.x1, p.y1);
    if matches!(s.setting, Setting::Space | Setting::Sky) || hy >= y1 {
        return;
    }
    let g = s.ground_colour;
    let light = sky.light;
    let gh = p.h - hy;
    if s.setting == Setting::Beach {
        // Sea band, then sand.
        let sea_end = (hy + 0.3 * gh).round();
        let sea = sky.horizon.mix(Rgb::new(20, 90, 140), 0.6).lit(light.max(0.35));
        p.gradient(x0, hy, x1, sea_end, sea, sea.lit(0.85));
        ripples(p, rng, hy, sea_end, sky.horizon.mix(Rgb::new(255, 255, 255), 0.5), 500);
        p.gradient(x0, sea_end, x1, y1, g.lit(light.max(0.35)), g.lit(0.8 * light.max(0.35)));
        p.rect(x0, sea_end - 2.0, x1, sea_end + 0.01 * p.h, Rgb::new(250, 250, 250).alpha(0.6));
        return;
    }
    p.gradient(x0, hy, x1, y1.max(hy + 1.0), g.mix(sky.horizon, 0.3), g.lit(0.72));
    match s.setting {
        Setting::CityStreet | Setting::Road | Setting::Market | Setting::Village | Setting::Harbor => road(p, rng),
        Setting::Ocean | Setting::Lake | Setting::River => {
            ripples(p, rng, hy, y1, sky.horizon.mix(Rgb::new(255, 255, 255), 0.5), 900);
            if s.palette.sky.body != SkyBody::Hidden {
                // The sun or moon's path on the water.
                let cx = 0.68 * p.w;
                for k in 0..60 {
                    let y = hy + (k as f32 / 60.0).powf(1.5) * gh;
                    let half = (0.01 + 0.05 * k as f32 / 60.0) * p.w * rng.range(0.5, 1.0);
                    p.hline(cx - half, cx + half, y, sky.glow, 0.35);
                }
            }
        }
        Setting::Underwater => {
            tufts(p, rng, Rgb::new(150, 130, 90), 0.3, 600);
            for _ in 0..8 {
                let x = rng.range(x0, x1);
                let hgt = rng.range(0.08, 0.2) * p.h;
                let c = [Rgb::new(240, 110, 120), Rgb::new(250, 170, 90), Rgb::new(180, 100, 200)]
                    [(rng.next_u64() % 3) as usize];
                for k in 0..3 {
                    let dx = (k as f32 - 1.0) * 0.015 * p.unit;
                    p.poly(
                        &[
                            (x + dx - 4.0, hy + 2.0),
                            (x + dx * 2.5, hy - hgt * (0.6 + 0.2 * k as f32)),
                            (x + dx + 4.0, hy + 2.0),
                        ],
                        c.color(),
                    );
                }
            }
        }
        Setting::Beach | Setting::Desert => tufts(p, rng, Rgb::new(250, 226, 180).lit(light), 0.3, 500),
        Setting::Snowfield | Setting::Mountains => tufts(p, rng, Rgb::new(180, 196, 226).lit(light), 0.25, 500),
        Setting::Stage => {
            for k in 0..12 {
                let y = hy + gh * (k as f32 / 12.0).powf(1.3);
                p.hline(x0, x1, y, Rgb::new(30, 20, 14), 0.5);
            }
        }
        _ => {
            tufts(p, rng, g.lit(0.7), 0.35, 1400);
            if matches!(s.setting, Setting::Park | Setting::Garden | Setting::Field) {
                // Trees along the back of a park; flowers in a garden.
                let n = ((x1 - x0) / p.w * 5.0) as usize;
                for _ in 0..n {
                    let x = rng.range(x0, x1);
                    let r = rng.range(0.035, 0.06) * p.unit;
                    let trunk = Rgb::new(90, 64, 40).lit(light.max(0.35));
                    let leaf = Rgb::new(50, 120, 50).mix(sky.horizon, 0.25).lit(light.max(0.35));
                    p.rect(x - r * 0.15, hy - r * 1.4, x + r * 0.15, hy + 0.02 * gh, trunk.color());
                    p.circle(x, hy - r * 1.8, r, leaf.color());
                    p.circle(x - r * 0.6, hy - r * 1.3, r * 0.7, leaf.lit(0.9).color());
                    p.circle(x + r * 0.6, hy - r * 1.4, r * 0.75, leaf.lit(1.1).color());
                }
                if s.setting == Setting::Garden {
                    for _ in 0..(n * 12) {
                        let x = rng.range(x0, x1);
                        let y = hy + rng.unit().powf(0.7) * gh;
                        let c = [Rgb::new(240, 90, 130), Rgb::new(250, 220, 80), Rgb::new(250, 250, 250)]
                            [(rng.next_u64() % 3) as usize];
                        p.circle(x, y, (0.004 + 0.008 * (y - hy) / gh) * p.unit, c.lit(light.max(0.35)).color());
                    }
                }
            }
        }
    }
}

fn road(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let sky = s.palette.sky;
    let light = sky.light;
    let hy = p.hy;
    let gh = p.h - hy;
    let (x0, x1) = (p.x0, p.x1);
    let wet = s.atmosphere.wet;
    let asphalt = Rgb::new(62, 64, 70).lit(light.max(0.35));
    // Sidewalk between the buildings and the road.
    p.rect(
        x0,
        hy,
        x1,
        hy + FAR_ROAD.0 * gh,
        Rgb::new(120, 118, 114).mix(sky.horizon, 0.2).lit(light.max(0.35)).color(),
    );
    for (i, (top, bottom)) in [FAR_ROAD, NEAR_ROAD].into_iter().enumerate() {
        let c = asphalt.mix(sky.horizon, if i == 0 { 0.25 } else { 0.0 });
        p.rect(x0, hy + top * gh, x1, hy + bottom * gh, c.color());
    }
    p.rect(x0, hy + FAR_ROAD.1 * gh, x1, hy + NEAR_ROAD.0 * gh, asphalt.lit(0.9).color());
    p.rect(x0, hy + NEAR_ROAD.1 * gh, x1, p.y1, Rgb::new(110, 108, 104).lit(light.max(0.35)).color());
    // Dashed lane marking.
    let dash = (0.05 * p.w).max(4.0);
    let thick = (0.006 * p.h).max(1.0);
    let y = hy + (NEAR_ROAD.0 + 0.06) * gh;
    let paint = Rgb::new(236, 232, 210).lit(light.max(0.7));
    let mut x = x0 - (x0 % (dash * 2.0));
    while x < x1 {
        p.rect(x, y, x + dash, y + thick, paint.alpha(0.85));
        x += dash * 2.0;
    }
    if wet {
        // A wet road mirrors the sky and the lights: vertical smears below each light source.
        let refl = sky.horizon.mix(Rgb::new(255, 255, 255), 0.2);
        p.rect(x0, hy + FAR_ROAD.0 * gh, x1, p.y1, refl.alpha(0.14));
        let lamps = s.look.lamps;
        let n = ((x1 - x0) / p.w * 14.0) as usize;
        for _ in 0..n {
            let x = rng.range(x0, x1);
            let c = if s.look.neon && rng.unit() < 0.6 {
                NEON[(rng.next_u64() % 4) as usize]
            } else if lamps {
                Rgb::new(255, 210, 140)
            } else {
                sky.horizon.mix(Rgb::new(255, 255, 255), 0.4)
            };
            let top = hy + FAR_ROAD.0 * gh + rng.range(0.0, 0.1) * gh;
            let len = rng.range(0.3, 0.8) * gh;
            let wdt = rng.range(0.004, 0.012) * p.w;
            for k in 0..12 {
                let u = k as f32 / 12.0;
                let yy = top + u * len;
                let a = 0.35 * (1.0 - u) * if lamps { 1.0 } else { 0.5 };
                p.rect(x - wdt * (1.0 + u), yy, x + wdt * (1.0 + u), yy + len / 12.0 + 1.0, c.alpha(a));
            }
        }
        // Puddle glints.
        for _ in 0..(n * 20) {
            let x = rng.range(x0, x1);
            let y = hy + rng.range(FAR_ROAD.0, 1.0) * gh;
            let len = rng.range(0.01, 0.05) * p.w;
            p.hline(x, x + len, y, Rgb::new(230, 236, 250), 0.25);
        }
    }
    // Street lamps along the sidewalk.
    if s.setting == Setting::CityStreet || s.look.lamps {
        let n = ((x1 - x0) / p.w * 3.0).ceil() as i32;
        let step = (x1 - x0) / n as f32;
        for k in 0..n {
            let x = x0 + step * (k as f32 + 0.5);
            let base = hy + FAR_ROAD.0 * gh;
            let top = base - 0.3 * p.h;
            let pole = Rgb::new(40, 44, 50).lit(light.max(0.4));
            p.rect(x - 0.003 * p.w, top, x + 0.003 * p.w, base, pole.color());
            p.rect(x, top, x + 0.03 * p.w, top + 0.006 * p.h, pole.color());
            if s.look.lamps {
                p.glow(x + 0.03 * p.w, top + 0.01 * p.h, 0.08 * p.unit, Rgb::new(255, 214, 140), 0.7);
                p.circle(x + 0.03 * p.w, top + 0.01 * p.h, 0.007 * p.unit, Rgb::new(255, 240, 200).color());
            }
        }
    }
}

fn ripples(p: &mut Painter, rng: &mut Rng, top: f32, bottom: f32, colour: Rgb, count: usize) {
    let count = count * ((p.x1 - p.x0) * (p.y1 - p.y0)) as usize / (1280 * 720);
    for _ in 0..count {
        let depth = rng.unit() * rng.unit();
        let y = top + 2.0 + depth * (bottom - top);
        let len = (0.004 + 0.03 * depth) * p.w.min(p.h * 2.0);
        let x = rng.range(p.x0, p.x1);
        p.hline(x, x + len.max(2.0), y, colour, 0.35 * rng.range(0.4, 1.0));
    }
}

fn tufts(p: &mut Painter, rng: &mut Rng, colour: Rgb, alpha: f32, count: usize) {
    let hy = p.hy;
    let count = count * ((p.x1 - p.x0) * (p.y1 - p.y0)) as usize / (1280 * 720);
    for _ in 0..count {
        let depth = rng.unit() * rng.unit();
        let y = hy + 2.0 + depth * (p.y1 - hy);
        let len = ((0.004 + 0.03 * depth) * p.w.min(p.h * 2.0)).max(2.0);
        let x = rng.range(p.x0, p.x1);
        p.hline(x, x + len, y, colour, alpha * rng.range(0.4, 1.0));
    }
}

fn interior(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let place = s.place.as_ref();
    let wall = place.and_then(|pl| pl.wall).filter(|&w| w != Wall::Plain);
    if let Some(wall) = wall {
        surface::wall(p, rng, wall, p.y0);
    } else {
        plain_wall(p, rng);
    }
    if let Some(floor) = place.and_then(|pl| pl.floor) {
        surface::floor(p, rng, floor);
    } else {
        tabletop(p, rng);
    }
}

/// A room's own wall: a window onto the sky (with blinds if asked), cabinets in a kitchen,
/// warm lights in a cafe, a framed picture elsewhere.
fn plain_wall(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let light = s.palette.sky.light.max(0.4);
    let (x0, x1, y0, y1) = (p.x0, p.x1, p.y0, p.y1);
    let hy = p.hy;
    let wall = match s.setting {
        Setting::Kitchen => Rgb::new(226, 222, 208),
        Setting::Cafe => Rgb::new(120, 84, 60),
        _ => Rgb::new(214, 196, 170),
    }
    .mix(s.palette.sky.horizon, 0.2)
    .lit(light);
    p.gradient(x0, y0, x1, hy, wall.lit(0.85), wall);
    // A window onto the sky, with blinds if asked.
    let (wl, wr, wt, wb) = (0.08 * p.w, 0.42 * p.w, 0.08 * p.h, hy - 0.1 * p.h);
    let sky = s.palette.sky;
    p.gradient(wl, wt, wr, wb, sky.top, sky.horizon);
    p.rect(wl - 6.0, wt - 6.0, wr + 6.0, wt, wall.lit(0.7).color());
    p.rect(wl - 6.0, wb, wr + 6.0, wb + 8.0, wall.lit(0.7).color());
    if s.look.blinds {
        let n = 14;
        for k in 0..n {
            let y = wt + (wb - wt) * k as f32 / n as f32;
            p.rect(wl, y, wr, y + (wb - wt) / n as f32 * 0.6, Rgb::new(236, 228, 210).lit(light).color());
        }
    } else {
        p.rect((wl + wr) * 0.5 - 3.0, wt, (wl + wr) * 0.5 + 3.0, wb, wall.lit(0.7).color());
    }
    match s.setting {
        Setting::Kitchen => {
            let tile = wall.lit(0.92);
            let size = 0.05 * p.unit;
            let mut y = hy - 0.25 * p.h;
            while y < hy {
                p.hline(x0, x1, y, tile.lit(0.85), 0.8);
                y += size;
            }
            p.rect(0.55 * p.w, y0, x1, hy - 0.3 * p.h, Rgb::new(150, 110, 80).lit(light).color());
        }
        Setting::Cafe => {
            for _ in 0..10 {
                let x = rng.range(x0, x1);
                let y = rng.range(y0, hy * 0.6);
                p.glow(x, y, rng.range(0.03, 0.07) * p.unit, Rgb::new(255, 200, 120), 0.5);
            }
        }
        _ => {
            // A framed picture.
            let (l, t) = (0.6 * p.w, 0.12 * p.h);
            p.rect(l, t, l + 0.2 * p.w, t + 0.22 * p.h, Rgb::new(90, 60, 40).lit(light).color());
            p.gradient(
                l + 6.0,
                t + 6.0,
                l + 0.2 * p.w - 6.0,
                t + 0.22 * p.h - 6.0,
                s.palette.accents[1].lit(light),
                s.palette.accents[0].lit(light),
            );
        }
    }
    // Light through blinds: warm diagonal stripes across wall and table.
    if s.look.blinds {
        let n = 9;
        for k in 0..n {
            let x = x0 + (x1 - x0) * (k as f32 / n as f32) - 0.2 * p.w;
            let band = 0.025 * p.w;
            let dx = 0.5 * p.h;
            p.poly(&[(x, y0), (x + band, y0), (x + band + dx, y1), (x + dx, y1)], Rgb::new(255, 236, 190).alpha(0.16));
        }
    }
}

/// The tabletop: wood with grain, a darker front edge.
fn tabletop(p: &mut Painter, rng: &mut Rng) {
    let s = p.scene;
    let light = s.palette.sky.light.max(0.4);
    let (x0, x1, y1) = (p.x0, p.x1, p.y1);
    let hy = p.hy;
    let wood = Rgb::new(150, 98, 58).lit(light);
    p.gradient(x0, hy, x1, y1, wood.lit(1.1), wood.lit(0.8));
    let gh = y1 - hy;
    for _ in 0..(60.0 * (x1 - x0) / p.w) as usize {
        let y = hy + rng.unit() * gh;
        let x = rng.range(x0, x1);
        let len = rng.range(0.1, 0.4) * p.w;
        p.hline(x, x + len, y, wood.lit(0.7), 0.35);
    }
    p.rect(x0, hy, x1, hy + 0.008 * p.h, wood.lit(1.25).color());
    if s.palette.sky.light > 0.7 {
        p.glow(0.25 * p.w, hy + 0.1 * p.h, 0.5 * p.unit, Rgb::new(255, 240, 210), 0.25);
    }
}

/// Fog, mist and haze: a translucent band thickest at the horizon (`SourceAtop` on a layer
/// with holes: the haze lies only on what the layer painted).
fn haze(p: &mut Painter, blend: BlendMode) {
    let s = p.scene;
    let f = s.atmosphere.fog + if s.atmosphere.dust { 0.2 } else { 0.0 } + if s.look.soft { 0.08 } else { 0.0 };
    if f <= 0.0 {
        return;
    }
    let colour = if s.atmosphere.dust {
        Rgb::new(210, 170, 120)
    } else {
        s.palette.sky.horizon.mix(Rgb::new(220, 224, 230), 0.5).lit(s.palette.sky.light.max(0.4))
    };
    let hy = p.hy;
    let (x0, x1, y0, y1) = (p.x0, p.x1, p.y0, p.y1);
    let band = 0.35 * p.h;
    let shader = LinearGradient::new(
        Point::from_xy(0.0, hy - band),
        Point::from_xy(0.0, hy + band),
        vec![
            GradientStop::new(0.0, colour.alpha(f * 0.5)),
            GradientStop::new(0.5, colour.alpha(f.min(0.95))),
            GradientStop::new(1.0, colour.alpha(f * 0.4)),
        ],
        SpreadMode::Pad,
        Transform::identity(),
    );
    if let (Some(shader), Some(rect)) = (shader, Rect::from_ltrb(x0, y0, x1, y1)) {
        let paint = Paint { shader, blend_mode: blend, ..Paint::default() };
        p.pm.fill_rect(rect, &paint, p.ts, None);
    }
}
