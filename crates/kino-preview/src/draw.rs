//! Subject shapes. Each is drawn in its own unit space (length 1, ground line or centre at
//! the origin, +x forward) and placed with one transform, so a shape is defined once and
//! fits any size, position and heading.

use tiny_skia::{
    Color, FillRule, GradientStop, Paint, Path, PathBuilder, PixmapMut, Point, RadialGradient, Rect, SpreadMode,
    Transform,
};

use crate::math::sin_turns;
use crate::palette::Rgb;
use crate::scene::{Kind, Subject};

/// Scene-wide light that shapes need for their secondary colours (glass, sails, tyres).
#[derive(Debug, Clone, Copy)]
pub struct Light {
    pub level: f32,
    pub sky: Rgb,
    /// Headlights and lanterns glow when it is dark.
    pub dark: bool,
}

/// Where a subject is in this frame, in pixels: anchor point, scale (pixels per unit) and heading.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
    pub facing_right: bool,
}

impl Placement {
    fn transform(&self) -> Transform {
        let sx = if self.facing_right { self.scale } else { -self.scale };
        Transform::from_row(sx, 0.0, 0.0, self.scale, self.x, self.y)
    }
}

/// The static outlines, built once per clip (the bird's wings are rebuilt per frame as they flap).
pub struct Shapes {
    car_body: Option<Path>,
    car_cabin: Option<Path>,
    car_windows: Option<Path>,
    hull: Option<Path>,
    sail_main: Option<Path>,
    sail_jib: Option<Path>,
    envelope: Option<Path>,
    envelope_panel: Option<Path>,
    ropes: Option<Path>,
    unit_circle: Option<Path>,
}

impl Shapes {
    pub fn new() -> Self {
        Self {
            car_body: rounded_rect(-0.5, -0.31, 0.5, -0.08, 0.07),
            car_cabin: polygon(&[(-0.30, -0.30), (-0.17, -0.50), (0.16, -0.50), (0.32, -0.30)]),
            car_windows: {
                let mut pb = PathBuilder::new();
                add_polygon(&mut pb, &[(-0.25, -0.32), (-0.15, -0.47), (-0.015, -0.47), (-0.015, -0.32)]);
                add_polygon(&mut pb, &[(0.025, -0.32), (0.025, -0.47), (0.14, -0.47), (0.26, -0.32)]);
                pb.finish()
            },
            hull: polygon(&[(-0.5, -0.16), (0.5, -0.16), (0.36, 0.04), (-0.4, 0.04)]),
            sail_main: polygon(&[(0.02, -0.92), (0.02, -0.2), (0.4, -0.2)]),
            sail_jib: polygon(&[(-0.02, -0.84), (-0.02, -0.2), (-0.34, -0.2)]),
            envelope: {
                let mut pb = PathBuilder::new();
                pb.move_to(0.0, -0.62);
                pb.cubic_to(0.42, -0.62, 0.56, -0.2, 0.3, 0.18);
                pb.line_to(0.12, 0.42);
                pb.line_to(-0.12, 0.42);
                pb.line_to(-0.3, 0.18);
                pb.cubic_to(-0.56, -0.2, -0.42, -0.62, 0.0, -0.62);
                pb.close();
                pb.finish()
            },
            envelope_panel: {
                let mut pb = PathBuilder::new();
                pb.move_to(0.0, -0.62);
                pb.cubic_to(0.2, -0.5, 0.2, 0.1, 0.06, 0.42);
                pb.line_to(-0.06, 0.42);
                pb.cubic_to(-0.2, 0.1, -0.2, -0.5, 0.0, -0.62);
                pb.close();
                pb.finish()
            },
            ropes: {
                let mut pb = PathBuilder::new();
                add_polygon(&mut pb, &[(-0.12, 0.42), (-0.1, 0.42), (-0.065, 0.6), (-0.085, 0.6)]);
                add_polygon(&mut pb, &[(0.1, 0.42), (0.12, 0.42), (0.085, 0.6), (0.065, 0.6)]);
                pb.finish()
            },
            unit_circle: PathBuilder::from_circle(0.0, 0.0, 1.0),
        }
    }

    /// Draw `subject` at `at`, `t` seconds into the clip.
    pub fn draw(&self, pm: &mut PixmapMut, subject: &Subject, at: Placement, t: f32, light: Light) {
        let c = subject.colour;
        match subject.kind {
            Kind::Vehicle => self.vehicle(pm, c, at, light),
            Kind::Boat => self.boat(pm, c, at, t, subject.phase, light),
            Kind::Bird => bird(pm, c, at, t, subject.phase),
            Kind::Balloon => self.balloon(pm, c, at, t, subject.phase, light),
            Kind::Orb => self.orb(pm, c, at, t, subject.phase),
        }
    }

