//! The static backdrop: sky, sun or moon, stars, clouds, hills and ground, painted once per
//! clip. It is wider than the frame by the camera's pan, so each frame is a window into it
//! (a row-by-row memcpy) instead of a repaint: a full-frame gradient alone costs ~11 ms at 720p.

use kino_engine::EngineError;
use tiny_skia::{
    Color, FillRule, GradientStop, LinearGradient, Paint, PathBuilder, Pixmap, Point, RadialGradient, Rect, Shader,
    SpreadMode, Transform,
};

use crate::palette::{Rgb, SkyBody};
use crate::pixels::Pixels;
use crate::rng::Rng;
use crate::scene::{Ground, HORIZON, PAN, Scene, Weather};

/// Rows of the road bands, as fractions of the height: the near lane the main vehicle drives
/// in, and a thin far road for background traffic.
pub const NEAR_ROAD: (f32, f32) = (0.76, 0.93);
pub const FAR_ROAD: (f32, f32) = (0.665, 0.715);

/// Paint the backdrop for frames of `width` x `height`.
pub fn paint(scene: &Scene, width: u32, height: u32) -> Result<Pixmap, EngineError> {
    let wide = width + pan_pixels(width) + 1;
    let mut pm = Pixmap::new(wide, height)
        .ok_or_else(|| EngineError::fatal("invalid_size", format!("cannot draw a {width}x{height} frame")))?;
    let w = wide as f32;
    let h = height as f32;
    let unit = width.min(height) as f32;
    let hy = (HORIZON * h).round();
    let sky = scene.palette.sky;
    let mut rng = Rng::new(scene.detail_seed);

    fill_gradient(&mut pm, Rect::from_xywh(0.0, 0.0, w, hy), sky.top, sky.horizon);

    let dark = sky.light < 0.65;
    if dark && scene.weather == Weather::Clear {
        let mut px = Pixels::new(pm.data_mut(), wide, height);
        let count = (w * hy / 2200.0) as usize;
        for _ in 0..count {
            let x = rng.range(0.0, w) as i32;
            // Fewer, fainter stars towards the horizon haze.
            let y = (rng.unit() * rng.unit() * hy * 0.9) as i32;
            let a = rng.range(0.25, 1.0);
            px.blend(x, y, Rgb::new(255, 250, 235), a);
            if rng.unit() < 0.12 {
                px.blend(x + 1, y, Rgb::new(255, 250, 235), a * 0.6);
                px.blend(x, y + 1, Rgb::new(255, 250, 235), a * 0.6);
            }
        }
    }

    if sky.body != SkyBody::Hidden {
        let cx = 0.68 * width as f32 + rng.range(-0.1, 0.1) * width as f32;
        let cy = hy - sky.body_height * hy * 0.9 - 0.04 * unit;
        let r = if sky.body == SkyBody::Sun { 0.06 * unit } else { 0.045 * unit };
        fill_radial(&mut pm, cx, cy, r * 6.0, sky.glow, 0.45);
        fill_circle(&mut pm, cx, cy, r, sky.glow.color());
        if sky.body == SkyBody::Moon {
            // A few soft maria so it reads as a moon, not a lamp.
            fill_circle(&mut pm, cx - 0.3 * r, cy - 0.2 * r, 0.3 * r, Rgb::new(150, 156, 180).alpha(0.35));
            fill_circle(&mut pm, cx + 0.35 * r, cy + 0.3 * r, 0.22 * r, Rgb::new(150, 156, 180).alpha(0.3));
        }
    }

    if !dark || scene.weather != Weather::Clear {
        // Clouds: clusters of overlapping circles, tinted by the horizon light.
        let (tint, alpha, count) = match scene.weather {
            Weather::Clear => (Rgb::new(255, 255, 255).mix(sky.horizon, 0.35), 0.55, 5),
            _ => (sky.top.mix(Rgb::new(70, 74, 84), 0.5), 0.5, 9),
        };
        for _ in 0..count {
            let cx = rng.range(0.0, w);
            let cy = rng.range(0.08, 0.5) * hy;
            let span = rng.range(0.12, 0.26) * unit * 1.4;
            let mut pb = PathBuilder::new();
            for _ in 0..5 {
                let dx = rng.range(-0.5, 0.5) * span;
                let rr = rng.range(0.18, 0.32) * span;
                // Puffs wider than tall read as cumulus rather than bubbles.
                let py = cy - rng.range(0.0, 0.3) * rr;
                if let Some(oval) = Rect::from_xywh(cx + dx - 1.5 * rr, py - rr, 3.0 * rr, 2.0 * rr) {
                    pb.push_oval(oval);
                }
            }
            if let Some(path) = pb.finish() {
                let mut paint = Paint::default();
                paint.set_color(tint.alpha(alpha));
                pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
            }
        }
    }

    // Two rows of hills; the far one fades into the horizon colour.
    let hill_base = scene.ground_colour;
    for (i, (lo, hi, haze)) in [(0.05f32, 0.16f32, 0.6f32), (0.015, 0.07, 0.3)].into_iter().enumerate() {
        if scene.ground == Ground::Water && i == 1 {
            continue;
        }
        let colour = hill_base.mix(sky.horizon, haze).lit(0.92);
        let mut pb = PathBuilder::new();
        pb.move_to(0.0, hy + 1.0);
        let mut x = 0.0;
        let mut y = hy - rng.range(lo, hi) * hy;
        pb.line_to(0.0, y);
        while x < w {
            let step = rng.range(0.12, 0.3) * unit;
            let ny = hy - rng.range(lo, hi) * hy;
            pb.quad_to(x + step * 0.5, (y + ny) * 0.5 - rng.range(0.0, 0.04) * hy, x + step, ny);
            x += step;
            y = ny;
        }
        pb.line_to(x, hy + 1.0);
        pb.close();
        if let Some(path) = pb.finish() {
            let mut paint = Paint::default();
            paint.set_color(colour.color());
            pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
        }
    }

    let g = scene.ground_colour;
    fill_gradient(&mut pm, Rect::from_xywh(0.0, hy, w, h - hy), g.mix(sky.horizon, 0.3), g.lit(0.72));
    paint_ground_details(&mut pm, scene, width, height, &mut rng);
    Ok(pm)
}

