//! Subject shapes. Each is drawn in its own unit space — x in [-0.5, 0.5] facing +x, the base
//! at y = 0 and the top near y = -1 — and placed with one transform, so a shape is defined
//! once and fits any size, position, heading and camera.
//!
//! Families: `vehicles`, `living` (animals, people, creatures) and `things` (objects,
//! buildings, nature). [`draw`] dispatches on [`Shape`].

mod living;
mod things;
mod vehicles;

use tiny_skia::{
    Color, FillRule, GradientStop, LineCap, LineJoin, Paint, Path, PathBuilder, PixmapMut, Point, RadialGradient, Rect,
    SpreadMode, Stroke, Transform,
};

use crate::palette::Rgb;
use crate::scene::Motion;
use crate::shape::Shape;

/// Where a subject is in this frame, in pixels: anchor (base centre), scale (pixels per unit),
/// heading and rotation (degrees, about the middle of its box).
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
    pub facing_right: bool,
    pub angle: f32,
}

impl Placement {
    pub fn transform(&self) -> Transform {
        let sx = if self.facing_right { self.scale } else { -self.scale };
        let base = Transform::from_row(sx, 0.0, 0.0, self.scale, self.x, self.y);
        if self.angle == 0.0 { base } else { base.pre_concat(Transform::from_rotate_at(self.angle, 0.0, -0.5)) }
    }

    /// Pixel position of unit point (ux, uy).
    pub fn point(&self, ux: f32, uy: f32) -> (f32, f32) {
        let mut p = [Point::from_xy(ux, uy)];
        self.transform().map_points(&mut p);
        (p[0].x, p[0].y)
    }
}

/// What a shape needs to know about this moment.
#[derive(Debug, Clone, Copy)]
pub struct Anim {
    /// Seconds into the clip.
    pub t: f32,
    /// Per-copy offset in turns.
    pub phase: f32,
    pub motion: Motion,
    /// Lamps, windows and headlights glow.
    pub lamps: bool,
    pub variant: u8,
}

impl Anim {
    pub fn moving(&self) -> bool {
        matches!(self.motion, Motion::Travel | Motion::Gait | Motion::Swim | Motion::Fly)
    }
    /// A periodic value in [-1, 1] at `hz`.
    pub fn wave(&self, hz: f32) -> f32 {
        crate::math::sin_turns(self.t * hz + self.phase)
    }
}

/// A pen in a subject's unit space. Every colour passes through `light` (scene light),
/// `alpha` (reflections) and `silhouette` (backlight), so a shape names its true colours.
pub struct Pen<'p, 'a> {
    pm: &'p mut PixmapMut<'a>,
    ts: Transform,
    pub light: f32,
    pub alpha: f32,
    pub silhouette: Option<Rgb>,
}

impl<'p, 'a> Pen<'p, 'a> {
    pub fn new(pm: &'p mut PixmapMut<'a>, ts: Transform, light: f32) -> Self {
        Self { pm, ts, light, alpha: 1.0, silhouette: None }
    }

    fn col(&self, c: Rgb, a: f32) -> Color {
        let c = match self.silhouette {
            Some(s) => s,
            None => c.lit(self.light),
        };
        c.alpha(a * self.alpha)
    }

    /// Run `f` with `local` applied on top of the current transform.
    pub fn with(&mut self, local: Transform, f: impl FnOnce(&mut Self)) {
        let old = self.ts;
        self.ts = old.pre_concat(local);
        f(self);
        self.ts = old;
    }

    /// Rotate by `deg` about unit point (x, y) while drawing `f`.
    pub fn rotated(&mut self, deg: f32, x: f32, y: f32, f: impl FnOnce(&mut Self)) {
        self.with(Transform::from_rotate_at(deg, x, y), f);
    }

    fn fill_raw(&mut self, path: &Path, colour: Color) {
        let mut paint = Paint::default();
        paint.set_color(colour);
        self.pm.fill_path(path, &paint, FillRule::Winding, self.ts, None);
    }

    pub fn fill_path(&mut self, path: Option<Path>, c: Rgb, a: f32) {
        if let Some(p) = path {
            let colour = self.col(c, a);
            self.fill_raw(&p, colour);
        }
    }

