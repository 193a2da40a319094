//! Composes one frame: a window of the cached backdrop, the subjects on top, then rain or
//! snow in front. The output buffer is handed to the sink as is: the backdrop is opaque and
//! everything is blended source-over, so tiny-skia's premultiplied RGBA already equals plain RGBA.

use kino_engine::EngineError;
use tiny_skia::{Pixmap, PixmapMut};

use crate::background;
use crate::draw::{Light, Placement, Shapes};
use crate::pixels::Pixels;
use crate::scene::{PAN, Scene};
use crate::weather::Precipitation;

pub struct Canvas {
    scene: Scene,
    backdrop: Pixmap,
    shapes: Shapes,
    precipitation: Precipitation,
    width: u32,
    height: u32,
    fps: f32,
    seconds: f32,
}

impl Canvas {
    pub fn new(scene: Scene, width: u32, height: u32, fps: u32, seconds: u32) -> Result<Self, EngineError> {
        let backdrop = background::paint(&scene, width, height)?;
        let precipitation = Precipitation::new(scene.weather, width, height, scene.detail_seed);
        Ok(Self {
            scene,
            backdrop,
            shapes: Shapes::new(),
            precipitation,
            width,
            height,
            fps: fps.max(1) as f32,
            seconds: seconds.max(1) as f32,
        })
    }

    /// Seconds into the clip of frame `index`.
    pub fn time_of(&self, index: u32) -> f32 {
        index as f32 / self.fps
    }

    /// Camera travel at time `t`, as a fraction of the frame width.
    pub fn pan_at(&self, t: f32) -> f32 {
        PAN * (t / self.seconds).clamp(0.0, 1.0)
    }

    /// Render frame `index` into a fresh RGBA8 buffer.
    pub fn frame(&self, index: u32) -> Result<Vec<u8>, EngineError> {
        let t = self.time_of(index);
        let pan = self.pan_at(t);
        let mut rgba = self.backdrop_window(pan);
        let mut pm = PixmapMut::from_bytes(&mut rgba, self.width, self.height)
            .ok_or_else(|| EngineError::fatal("invalid_size", "frame buffer does not match the frame size"))?;
        let sky = self.scene.palette.sky;
        let light = Light { level: sky.light, sky: sky.horizon, dark: sky.light < 0.65 };
        for subject in &self.scene.subjects {
            let at = self.placement(subject, t, pan);
            self.shapes.draw(&mut pm, subject, at, t, light);
        }
        self.precipitation.draw(&mut Pixels::new(&mut rgba, self.width, self.height), t);
        Ok(rgba)
    }

    /// Where `subject` is drawn at time `t` with the camera at `pan`.
    pub fn placement(&self, subject: &crate::scene::Subject, t: f32, pan: f32) -> Placement {
        let w = self.width as f32;
        let h = self.height as f32;
        Placement {
            x: subject.x_at(t, pan) * w,
            y: subject.y * h,
            scale: subject.size * w.min(h),
            facing_right: subject.speed >= 0.0,
        }
    }

    /// The frame-sized part of the wide backdrop the camera sees at `pan`, copied row by row.
    fn backdrop_window(&self, pan: f32) -> Vec<u8> {
        let wide = self.backdrop.width() as usize;
        let w = self.width as usize;
        let offset = ((pan * self.width as f32).round() as usize).min(wide - w);
        let src = self.backdrop.data();
        let mut out = Vec::with_capacity(w * self.height as usize * 4);
        for row in src.chunks_exact(wide * 4) {
            out.extend_from_slice(&row[offset * 4..(offset + w) * 4]);
        }
        out
    }

    #[cfg(test)]
    pub fn scene(&self) -> &Scene {
        &self.scene
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mean RGB over the middle of the main subject's body at frame 0.
    fn body_colour(prompt: &str) -> [f32; 3] {
        let (w, h) = (640, 360);
        let canvas = Canvas::new(Scene::plan(prompt, 0, 4.0), w, h, 24, 4).expect("canvas");
        let rgba = canvas.frame(0).expect("frame");
        let main = canvas.scene().main_subject().expect("main subject").clone();
        let at = canvas.placement(&main, 0.0, 0.0);
        // The car body between the wheels and below the windows (see draw.rs: y -0.31..-0.08).
        let (x0, x1) = ((at.x - 0.15 * at.scale) as usize, (at.x + 0.15 * at.scale) as usize);
        let (y0, y1) = ((at.y - 0.24 * at.scale) as usize, (at.y - 0.12 * at.scale) as usize);
        let mut sum = [0f32; 3];
        let mut n = 0.0;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = (y * w as usize + x) * 4;
                for c in 0..3 {
                    sum[c] += f32::from(rgba[i + c]);
                }
                n += 1.0;
            }
        }
        assert!(n > 50.0, "region too small: {n} pixels");
        sum.map(|s| s / n)
    }

    #[test]
    fn red_car_is_red_and_blue_car_is_blue_in_the_same_place() {
        let [r, g, b] = body_colour("a red car");
        assert!(r > g + 80.0 && r > b + 80.0, "red car body is {r} {g} {b}");
        let [r, g, b] = body_colour("a blue car");
        assert!(b > r + 80.0 && b > g + 60.0, "blue car body is {r} {g} {b}");
    }

    #[test]
    fn output_is_opaque() {
        let canvas = Canvas::new(Scene::plan("birds in the snow at dusk", 1, 4.0), 320, 180, 24, 4).expect("canvas");
        let rgba = canvas.frame(30).expect("frame");
        assert!(rgba.chunks_exact(4).all(|p| p[3] == 255));
    }
}
