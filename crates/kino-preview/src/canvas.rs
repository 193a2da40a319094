//! Composes one frame, layer by layer: a window of the cached backdrop (sky, far layer,
//! ground) seen through the camera, the subjects (with wet-ground reflections, steam and
//! kite strings), the particles (rain, snow, dust, sparks), the text, and a lightning flash.
//! The output buffer is handed to the sink as is: the backdrop is opaque and everything is
//! blended source-over, so tiny-skia's premultiplied RGBA already equals plain RGBA.

use kino_engine::EngineError;
use tiny_skia::{Paint, PathBuilder, PixmapMut, Stroke, Transform};

use crate::background::{self, Backdrop};
use crate::draw::{self, Anim, HAND, KITE_KNOT, Pen, Placement};
use crate::math::{fract, sin_turns};
use crate::palette::Rgb;
use crate::pixels::Pixels;
use crate::plan::{CameraKind, Direction, Speed};
use crate::rng::Rng;
use crate::scene::{Motion, Scene, Subject};
use crate::shape::Shape;
use crate::text::TextLayer;
use crate::weather::{Precipitation, Weather};

/// The camera at one moment: world → screen is `(p - c) * zoom + c - (dx, dy)`, c the frame centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub dx: f32,
    pub dy: f32,
    pub zoom: f32,
}

pub struct Canvas {
    scene: Scene,
    backdrop: Backdrop,
    precipitation: Precipitation,
    text: Option<TextLayer>,
    motes: Vec<(f32, f32, f32, f32)>,
    width: u32,
    height: u32,
    fps: f32,
    seconds: f32,
}

impl Canvas {
    pub fn new(scene: Scene, width: u32, height: u32, fps: u32, seconds: u32) -> Result<Self, EngineError> {
        let fps = fps.max(1) as f32;
        let secs = seconds.max(1) as f32;
        let (w, h) = (width as f32, height as f32);
        // The backdrop covers everything the camera will see over the clip.
        let (mut lx, mut hx, mut ly, mut hy) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        let steps = 96;
        for i in 0..=steps {
            let v = view_at(&scene, secs * i as f32 / steps as f32, w, h);
            lx = lx.min(v.dx);
            hx = hx.max(v.dx);
            ly = ly.min(v.dy);
            hy = hy.max(v.dy);
        }
        let ox = lx.floor() as i32 - 2;
        let oy = ly.floor() as i32 - 2;
        let wide = width + (hx.ceil() - lx.floor()) as u32 + 4;
        let tall = height + (hy.ceil() - ly.floor()) as u32 + 4;
        let backdrop = background::paint(&scene, width, height, ox, oy, wide, tall)?;
        let kind = if scene.atmosphere.rain {
            Weather::Rain
        } else if scene.atmosphere.snow {
            Weather::Snow
        } else {
            Weather::Clear
        };
        let precipitation = Precipitation::new(kind, width, height, scene.detail_seed);
        let text = scene.text.as_ref().and_then(|t| TextLayer::new(t, &scene.tint, width, height, secs));
        let mut rng = Rng::new(scene.detail_seed ^ 0x6d6f_7465);
        let n = if scene.atmosphere.dust || scene.atmosphere.sparks || scene.setting == crate::plan::Setting::Underwater
        {
            ((width * height) / 6000).min(300)
        } else {
            0
        };
        let motes = (0..n).map(|_| (rng.unit(), rng.unit(), rng.range(0.5, 1.5), rng.unit())).collect();
        Ok(Self { scene, backdrop, precipitation, text, motes, width, height, fps, seconds: secs })
    }

    /// Seconds into the clip of frame `index`.
    pub fn time_of(&self, index: u32) -> f32 {
        index as f32 / self.fps
    }

    pub fn view(&self, t: f32) -> View {
        view_at(&self.scene, t, self.width as f32, self.height as f32)
    }

    /// Frame `index`'s backdrop alone (what the camera sees before subjects, particles and text).
    pub fn backdrop_frame(&self, index: u32) -> Vec<u8> {
        self.backdrop_window(self.view(self.time_of(index)))
    }

    /// Render frame `index` into a fresh RGBA8 buffer.
    pub fn frame(&self, index: u32) -> Result<Vec<u8>, EngineError> {
        let mut rgba = self.backdrop_window(self.view(self.time_of(index)));
        self.draw_over(&mut rgba, index)?;
        Ok(rgba)
    }