    fn vehicle(&self, pm: &mut PixmapMut, c: Rgb, at: Placement, light: Light) {
        let ts = at.transform();
        fill_ellipse(pm, &self.unit_circle, ts, 0.0, 0.0, 0.5, 0.035, Color::from_rgba8(0, 0, 0, 70));
        fill(pm, &self.car_cabin, ts, c.lit(0.85).color());
        fill(pm, &self.car_windows, ts, light.sky.mix(Rgb::new(30, 40, 52), 0.55).color());
        fill(pm, &self.car_body, ts, c.color());
        if let Some(stripe) = Rect::from_ltrb(-0.47, -0.28, 0.47, -0.26) {
            let mut paint = Paint::default();
            paint.set_color(c.lit(1.35).alpha(0.6));
            pm.fill_rect(stripe, &paint, ts, None);
        }
        for wx in [-0.3, 0.3] {
            fill_ellipse(pm, &self.unit_circle, ts, wx, -0.095, 0.095, 0.095, Rgb::new(20, 20, 24).color());
            fill_ellipse(
                pm,
                &self.unit_circle,
                ts,
                wx,
                -0.095,
                0.042,
                0.042,
                Rgb::new(176, 178, 184).lit(light.level).color(),
            );
        }
        let lamp = Rgb::new(255, 238, 180);
        if light.dark {
            fill_glow(pm, at, 0.49, -0.21, 0.16, lamp, 0.55);
        }
        fill_ellipse(pm, &self.unit_circle, ts, 0.475, -0.215, 0.025, 0.025, lamp.color());
        fill_ellipse(pm, &self.unit_circle, ts, -0.485, -0.215, 0.018, 0.025, Rgb::new(220, 30, 30).color());
    }

    fn boat(&self, pm: &mut PixmapMut, c: Rgb, mut at: Placement, t: f32, phase: f32, light: Light) {
        at.y += at.scale * 0.015 * sin_turns(t * 0.35 + phase);
        let ts = at.transform();
        // The reflection first, so the hull sits on it.
        fill_ellipse(pm, &self.unit_circle, ts, -0.02, 0.07, 0.42, 0.05, c.alpha(0.3));
        if let Some(mast) = Rect::from_ltrb(-0.008, -0.95, 0.008, -0.16) {
            let mut paint = Paint::default();
            paint.set_color(Rgb::new(60, 50, 40).lit(light.level).color());
            pm.fill_rect(mast, &paint, ts, None);
        }
        fill(pm, &self.sail_main, ts, Rgb::new(246, 244, 236).lit(light.level).color());
        fill(pm, &self.sail_jib, ts, Rgb::new(228, 226, 218).lit(light.level).color());
        fill(pm, &self.hull, ts, c.color());
        if let Some(trim) = Rect::from_ltrb(-0.49, -0.16, 0.49, -0.125) {
            let mut paint = Paint::default();
            paint.set_color(Rgb::new(240, 240, 236).lit(light.level).alpha(0.85));
            pm.fill_rect(trim, &paint, ts, None);
        }
    }

    fn balloon(&self, pm: &mut PixmapMut, c: Rgb, mut at: Placement, t: f32, phase: f32, light: Light) {
        at.y += at.scale * 0.05 * sin_turns(t / 5.0 + phase);
        let ts = at.transform();
        if light.dark {
            fill_glow(pm, at, 0.0, -0.1, 0.9, c.lit(1.4), 0.35);
        }
        fill(pm, &self.ropes, ts, Rgb::new(70, 56, 40).lit(light.level).color());
        if let Some(basket) = Rect::from_ltrb(-0.085, 0.6, 0.085, 0.72) {
            let mut paint = Paint::default();
            paint.set_color(Rgb::new(132, 90, 50).lit(light.level).color());
            pm.fill_rect(basket, &paint, ts, None);
        }
        fill(pm, &self.envelope, ts, c.color());
        fill(pm, &self.envelope_panel, ts, c.mix(Rgb::new(255, 255, 255), 0.35).color());
        fill_ellipse(pm, &self.unit_circle, ts, -0.2, -0.32, 0.07, 0.12, Color::from_rgba8(255, 255, 255, 60));
    }

