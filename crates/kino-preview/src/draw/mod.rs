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

use crate::motion::Motion;
use crate::palette::Rgb;
use crate::plan::Action;
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
    /// What the subject is doing, as the prompt says: a person's pose follows it.
    pub act: Option<Action>,
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
    /// A soft contact shadow where a thing stands: `rx` wide either side of `x`, on y = 0.
    pub fn contact_shadow(&mut self, x: f32, rx: f32) {
        self.ellipse_a(x, 0.0, rx, 0.045, Rgb::new(0, 0, 0), 0.25);
    }

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
        | S::Snowman
        | S::Sheep
        | S::Zebra => living::draw(pen, shape, colour, a),
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

/// Where a shape's drawing really lies in its unit space, (left, top, right, bottom), at rest:
/// measured once per shape by drawing it, so that layout can stand one thing on another and
/// tests can find a subject's pixels, whatever each drawing does.
pub fn extent(shape: Shape) -> [f32; 4] {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MEASURED: OnceLock<Mutex<HashMap<Shape, [f32; 4]>>> = OnceLock::new();
    let measured = MEASURED.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(e) = measured.lock().ok().and_then(|m| m.get(&shape).copied()) {
        return e;
    }
    let e = measure(shape);
    if let Ok(mut m) = measured.lock() {
        m.insert(shape, e);
    }
    e
}