    /// Draw frame `index`'s subjects, particles and text over `rgba` (an opaque picture of
    /// the frame's size: the backdrop, or pixels from elsewhere).
    pub fn draw_over(&self, rgba: &mut [u8], index: u32) -> Result<(), EngineError> {
        let t = self.time_of(index);
        let view = self.view(t);
        let light = self.scene.palette.sky.light;
        let lamps = self.scene.look.lamps;
        {
            let mut pm = PixmapMut::from_bytes(rgba, self.width, self.height)
                .ok_or_else(|| EngineError::fatal("invalid_size", "frame buffer does not match the frame size"))?;
            let subject_light = (0.55 + 0.45 * light).min(1.0);
            let silhouette =
                self.scene.look.backlight.then(|| self.scene.palette.sky.top.mix(Rgb::new(10, 10, 16), 0.8));
            let places: Vec<Placement> = self.scene.subjects.iter().map(|s| self.placement(s, t, view)).collect();
            for (s, at) in self.scene.subjects.iter().zip(&places) {
                let variant = s.variant | if self.holds_string(s) { 2 } else { 0 };
                let anim = Anim { t, phase: s.phase, motion: s.motion, lamps, variant, act: s.act };
                let on_ground = !s.shape.flies() && s.motion != Motion::Fly && self.scene.horizon < 0.99;
                if self.scene.atmosphere.wet && on_ground && !s.shape.is_backdrop() {
                    // The reflection: the shape mirrored about its base line, faint and squashed.
                    let flip = Transform::from_row(1.0, 0.0, 0.0, -0.7, 0.0, 0.0);
                    let mut pen = Pen::new(&mut pm, at.transform().pre_concat(flip), subject_light);
                    pen.alpha = 0.3;
                    pen.silhouette = silhouette;
                    draw::draw(&mut pen, s.shape, s.colour, &anim);
                }
                if s.shape == Shape::Kite {
                    self.kite_string(&mut pm, s, at, &places);
                }
                let mut pen = Pen::new(&mut pm, at.transform(), subject_light);
                pen.silhouette = silhouette;
                draw::draw(&mut pen, s.shape, s.colour, &anim);
                if s.steams || (self.scene.atmosphere.smoke && s.main) {
                    steam(&mut pm, *at, t, s.phase, self.scene.atmosphere.smoke && !s.steams);
                }
            }
            if self.scene.atmosphere.steam && !self.scene.subjects.iter().any(|s| s.steams) {
                // Steam with no source named: wisps rising from the bottom of the frame.
                for k in 0..4 {
                    let at = Placement {
                        x: (0.2 + 0.2 * k as f32) * self.width as f32,
                        y: self.height as f32 * 1.05,
                        scale: 0.4 * self.width.min(self.height) as f32,
                        facing_right: true,
                        angle: 0.0,
                    };
                    steam(&mut pm, at, t, k as f32 * 0.3, false);
                }
            }
        }
        let mut px = Pixels::new(rgba, self.width, self.height);
        self.precipitation.draw(&mut px, t);
        self.particles(&mut px, t);
        if let Some(text) = &self.text {
            text.draw(&mut px, t);
        }
        if self.scene.atmosphere.lightning {
            let k = fract(t / 3.7 + 0.3);
            if k < 0.03 {
                for p in rgba.chunks_exact_mut(4) {
                    for c in &mut p[..3] {
                        *c = c.saturating_add((255 - *c) / 3);
                    }
                }
            }
        }
        Ok(())
    }

    fn holds_string(&self, s: &Subject) -> bool {
        s.shape.is_person() && self.scene.subjects.iter().any(|k| k.shape == Shape::Kite && k.tether.is_some())
    }

    fn kite_string(&self, pm: &mut PixmapMut, kite: &Subject, at: &Placement, places: &[Placement]) {
        let (kx, ky) = at.point(KITE_KNOT.0, KITE_KNOT.1);
        let (hx, hy) = match kite.tether.and_then(|i| places.get(i)) {
            Some(p) => p.point(HAND.0, HAND.1),
            None => (kx - 0.3 * self.width as f32, self.height as f32 * 1.1),
        };
        let mut pb = PathBuilder::new();
        pb.move_to(hx, hy);
        pb.quad_to((hx + kx) * 0.5 + 0.02 * self.width as f32, (hy + ky) * 0.5 + 0.05 * self.height as f32, kx, ky);
        if let Some(path) = pb.finish() {
            let mut paint = Paint::default();
            paint.set_color(Rgb::new(240, 240, 235).alpha(0.8));
            let stroke = Stroke { width: (self.width.min(self.height) as f32 / 500.0).max(1.0), ..Stroke::default() };
            pm.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
        }
    }

