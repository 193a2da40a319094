//! How a character is stored: its frames stacked top to bottom in one RGBA PNG (lossless,
//! so the matte survives exactly); the frame count and fps are kept beside it.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use kino_engine::VideoFrame;

use super::matte::CharacterCut;
use crate::error::{MediaError, guarded};
use crate::limits::MAX_DIMENSION;

/// Tallest stored sheet: 170 frames of 384 px. Bounds what a damaged file can make us allocate.
const MAX_SHEET_HEIGHT: u32 = 1 << 16;

impl CharacterCut {
    /// The frames stacked vertically into one RGBA PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, MediaError> {
        let first =
            self.frames.first().ok_or_else(|| MediaError::PngEncode("a character needs at least one frame".into()))?;
        let (w, h) = (first.width, first.height);
        let mut sheet = Vec::with_capacity(first.rgba.len() * self.frames.len());
        for f in &self.frames {
            if (f.width, f.height) != (w, h) || f.rgba.len() != (w * h * 4) as usize {
                return Err(MediaError::PngEncode(format!(
                    "frames differ in size ({}x{} and {w}x{h})",
                    f.width, f.height
                )));
            }
            sheet.extend_from_slice(&f.rgba);
        }
        let sheet_h = u32::try_from(self.frames.len())
            .ok()
            .and_then(|n| n.checked_mul(h))
            .filter(|&sh| sh <= MAX_SHEET_HEIGHT)
            .ok_or_else(|| MediaError::PngEncode(format!("{} frames are too many", self.frames.len())))?;
        crate::encode_png(&sheet, w, sheet_h)
    }

    /// Read back what [`CharacterCut::to_png`] wrote, split into `frame_count` frames.
    pub fn from_png(bytes: &[u8], frame_count: u32, fps: u32) -> Result<Self, MediaError> {
        let bad = |m: String| MediaError::StoredCharacter(m);
        if frame_count == 0 || fps == 0 {
            return Err(bad(format!("{frame_count} frames at {fps} fps")));
        }
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_DIMENSION);
        limits.max_image_height = Some(MAX_SHEET_HEIGHT);
        limits.max_alloc = Some(512 * 1024 * 1024);
        let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
        reader.limits(limits);
        let image = guarded(|| reader.decode().map_err(|e| bad(e.to_string())))?;
        let sheet = match image {
            DynamicImage::ImageRgba8(buf) => buf,
            other => other.to_rgba8(),
        };
        let (w, sheet_h) = sheet.dimensions();
        if sheet_h % frame_count != 0 {
            return Err(bad(format!("a {w}x{sheet_h} sheet does not split into {frame_count} frames")));
        }
        let h = sheet_h / frame_count;
        let frames = sheet
            .into_raw()
            .chunks_exact((w * h * 4) as usize)
            .map(|rgba| VideoFrame { width: w, height: h, rgba: rgba.to_vec() })
            .collect();
        Ok(Self { fps, frames })
    }
}