    pub fn ellipse_a(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb, a: f32) {
        if let Some(r) = Rect::from_xywh(cx - rx, cy - ry, 2.0 * rx, 2.0 * ry) {
            let mut pb = PathBuilder::new();
            pb.push_oval(r);
            self.fill_path(pb.finish(), c, a);
        }
    }

    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Rgb) {
        self.ellipse_a(cx, cy, rx, ry, c, 1.0);
    }

    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, c: Rgb) {
        self.ellipse_a(cx, cy, r, r, c, 1.0);
    }

    pub fn rect_a(&mut self, l: f32, t: f32, r: f32, b: f32, c: Rgb, a: f32) {
        if let Some(rect) = Rect::from_ltrb(l.min(r), t.min(b), l.max(r), t.max(b)) {
            self.fill_path(Some(PathBuilder::from_rect(rect)), c, a);
        }
    }

    pub fn rect(&mut self, l: f32, t: f32, r: f32, b: f32, c: Rgb) {
        self.rect_a(l, t, r, b, c, 1.0);
    }

    pub fn rrect(&mut self, l: f32, t: f32, r: f32, b: f32, rad: f32, c: Rgb) {
        self.fill_path(rounded_rect(l, t, r, b, rad), c, 1.0);
    }

    pub fn poly_a(&mut self, pts: &[(f32, f32)], c: Rgb, a: f32) {
        let mut pb = PathBuilder::new();
        add_polygon(&mut pb, pts);
        self.fill_path(pb.finish(), c, a);
    }

    pub fn poly(&mut self, pts: &[(f32, f32)], c: Rgb) {
        self.poly_a(pts, c, 1.0);
    }

    /// A stroked polyline with round caps.
    pub fn lines_a(&mut self, pts: &[(f32, f32)], width: f32, c: Rgb, a: f32) {
        let Some((&(x0, y0), rest)) = pts.split_first() else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.move_to(x0, y0);
        for &(x, y) in rest {
            pb.line_to(x, y);
        }
        self.stroke(pb.finish(), width, c, a);
    }

    pub fn lines(&mut self, pts: &[(f32, f32)], width: f32, c: Rgb) {
        self.lines_a(pts, width, c, 1.0);
    }

    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32, c: Rgb) {
        self.lines_a(&[(x0, y0), (x1, y1)], width, c, 1.0);
    }

    pub fn stroke(&mut self, path: Option<Path>, width: f32, c: Rgb, a: f32) {
        let Some(path) = path else { return };
        let mut paint = Paint::default();
        paint.set_color(self.col(c, a));
        let stroke = Stroke { width, line_cap: LineCap::Round, line_join: LineJoin::Round, ..Stroke::default() };
        self.pm.stroke_path(&path, &paint, &stroke, self.ts, None);
    }

    /// A quadratic curve stroke.
    pub fn curve(&mut self, p0: (f32, f32), c0: (f32, f32), p1: (f32, f32), width: f32, c: Rgb) {
        let mut pb = PathBuilder::new();
        pb.move_to(p0.0, p0.1);
        pb.quad_to(c0.0, c0.1, p1.0, p1.1);
        self.stroke(pb.finish(), width, c, 1.0);
    }

    /// A soft radial glow (not dimmed by the scene light: it is a light).
    pub fn glow(&mut self, cx: f32, cy: f32, r: f32, c: Rgb, a: f32) {
        if self.silhouette.is_some() && self.alpha < 1.0 {
            return;
        }
        let centre = Point::from_xy(cx, cy);
        let stops = vec![GradientStop::new(0.0, c.alpha(a * self.alpha)), GradientStop::new(1.0, c.alpha(0.0))];
        let (Some(shader), Some(path)) = (
            RadialGradient::new(centre, 0.0, centre, r, stops, SpreadMode::Pad, Transform::identity()),
            PathBuilder::from_circle(cx, cy, r),
        ) else {
            return;
        };
        let paint = Paint { shader, ..Paint::default() };
        self.pm.fill_path(&path, &paint, FillRule::Winding, self.ts, None);
    }

    /// A light source's own colour (unlit).
    pub fn lamp(&mut self, cx: f32, cy: f32, r: f32, c: Rgb) {
        if let Some(p) = PathBuilder::from_circle(cx, cy, r) {
            let colour = c.alpha(self.alpha);
            self.fill_raw(&p, colour);
        }
    }
}

/// Draw `shape` in `colour` with `pen` (already placed).
pub fn draw(pen: &mut Pen, shape: Shape, colour: Rgb, a: &Anim) {
    use Shape as S;
    match shape {
        S::Car
        | S::Bus
        | S::Truck
        | S::Bicycle
        | S::Motorcycle
        | S::Train
        | S::Tram
        | S::Boat
        | S::Ship
        | S::Sailboat
        | S::Airplane
        | S::Helicopter
        | S::Rocket
        | S::HotAirBalloon
        | S::Submarine
        | S::Ufo => vehicles::draw(pen, shape, colour, a),
        S::Cat
        | S::Dog
        | S::Fox
        | S::Rabbit
        | S::Deer
        | S::Horse
        | S::Cow
        | S::Bear
        | S::Elephant
        | S::Giraffe
        | S::Monkey
        | S::Bird
        | S::Owl
        | S::Duck
        | S::Penguin
        | S::Fish
        | S::Shark
        | S::Whale
        | S::Dolphin
        | S::Octopus
        | S::Jellyfish
        | S::Turtle
        | S::Frog
        | S::Butterfly
        | S::Bee
        | S::Snail
        | S::Snake
        | S::Person
        | S::Child
        | S::Crowd
        | S::Robot
        | S::Dragon
        | S::Dinosaur
        | S::Monster
        | S::Alien
        | S::Ghost
        | S::TeddyBear
        | S::Unicorn
        | S::Snowman => living::draw(pen, shape, colour, a),
        _ => things::draw(pen, shape, colour, a),
    }
}

/// Unit-space point where a person's kite hand is (for the kite string).
pub const HAND: (f32, f32) = (0.2, -0.93);
/// Unit-space point where a kite's string is tied.
pub const KITE_KNOT: (f32, f32) = (0.0, -0.25);

pub fn rounded_rect(l: f32, t: f32, r: f32, b: f32, rad: f32) -> Option<Path> {
    let rad = rad.min((r - l) * 0.5).min((b - t) * 0.5).max(0.0);
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

pub fn add_polygon(pb: &mut PathBuilder, points: &[(f32, f32)]) {
    let Some((&(x0, y0), rest)) = points.split_first() else {
        return;
    };
    pb.move_to(x0, y0);
    for &(x, y) in rest {
        pb.line_to(x, y);
    }
    pb.close();
}

/// Common colours.
pub const DARK: Rgb = Rgb::new(28, 28, 34);
pub const WHITE: Rgb = Rgb::new(246, 246, 244);
pub const SKIN: Rgb = Rgb::new(232, 184, 150);
pub const GLASS: Rgb = Rgb::new(60, 80, 104);
pub const WARM_LIGHT: Rgb = Rgb::new(255, 226, 150);