    /// Dust motes, sparks and bubbles: small particles on closed-form paths.
    fn particles(&self, px: &mut Pixels, t: f32) {
        let (w, h) = (self.width as f32, self.height as f32);
        let unit = w.min(h);
        let a = self.scene.atmosphere;
        let underwater = self.scene.setting == crate::plan::Setting::Underwater;
        for &(x0, y0, speed, ph) in &self.motes {
            if a.sparks {
                let y = fract(y0 - 0.25 * speed * t) * h;
                let x = fract(x0 + 0.02 * sin_turns(t * 0.5 + ph)) * w;
                let flick = 0.5 + 0.5 * sin_turns(t * 3.0 + ph * 7.0);
                px.disc(x, y, 0.0025 * unit, Rgb::new(255, 190, 80), 0.9 * flick);
            } else if underwater {
                let y = fract(y0 - 0.08 * speed * t) * h;
                let x = (x0 + 0.01 * sin_turns(t * 0.6 + ph)) * w;
                px.disc(x, y, 0.004 * unit * speed, Rgb::new(220, 240, 255), 0.35);
            } else {
                let y = fract(y0 + 0.01 * sin_turns(t * 0.2 + ph)) * h;
                let x = fract(x0 + 0.02 * speed * t) * w;
                px.disc(x, y, 0.0018 * unit, Rgb::new(255, 236, 200), 0.5);
            }
        }
    }

    /// Where `subject` is drawn at time `t` seen through `view`.
    pub fn placement(&self, s: &Subject, t: f32, view: View) -> Placement {
        let (w, h) = (self.width as f32, self.height as f32);
        let unit = w.min(h);
        let (fx, fy) = s.at(t, self.seconds);
        let mut x = fx * w;
        let mut y = fy * h;
        let scale = s.size * unit;
        if let Some(under) = s.rests_on.and_then(|i| self.scene().subjects.get(i)).filter(|u| u.rests_on.is_none()) {
            // On the other's measured top, its own measured bottom down, centred over it.
            let (ux, uy) = under.at(t, self.seconds);
            let (below, above) = (crate::draw::extent(under.shape), crate::draw::extent(s.shape));
            let under_scale = under.size * unit;
            x = ux * w + (below[0] + below[2]) * 0.5 * under_scale - (above[0] + above[2]) * 0.5 * scale;
            y = uy * h + below[1] * under_scale - above[3] * scale;
        }
        let mut angle = 0.0;
        match s.motion {
            Motion::Fly => y += scale * 0.06 * sin_turns(t / 4.0 + s.phase),
            Motion::Swim => y += scale * 0.08 * sin_turns(t * 0.5 + s.phase),
            Motion::Bounce => y -= scale * 0.25 * sin_turns(t * 0.9 + s.phase).abs(),
            Motion::Spin => angle = 360.0 * fract(t * 0.25 + s.phase),
            Motion::Fall | Motion::Rise => angle = 12.0 * sin_turns(t * 0.4 + s.phase),
            Motion::Idle if !s.shape.is_backdrop() && s.shape.flies() => {
                y += scale * 0.04 * sin_turns(t / 3.0 + s.phase);
            }
            _ => {}
        }
        // Camera.
        let (cx, cy) = (w * 0.5, h * 0.5);
        x = (x - cx) * view.zoom + cx - view.dx;
        y = (y - cy) * view.zoom + cy - view.dy;
        Placement { x, y, scale: scale * view.zoom, facing_right: s.speed >= 0.0, angle }
    }