/// Draw `shape` at 100 px a unit on a transparent square and take its opaque pixels' box.
fn measure(shape: Shape) -> [f32; 4] {
    const SCALE: f32 = 100.0;
    const SIDE: u32 = 320;
    let (ox, oy) = (SIDE as f32 / 2.0, SIDE as f32 * 0.7);
    let fallback = [-0.5, -1.0, 0.5, 0.0];
    let Some(mut pixmap) = tiny_skia::Pixmap::new(SIDE, SIDE) else {
        return fallback;
    };
    {
        let mut pm = pixmap.as_mut();
        let mut pen = Pen::new(&mut pm, Transform::from_row(SCALE, 0.0, 0.0, SCALE, ox, oy), 1.0);
        let still = Anim { t: 0.0, phase: 0.0, motion: Motion::Idle, lamps: false, variant: 0, act: None };
        draw(&mut pen, shape, Rgb::new(128, 128, 128), &still);
    }
    let (mut l, mut t, mut r, mut b) = (u32::MAX, u32::MAX, 0, 0);
    for (i, px) in pixmap.pixels().iter().enumerate() {
        // Faint glows and shadows are not the thing.
        if px.alpha() > 96 {
            let (x, y) = (i as u32 % SIDE, i as u32 / SIDE);
            (l, t, r, b) = (l.min(x), t.min(y), r.max(x), b.max(y));
        }
    }
    if l > r {
        return fallback;
    }
    let unit = |v: u32, o: f32| (v as f32 - o) / SCALE;
    [unit(l, ox), unit(t, oy), unit(r + 1, ox), unit(b + 1, oy)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cells per side of the grid a drawing is compared on.
    const GRID: usize = 32;
    /// The unit-space square the grid covers: every shape's box and a margin.
    const AREA: [f32; 4] = [-0.75, -1.3, 0.75, 0.2];

    /// A shape drawn in mid grey, as cells over `AREA`: 0 where nothing is drawn, else its
    /// brightness in three steps (so a zebra's stripes tell it from a horse's plain coat).
    fn picture(shape: Shape) -> Vec<u8> {
        picture_at(shape, &Anim { t: 0.0, phase: 0.0, motion: Motion::Idle, lamps: false, variant: 0, act: None })
    }

    fn picture_at(shape: Shape, anim: &Anim) -> Vec<u8> {
        const SCALE: f32 = 100.0;
        let side = ((AREA[2] - AREA[0]).max(AREA[3] - AREA[1]) * SCALE) as u32;
        let (ox, oy) = (-AREA[0] * SCALE, -AREA[1] * SCALE);
        let mut pixmap = tiny_skia::Pixmap::new(side, side).expect("pixmap");
        {
            let mut pm = pixmap.as_mut();
            let mut pen = Pen::new(&mut pm, Transform::from_row(SCALE, 0.0, 0.0, SCALE, ox, oy), 1.0);
            draw(&mut pen, shape, Rgb::new(128, 128, 128), anim);
        }
        let cell = (side as usize / GRID).max(1);
        let mut cells = vec![0u8; GRID * GRID];
        for (k, c) in cells.iter_mut().enumerate() {
            let (px, py) = (((k % GRID) * cell + cell / 2) as u32, ((k / GRID) * cell + cell / 2) as u32);
            if let Some(p) = pixmap.pixel(px, py).filter(|p| p.alpha() > 96) {
                let p = p.demultiply();
                let luma = (u32::from(p.red()) * 3 + u32::from(p.green()) * 6 + u32::from(p.blue())) / 10;
                *c = 1 + (luma * 3 / 256) as u8;
            }
        }
        cells
    }

    /// Shapes that are one drawing on purpose (a boat is drawn as a small sailboat).
    const SAME_DRAWING: [(Shape, Shape); 1] = [(Shape::Boat, Shape::Sailboat)];

    #[test]
    fn every_shape_is_drawn_and_none_is_another_with_a_new_name() {
        let shapes: Vec<Shape> = Shape::ALL.iter().copied().filter(|&s| s != Shape::Orb).collect();
        let pictures: Vec<Vec<u8>> = shapes.iter().map(|&s| picture(s)).collect();
        for s in &shapes {
            let [l, t, r, b] = extent(*s);
            assert!(r - l > 0.1 && b - t > 0.1, "{s:?} is drawn in {l} {t} {r} {b}");
        }
        let mut alike = Vec::new();
        for i in 0..shapes.len() {
            for j in i + 1..shapes.len() {
                if SAME_DRAWING.contains(&(shapes[i], shapes[j])) {
                    continue;
                }
                let differ = pictures[i].iter().zip(&pictures[j]).filter(|(a, b)| a != b).count();
                // Variants of one build differ in a few cells (a cat's ears, a unicorn's horn);
                // a name given an existing drawing differs in none.
                if differ < 3 {
                    alike.push(format!("{:?} ~ {:?} ({differ} cells differ)", shapes[i], shapes[j]));
                }
            }
        }
        assert!(alike.is_empty(), "drawings too alike:\n{}", alike.join("\n"));
    }

    #[test]
    fn a_person_takes_a_pose_of_its_own_for_each_family_of_action() {
        use crate::plan::Action as A;
        let families = [
            A::Sports,
            A::Exercising,
            A::Skating,
            A::Cooking,
            A::Chores,
            A::Grooming,
            A::Fighting,
            A::Gesturing,
            A::Embracing,
            A::Crawling,
            A::Using,
            A::Waving,
        ];
        let at = |act: Option<A>, t: f32| {
            let anim = Anim { t, phase: 0.0, motion: Motion::Idle, lamps: false, variant: 0, act };
            picture_at(Shape::Person, &anim)
        };
        let standing = at(None, 0.3);
        let poses: Vec<Vec<u8>> = families.iter().map(|&f| at(Some(f), 0.3)).collect();
        for (f, pose) in families.iter().zip(&poses) {
            let differ = pose.iter().zip(&standing).filter(|(a, b)| a != b).count();
            assert!(differ >= 8, "{f:?} looks like standing ({differ} cells differ)");
        }
        for i in 0..families.len() {
            for j in i + 1..families.len() {
                let differ = poses[i].iter().zip(&poses[j]).filter(|(a, b)| a != b).count();
                assert!(differ >= 4, "{:?} and {:?} are one pose ({differ} cells differ)", families[i], families[j]);
            }
        }
        // A pose is a cycle, not a still.
        for f in [A::Sports, A::Exercising, A::Chores, A::Fighting, A::Gesturing, A::Waving] {
            let moved = at(Some(f), 0.0).iter().zip(&at(Some(f), 0.45)).filter(|(a, b)| a != b).count();
            assert!(moved >= 3, "{f:?} does not move ({moved} cells)");
        }
    }
}
