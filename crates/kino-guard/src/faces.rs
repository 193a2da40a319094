//! Human faces in input images and clips: SeetaFace's funnel-structured cascade (the
//! `rustface` crate, model in `models/`, BSD-2) on a grey image no larger than
//! [`MAX_SIDE`], so the cost is bounded whatever the upload's size.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use serde::Serialize;

use crate::rule::{Blocked, CHARACTER_LIKENESS, INPUT_FACES};

const MODEL: &[u8] = include_bytes!("../models/seeta_fd_frontal_v1.0.bin");
/// Images are reduced to this long side before detection.
pub const MAX_SIDE: u32 = 960;
/// The detector's smallest window.
const MIN_WINDOW: u32 = 20;

/// A grey (luma) image.
#[derive(Debug, Clone)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl Gray {
    /// From packed RGBA8 (alpha ignored) or RGB8, by `channels`.
    pub fn from_packed(data: &[u8], width: u32, height: u32, channels: usize) -> Self {
        let pixels = data
            .chunks_exact(channels)
            .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
            .collect();
        Self { width, height, pixels }
    }

    /// Area-averaged so the long side is at most `max_side`; the scale applied is returned.
    fn fit(&self, max_side: u32) -> (Gray, f64) {
        let long = self.width.max(self.height);
        if long <= max_side {
            return (self.clone(), 1.0);
        }
        let scale = f64::from(max_side) / f64::from(long);
        let (w, h) = (
            ((f64::from(self.width) * scale).round() as u32).max(1),
            ((f64::from(self.height) * scale).round() as u32).max(1),
        );
        let (sw, sh) = (self.width as usize, self.height as usize);
        let mut pixels = Vec::with_capacity(w as usize * h as usize);
        for y in 0..h as usize {
            let (y0, y1) = (y * sh / h as usize, ((y + 1) * sh / h as usize).max(y * sh / h as usize + 1));
            for x in 0..w as usize {
                let (x0, x1) = (x * sw / w as usize, ((x + 1) * sw / w as usize).max(x * sw / w as usize + 1));
                let mut sum = 0u32;
                for row in y0..y1 {
                    sum += self.pixels[row * sw + x0..row * sw + x1].iter().map(|&v| u32::from(v)).sum::<u32>();
                }
                pixels.push((sum / ((y1 - y0) * (x1 - x0)) as u32) as u8);
            }
        }
        (Gray { width: w, height: h, pixels }, scale)
    }
}

/// A detected face, in the input image's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Face {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub score: f64,
}

/// Detector settings a policy file may change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FaceSettings {
    /// The cascade's score threshold: lower finds more faces and more false ones.
    pub min_score: f64,
    /// Faces smaller than this (in the input's pixels) are not looked for.
    pub min_face_px: u32,
    /// Frames sampled from a clip.
    pub frames: u32,
}

impl FaceSettings {
    pub fn checked(self) -> Result<Self, String> {
        if !(self.min_score > 0.0 && self.min_score.is_finite()) {
            return Err("min_score must be a positive number".into());
        }
        if self.min_face_px < MIN_WINDOW {
            return Err(format!("min_face_px must be at least {MIN_WINDOW}"));
        }
        if !(1..=64).contains(&self.frames) {
            return Err("frames must be 1 to 64".into());
        }
        Ok(self)
    }

    pub fn describe(&self) -> String {
        format!(
            "SeetaFace FuSt frontal v1.0; min score {}, faces from {} px, {} frames per clip",
            self.min_score, self.min_face_px, self.frames
        )
    }
}

/// A rule on faces in input media.
#[derive(Debug, Clone, Serialize)]
pub struct FaceRule {
    pub id: String,
    pub title: String,
    pub message: String,
    pub enabled: bool,
    pub settings: FaceSettings,
}

pub const DEFAULT_SETTINGS: FaceSettings = FaceSettings { min_score: 2.0, min_face_px: 24, frames: 8 };

impl FaceRule {
    pub fn input_faces() -> Self {
        Self {
            id: INPUT_FACES.into(),
            title: "Human faces in input images and videos".into(),
            message: "The input contains a human face; inputs that depict real people are not allowed.".into(),
            enabled: true,
            settings: DEFAULT_SETTINGS,
        }
    }

    pub fn character_likeness() -> Self {
        Self {
            id: CHARACTER_LIKENESS.into(),
            title: "Characters with human likeness".into(),
            message: "The character video shows a human face; characters may not depict human likeness.".into(),
            enabled: true,
            settings: DEFAULT_SETTINGS,
        }
    }

    /// Refuse if any of the images shows a face (none are looked at when the rule is off).
    pub fn check<'a>(&self, images: impl IntoIterator<Item = &'a Gray>) -> Result<(), Blocked> {
        if !self.enabled {
            return Ok(());
        }
        for image in images {
            if !detect(image, &self.settings).is_empty() {
                return Err(Blocked {
                    rule: self.id.clone(),
                    title: self.title.clone(),
                    message: self.message.clone(),
                    entry: None,
                });
            }
        }
        Ok(())
    }
}

fn model() -> &'static rustface::Model {
    static M: OnceLock<rustface::Model> = OnceLock::new();
    M.get_or_init(|| rustface::read_model(MODEL).expect("bundled SeetaFace model reads"))
}

/// The faces in `image` scoring at least `settings.min_score`.
pub fn detect(image: &Gray, settings: &FaceSettings) -> Vec<Face> {
    if image.width < MIN_WINDOW
        || image.height < MIN_WINDOW
        || image.pixels.len() != image.width as usize * image.height as usize
    {
        return Vec::new();
    }
    let (small, scale) = image.fit(MAX_SIDE);
    let min_face = ((f64::from(settings.min_face_px) * scale).round() as u32).max(MIN_WINDOW);
    if small.width.min(small.height) < min_face {
        return Vec::new();
    }
    // The cascade asserts on its inputs; a panic must not take down a request.
    let found = catch_unwind(AssertUnwindSafe(|| {
        let mut detector = rustface::create_detector_with_model(model().clone());
        detector.set_min_face_size(min_face);
        detector.set_score_thresh(settings.min_score);
        detector.set_pyramid_scale_factor(0.8);
        detector.set_slide_window_step(4, 4);
        detector.detect(&rustface::ImageData::new(&small.pixels, small.width, small.height))
    }))
    .unwrap_or_default();
    found
        .into_iter()
        .map(|f| {
            let b = f.bbox();
            Face {
                x: (f64::from(b.x()) / scale).round() as i32,
                y: (f64::from(b.y()) / scale).round() as i32,
                width: (f64::from(b.width()) / scale).round() as u32,
                height: (f64::from(b.height()) / scale).round() as u32,
                score: f.score(),
            }
        })
        .collect()
}