    /// The frame the camera sees: each backdrop layer's window, moved by its share of the
    /// camera's travel (the sky least, the ground fully), back to front; opaque rows copied,
    /// translucent rows blended, everything resampled while zooming.
    fn backdrop_window(&self, v: View) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut out = vec![0u8; w * h * 4];
        let (cx, cy) = (w as f32 * 0.5, h as f32 * 0.5);
        let (bx, by) = (self.backdrop.ox as f32, self.backdrop.oy as f32);
        let still = (v.zoom - 1.0).abs() < 1e-4;
        for layer in &self.backdrop.layers {
            let pm = &layer.pixmap;
            let (wide, tall) = (pm.width() as usize, pm.height() as usize);
            let src = pm.data();
            let (dx, dy) = (v.dx * layer.rate, v.dy * layer.rate);
            let xs: Vec<usize> = if still {
                let ox = ((dx - bx).round().max(0.0) as usize).min(wide - w);
                (ox..ox + w).collect()
            } else {
                (0..w)
                    .map(|x| (((x as f32 + 0.5 - cx) / v.zoom + cx + dx - bx).max(0.0) as usize).min(wide - 1))
                    .collect()
            };
            for (y, row) in out.chunks_exact_mut(w * 4).enumerate() {
                let sy = if still {
                    ((dy - by).round().max(0.0) as usize).min(tall - h) + y
                } else {
                    (((y as f32 + 0.5 - cy) / v.zoom + cy + dy - by).max(0.0) as usize).min(tall - 1)
                };
                if !layer.rows.contains(&sy) {
                    continue;
                }
                let srow = &src[sy * wide * 4..(sy + 1) * wide * 4];
                let opaque = sy >= layer.opaque_from;
                if opaque && still {
                    row.copy_from_slice(&srow[xs[0] * 4..(xs[0] + w) * 4]);
                } else if opaque {
                    for (d, &sx) in row.chunks_exact_mut(4).zip(&xs) {
                        d.copy_from_slice(&srow[sx * 4..sx * 4 + 4]);
                    }
                } else {
                    for (d, &sx) in row.chunks_exact_mut(4).zip(&xs) {
                        over(d, &srow[sx * 4..sx * 4 + 4]);
                    }
                }
            }
        }
        out
    }

    pub fn scene(&self) -> &Scene {
        &self.scene
    }
}

/// Soft rising puffs above a placement (steam from a cup, smoke from a fire).
fn steam(pm: &mut PixmapMut, at: Placement, t: f32, phase: f32, smoke: bool) {
    let (colour, alpha) = if smoke { (Rgb::new(110, 110, 116), 0.22) } else { (Rgb::new(250, 250, 250), 0.16) };
    let top = at.point(0.0, -0.62);
    let s = at.scale;
    for wisp in 0..3 {
        for k in 0..7 {
            let u = fract(t * 0.35 + k as f32 / 7.0 + wisp as f32 * 0.33 + phase);
            let x = top.0 + (wisp as f32 - 1.0) * 0.1 * s + sin_turns(u * 1.3 + wisp as f32 * 0.4 + t * 0.2) * 0.08 * s;
            let y = top.1 - u * 0.75 * s;
            let r = (0.04 + 0.09 * u) * s;
            let a = alpha * (1.0 - u) * (u * 5.0).min(1.0);
            if let Some(path) = PathBuilder::from_circle(x, y, r) {
                let mut paint = Paint::default();
                paint.set_color(colour.alpha(a));
                pm.fill_path(&path, &paint, tiny_skia::FillRule::Winding, Transform::identity(), None);
            }
        }
    }
}

/// Premultiplied `src` over the opaque pixel `dst`.
fn over(dst: &mut [u8], src: &[u8]) {
    let a = u32::from(src[3]);
    if a == 0 {
        return;
    }
    if a == 255 {
        dst.copy_from_slice(src);
        return;
    }
    let keep = 255 - a;
    for c in 0..3 {
        dst[c] = (u32::from(src[c]) + (u32::from(dst[c]) * keep + 127) / 255).min(255) as u8;
    }
}

