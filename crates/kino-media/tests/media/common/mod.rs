//! Shared fixtures: a synthetic clip whose every frame and sample is known.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use kino_engine::{EngineError, FrameSink, VideoFrame};
use kino_media::{ClipError, EncodeOutput, EncodeSettings, encode_clip};

pub const FPS: u32 = 24;
pub const RATE: usize = 48_000;
/// The tone starts here; before it the audio is silent.
pub const ONSET_SECONDS: f64 = 0.5;
pub const TONE_HZ: f64 = 440.0;

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "kino-media-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Frame `n`: smooth gradients (green across, blue down), a red level that rises 5 per
/// frame (so every frame's mean colour is distinct), and a white box moving right.
pub fn source_frame(n: u32, w: u32, h: u32) -> Vec<u8> {
    let red = ((n * 5) % 256) as u8;
    let box_w = w / 8;
    let box_x = (n * 8) % (w - box_w);
    let (box_y0, box_y1) = (h / 3, h / 3 + h / 6);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        let blue = (y * 255 / h) as u8;
        for x in 0..w {
            if (box_x..box_x + box_w).contains(&x) && (box_y0..box_y1).contains(&y) {
                rgba.extend_from_slice(&[240, 240, 240, 255]);
            } else {
                rgba.extend_from_slice(&[red, (x * 255 / w) as u8, blue, 255]);
            }
        }
    }
    rgba
}

/// Interleaved stereo: silence, then a 440 Hz sine (amplitude 0.5, phase 0) from ONSET_SECONDS.
pub fn source_audio(seconds: u32) -> Vec<f32> {
    let onset = (ONSET_SECONDS * RATE as f64) as usize;
    let mut pcm = Vec::with_capacity(seconds as usize * RATE * 2);
    for i in 0..seconds as usize * RATE {
        let v = if i < onset {
            0.0
        } else {
            (0.5 * (2.0 * std::f64::consts::PI * TONE_HZ * (i - onset) as f64 / RATE as f64).sin()) as f32
        };
        pcm.extend_from_slice(&[v, v]);
    }
    pcm
}

/// Drive `encode_clip` like an engine: one frame, then that frame's share of audio.
pub fn encode_synthetic(settings: &EncodeSettings, seconds: u32, out: &Path) -> Result<EncodeOutput, ClipError> {
    let (w, h) = (settings.width, settings.height);
    let frames = settings.fps * seconds;
    let audio = source_audio(seconds);
    let per_frame = RATE / settings.fps as usize * 2;
    encode_clip(settings, out, |sink: &mut dyn FrameSink| -> Result<(), EngineError> {
        for n in 0..frames {
            sink.video_frame(VideoFrame::new(w, h, source_frame(n, w, h)))?;
            let start = n as usize * per_frame;
            sink.audio(&audio[start..(start + per_frame).min(audio.len())])?;
        }
        Ok(())
    })
}

/// PSNR (dB) between an RGB8 image and an RGBA8 one of the same size.
pub fn psnr_rgb_rgba(rgb: &[u8], rgba: &[u8]) -> f64 {
    assert_eq!(rgb.len() / 3, rgba.len() / 4);
    let mut se = 0f64;
    for (a, b) in rgb.chunks_exact(3).zip(rgba.chunks_exact(4)) {
        for c in 0..3 {
            let d = f64::from(a[c]) - f64::from(b[c]);
            se += d * d;
        }
    }
    let mse = se / (rgb.len() as f64);
    if mse == 0.0 { f64::INFINITY } else { 10.0 * (255.0f64 * 255.0 / mse).log10() }
}

/// Top-level boxes of an MP4 file: (type, offset, size).
pub fn top_level_boxes(bytes: &[u8]) -> Vec<(String, u64, u64)> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos + 8 <= bytes.len() {
        let size32 = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as u64;
        let kind = String::from_utf8_lossy(&bytes[pos + 4..pos + 8]).into_owned();
        let size = match size32 {
            0 => (bytes.len() - pos) as u64,
            1 => u64::from_be_bytes(bytes[pos + 8..pos + 16].try_into().unwrap()),
            s => s,
        };
        out.push((kind, pos as u64, size));
        if size < 8 {
            break;
        }
        pos += size as usize;
    }
    out
}