    fn orb(&self, pm: &mut PixmapMut, c: Rgb, mut at: Placement, t: f32, phase: f32) {
        at.y += at.scale * 0.08 * sin_turns(t / 3.0 + phase);
        fill_glow(pm, at, 0.0, 0.0, 0.95, c, 0.4);
        let ts = at.transform();
        fill_ellipse(pm, &self.unit_circle, ts, 0.0, 0.0, 0.5, 0.5, c.color());
        fill_ellipse(pm, &self.unit_circle, ts, 0.0, 0.06, 0.44, 0.42, c.lit(0.85).alpha(0.6));
        fill_ellipse(pm, &self.unit_circle, ts, -0.16, -0.17, 0.15, 0.15, Color::from_rgba8(255, 255, 255, 110));
    }
}

impl Default for Shapes {
    fn default() -> Self {
        Self::new()
    }
}

/// A bird seen from afar: two curved wings around a small body, flapping about twice a second.
fn bird(pm: &mut PixmapMut, c: Rgb, mut at: Placement, t: f32, phase: f32) {
    let flap = sin_turns(t * 2.2 + phase);
    at.y += at.scale * 0.05 * sin_turns(t * 0.4 + phase);
    let tip = -0.22 * flap;
    let mid = -0.06 - 0.1 * flap;
    let mut pb = PathBuilder::new();
    pb.move_to(-0.5, tip);
    pb.quad_to(-0.25, mid - 0.05, 0.0, 0.0);
    pb.quad_to(0.25, mid - 0.05, 0.5, tip);
    pb.quad_to(0.25, mid + 0.07, 0.0, 0.08);
    pb.quad_to(-0.25, mid + 0.07, -0.5, tip);
    pb.close();
    if let Some(body) = Rect::from_ltrb(-0.1, -0.01, 0.1, 0.08) {
        pb.push_oval(body);
    }
    fill(pm, &pb.finish(), at.transform(), c.color());
}

fn fill(pm: &mut PixmapMut, path: &Option<Path>, ts: Transform, colour: Color) {
    if let Some(path) = path {
        let mut paint = Paint::default();
        paint.set_color(colour);
        pm.fill_path(path, &paint, FillRule::Winding, ts, None);
    }
}

/// An ellipse centred at (cx, cy) in the subject's unit space, drawn from the shared unit circle.
#[allow(clippy::too_many_arguments)]
fn fill_ellipse(
    pm: &mut PixmapMut,
    circle: &Option<Path>,
    ts: Transform,
    cx: f32,
    cy: f32,
    rx: f32,
    ry: f32,
    colour: Color,
) {
    let local = Transform::from_row(rx, 0.0, 0.0, ry, cx, cy);
    fill(pm, circle, ts.pre_concat(local), colour);
}

/// A soft radial glow of `radius` around (lx, ly) in unit space.
fn fill_glow(pm: &mut PixmapMut, at: Placement, lx: f32, ly: f32, radius: f32, colour: Rgb, alpha: f32) {
    let dir = if at.facing_right { 1.0 } else { -1.0 };
    let cx = at.x + dir * lx * at.scale;
    let cy = at.y + ly * at.scale;
    let r = radius * at.scale;
    let centre = Point::from_xy(cx, cy);
    let stops = vec![GradientStop::new(0.0, colour.alpha(alpha)), GradientStop::new(1.0, colour.alpha(0.0))];
    let (Some(shader), Some(path)) = (
        RadialGradient::new(centre, 0.0, centre, r, stops, SpreadMode::Pad, Transform::identity()),
        PathBuilder::from_circle(cx, cy, r),
    ) else {
        return;
    };
    let paint = Paint { shader, ..Paint::default() };
    pm.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
}

fn polygon(points: &[(f32, f32)]) -> Option<Path> {
    let mut pb = PathBuilder::new();
    add_polygon(&mut pb, points);
    pb.finish()
}

fn add_polygon(pb: &mut PathBuilder, points: &[(f32, f32)]) {
    let Some((&(x0, y0), rest)) = points.split_first() else { return };
    pb.move_to(x0, y0);
    for &(x, y) in rest {
        pb.line_to(x, y);
    }
    pb.close();
}

fn rounded_rect(l: f32, t: f32, r: f32, b: f32, rad: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    pb.move_to(l + rad, t);
    pb.line_to(r - rad, t);
    pb.quad_to(r, t, r, t + rad);
    pb.line_to(r, b - rad);
    pb.quad_to(r, b, r - rad, b);
    pb.line_to(l + rad, b);
    pb.quad_to(l, b, l, b - rad);
    pb.line_to(l, t + rad);
    pb.quad_to(l, t, l + rad, t);
    pb.close();
    pb.finish()
}