/// The camera move at time `t` (seconds) for a `w` x `h` frame.
pub fn view_at(scene: &Scene, t: f32, w: f32, h: f32) -> View {
    let cam = scene.camera;
    let u = (t / scene.seconds).clamp(0.0, 1.0);
    let k = match cam.speed {
        Speed::Slow => 0.6,
        Speed::Normal => 1.0,
        Speed::Fast => 1.6,
    };
    let s = u - 0.5;
    let mut v = View { dx: 0.0, dy: 0.0, zoom: 1.0 };
    match cam.kind {
        CameraKind::Static => {
            // A gentle drift so a still scene still breathes, as v1 did (none for close-ups).
            if !matches!(scene.shot, Some(crate::plan::Shot::CloseUp | crate::plan::Shot::Macro))
                && scene.text.is_none()
            {
                v.dx = 0.05 * w * s;
            }
        }
        CameraKind::Pan => {
            let dir = if cam.direction == Some(Direction::Left) { -1.0 } else { 1.0 };
            v.dx = dir * 0.22 * k * w * s;
        }
        CameraKind::Tilt => {
            let dir = if cam.direction == Some(Direction::Down) { 1.0 } else { -1.0 };
            v.dy = dir * 0.3 * k * h * s;
        }
        CameraKind::Dolly | CameraKind::Zoom => {
            let amount = 0.22 * k;
            v.zoom = if cam.direction == Some(Direction::Out) { 1.0 + amount * (1.0 - u) } else { 1.0 + amount * u };
        }
        CameraKind::Orbit => {
            let dir =
                if matches!(cam.direction, Some(Direction::Left | Direction::Counterclockwise)) { -1.0 } else { 1.0 };
            v.dx = dir * 0.2 * k * w * s;
            v.zoom = 1.0 + 0.06 * sin_turns(u * 0.5);
        }
        CameraKind::Tracking => {
            // Keep the main subject centred: the camera travels with it.
            if let Some(m) = scene.main_subject().filter(|m| m.speed != 0.0) {
                let (x, _) = m.at(t, scene.seconds);
                v.dx = (x - 0.5) * w;
            } else {
                let dir = if cam.direction == Some(Direction::Left) { -1.0 } else { 1.0 };
                v.dx = dir * 0.3 * k * w * s;
            }
        }
        CameraKind::Handheld => {}
    }
    if cam.kind == CameraKind::Handheld {
        let amp = 0.006 * w.min(h);
        v.dx += amp * (sin_turns(t * 0.7) + 0.5 * sin_turns(t * 1.9 + 0.3));
        v.dy += amp * (sin_turns(t * 0.9 + 0.5) + 0.5 * sin_turns(t * 2.3 + 0.1));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_opaque() {
        let canvas = Canvas::new(Scene::plan("birds in the snow at dusk", 1, 4.0), 320, 180, 24, 4).expect("canvas");
        let rgba = canvas.frame(30).expect("frame");
        assert!(rgba.chunks_exact(4).all(|p| p[3] == 255));
    }

    #[test]
    fn sky_far_layer_and_ground_move_at_their_own_rates() {
        let canvas = Canvas::new(Scene::plan("an empty field at noon, camera pans right", 1, 4.0), 320, 180, 24, 4)
            .expect("canvas");
        let rates: Vec<f32> = canvas.backdrop.layers.iter().map(|l| l.rate).collect();
        assert_eq!(rates, [background::SKY_RATE, background::FAR_RATE, 1.0]);
        let still = View { dx: 0.0, dy: 0.0, zoom: 1.0 };
        let moved = View { dx: 30.0, ..still };
        let (a, b) = (canvas.backdrop_window(still), canvas.backdrop_window(moved));
        let row = |rgba: &[u8], y: usize| rgba[y * 320 * 4..(y + 1) * 320 * 4].to_vec();
        // The top row is sky alone and moves by its share (6 px); a row of grass low in the
        // frame moves fully. Each layer is offset by its own rate, the hills' included.
        let shifted = |y: usize, by: usize| row(&b, y)[..(320 - by) * 4] == row(&a, y)[by * 4..];
        assert!(shifted(0, 6) && !shifted(0, 30), "the sky moves by a fifth of the pan");
        assert!(shifted(150, 30) && !shifted(150, 6), "the ground moves with the camera");
    }

    #[test]
    fn rooms_and_title_cards_are_one_layer() {
        for p in ["a cat in a bathroom, camera pans left", "the words 'Hello' in gold letters"] {
            let canvas = Canvas::new(Scene::plan(p, 1, 4.0), 320, 180, 24, 4).expect("canvas");
            assert_eq!(canvas.backdrop.layers.len(), 1, "{p}");
        }
    }

    #[test]
    fn zooming_camera_stays_inside_the_backdrop() {
        for p in ["a dolly zoom out on a red car", "camera orbits a castle", "handheld shot of a dog running"] {
            let canvas = Canvas::new(Scene::plan(p, 1, 3.0), 320, 180, 24, 3).expect("canvas");
            for i in [0, 35, 71] {
                let rgba = canvas.frame(i).expect("frame");
                assert!(rgba.chunks_exact(4).all(|p| p[3] == 255), "{p}");
            }
        }
    }
}
