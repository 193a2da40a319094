//! Thumbnail: the frame in the middle of the clip (index N / 2), full size, lossy WebP q80.
//!
//! Frames are offered as they stream past the encoder and kept by move (no copies). With
//! the frame count announced exactly one frame is kept; without it a small reservoir of
//! evenly spaced frames is kept and the one nearest the middle is used.

use super::still::{encode_webp, rgba_to_rgb};
use crate::error::MediaError;

pub const THUMBNAIL_WEBP_QUALITY: f32 = 80.0;
/// Full frames kept while the frame count is unknown (memory: 4 x width x height x 4).
const RESERVOIR_CAP: usize = 4;

pub(crate) struct ThumbnailPicker {
    expected: Option<u32>,
    stride: u32,
    kept: Vec<(u32, Vec<u8>)>,
    /// The latest frame, in case the clip ends before the announced middle.
    last: Option<(u32, Vec<u8>)>,
}

impl ThumbnailPicker {
    pub(crate) fn new(expected_frames: Option<u32>) -> Self {
        Self { expected: expected_frames.filter(|&n| n > 0), stride: 1, kept: Vec::new(), last: None }
    }

    pub(crate) fn offer(&mut self, index: u32, rgba: Vec<u8>) {
        let wanted = match self.expected {
            Some(n) => index == n / 2,
            None => index.is_multiple_of(self.stride),
        };
        if !wanted {
            self.last = Some((index, rgba));
            return;
        }
        self.kept.push((index, rgba));
        if self.expected.is_none() && self.kept.len() > RESERVOIR_CAP {
            self.stride *= 2;
            let stride = self.stride;
            self.kept.retain(|(i, _)| i % stride == 0);
        }
    }

    /// Encode the frame nearest the middle of a clip of `frames` frames.
    pub(crate) fn finish(self, frames: u32, width: u32, height: u32) -> Result<Vec<u8>, MediaError> {
        let target = frames / 2;
        let best = self.kept.iter().chain(self.last.as_ref()).min_by_key(|(i, _)| i.abs_diff(target));
        let Some((_, rgba)) = best else {
            return Err(MediaError::NoFrames);
        };
        encode_webp(&rgba_to_rgb(rgba), width, height, THUMBNAIL_WEBP_QUALITY)
    }

    #[cfg(test)]
    fn chosen(&self, frames: u32) -> Option<u32> {
        let target = frames / 2;
        self.kept.iter().chain(self.last.as_ref()).map(|(i, _)| *i).min_by_key(|i| i.abs_diff(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_middle_when_announced() {
        let mut p = ThumbnailPicker::new(Some(48));
        for i in 0..48 {
            p.offer(i, vec![0; 4]);
        }
        assert_eq!(p.chosen(48), Some(24));
        assert_eq!(p.kept.len(), 1);
    }

    #[test]
    fn short_clip_falls_back_to_last_frame() {
        let mut p = ThumbnailPicker::new(Some(48));
        for i in 0..10 {
            p.offer(i, vec![0; 4]);
        }
        assert_eq!(p.chosen(10), Some(9));
    }

    #[test]
    fn unknown_count_stays_bounded_and_near_middle() {
        let mut p = ThumbnailPicker::new(None);
        for i in 0..480 {
            p.offer(i, vec![0; 4]);
        }
        assert!(p.kept.len() <= RESERVOIR_CAP);
        let chosen = p.chosen(480).unwrap();
        assert!(chosen.abs_diff(240) <= 480 / 8, "{chosen}");
    }
}