/// How far (in pixels) the camera travels over the clip.
pub fn pan_pixels(width: u32) -> u32 {
    (PAN * width as f32).round() as u32
}

fn paint_ground_details(pm: &mut Pixmap, scene: &Scene, width: u32, height: u32, rng: &mut Rng) {
    let wide = pm.width();
    let w = wide as f32;
    let h = height as f32;
    let hy = HORIZON * h;
    let light = scene.palette.sky.light;
    if scene.ground == Ground::Road {
        let asphalt = Rgb::new(62, 64, 70).lit(light);
        for (i, (top, bottom)) in [FAR_ROAD, NEAR_ROAD].into_iter().enumerate() {
            let rect = Rect::from_ltrb(0.0, top * h, w, bottom * h);
            if let Some(rect) = rect {
                let mut paint = Paint::default();
                paint.set_color(asphalt.mix(scene.palette.sky.horizon, if i == 0 { 0.25 } else { 0.0 }).color());
                pm.fill_rect(rect, &paint, Transform::identity(), None);
            }
        }
        // Dashed lane marking between the far edge and the main vehicle's lane.
        let mut px = Pixels::new(pm.data_mut(), wide, height);
        let dash = (0.05 * width as f32).max(4.0) as i32;
        let thick = ((0.006 * h) as i32).max(1);
        let y0 = (0.785 * h) as i32;
        let paint_colour = Rgb::new(236, 232, 210).lit(light.max(0.7));
        let mut x = 0;
        while x < wide as i32 {
            for dy in 0..thick {
                px.hline(x, x + dash, y0 + dy, paint_colour, 0.85);
            }
            x += dash * 2;
        }
        return;
    }
    // Texture strokes: ripples on water, tufts on grass, drifts on sand and snow.
    let (colour, alpha, count) = match scene.ground {
        Ground::Water => (scene.palette.sky.horizon.mix(Rgb::new(255, 255, 255), 0.5), 0.35, 900),
        Ground::Grass => (scene.ground_colour.lit(0.7), 0.35, 1400),
        Ground::Sand => (Rgb::new(250, 226, 180).lit(light), 0.3, 500),
        Ground::Snow => (Rgb::new(180, 196, 226).lit(light), 0.25, 500),
        Ground::Road => return,
    };
    let count = count * (wide * height) as usize / (1280 * 720);
    let mut px = Pixels::new(pm.data_mut(), wide, height);
    for _ in 0..count {
        // Denser and shorter towards the horizon, like perspective would make them.
        let depth = rng.unit() * rng.unit();
        let y = (hy + 2.0 + depth * (h - hy)) as i32;
        let len = ((0.004 + 0.03 * depth) * w.min(h * 2.0)).max(2.0) as i32;
        let x = rng.range(0.0, w) as i32;
        px.hline(x, x + len, y, colour, alpha * rng.range(0.4, 1.0));
    }
}

fn fill_gradient(pm: &mut Pixmap, rect: Option<Rect>, top: Rgb, bottom: Rgb) {
    let Some(rect) = rect else { return };
    let shader = LinearGradient::new(
        Point::from_xy(0.0, rect.top()),
        Point::from_xy(0.0, rect.bottom()),
        vec![GradientStop::new(0.0, top.color()), GradientStop::new(1.0, bottom.color())],
        SpreadMode::Pad,
        Transform::identity(),
    );
    let paint = Paint { shader: shader.unwrap_or(Shader::SolidColor(top.color())), ..Paint::default() };
    pm.fill_rect(rect, &paint, Transform::identity(), None);
}

fn fill_circle(pm: &mut Pixmap, cx: f32, cy: f32, r: f32, colour: Color) {
    if let Some(path) = PathBuilder::from_circle(cx, cy, r) {
        let mut paint = Paint::default();
        paint.set_color(colour);
        pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
    }
}

/// A soft glow: `colour` at `alpha` in the centre fading to nothing at radius `r`.
fn fill_radial(pm: &mut Pixmap, cx: f32, cy: f32, r: f32, colour: Rgb, alpha: f32) {
    let centre = Point::from_xy(cx, cy);
    let stops = vec![
        GradientStop::new(0.0, colour.alpha(alpha)),
        GradientStop::new(0.35, colour.alpha(alpha * 0.35)),
        GradientStop::new(1.0, colour.alpha(0.0)),
    ];
    let (Some(shader), Some(path)) = (
        RadialGradient::new(centre, 0.0, centre, r, stops, SpreadMode::Pad, Transform::identity()),
        PathBuilder::from_circle(cx, cy, r),
    ) else {
        return;
    };
    let paint = Paint { shader, ..Paint::default() };
    pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
}
