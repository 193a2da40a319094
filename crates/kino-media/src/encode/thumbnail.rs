//! Thumbnail: the frame in the middle of the clip (index N / 2), full size, lossy WebP q80.
//!
//! Frames are offered as they stream past the encoder and kept by move (no copies). With
//! the frame count announced exactly one frame is kept, and encoded on a thread of its own
//! as soon as it passes: the WebP encode (~0.1 s at 720p) then fills idle moments of the
//! render instead of running after it, on the critical path. Without the count a small
//! reservoir of evenly spaced frames is kept and the one nearest the middle is used.

use std::thread::JoinHandle;

use super::still::{encode_webp, rgba_to_rgb};
use crate::error::{MediaError, panic_message};

pub const THUMBNAIL_WEBP_QUALITY: f32 = 80.0;
/// Full frames kept while the frame count is unknown (memory: 4 x width x height x 4).
const RESERVOIR_CAP: usize = 4;

/// The middle frame's WebP encode on its own thread, or why no thread could be started.
type Early = Result<JoinHandle<Result<Vec<u8>, MediaError>>, String>;

pub(crate) struct ThumbnailPicker {
    expected: Option<u32>,
    stride: u32,
    kept: Vec<(u32, Vec<u8>)>,
    /// The latest frame, in case the clip ends before the announced middle.
    last: Option<(u32, Vec<u8>)>,
    width: u32,
    height: u32,
    /// The announced middle frame, being encoded.
    early: Option<(u32, Early)>,
}

impl ThumbnailPicker {
    pub(crate) fn new(expected_frames: Option<u32>, width: u32, height: u32) -> Self {
        let expected = expected_frames.filter(|&n| n > 0);
        Self { expected, stride: 1, kept: Vec::new(), last: None, width, height, early: None }
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
        if self.expected.is_some() && self.early.is_none() {
            let (w, h) = (self.width, self.height);
            let encode = move || encode_webp(&rgba_to_rgb(&rgba), w, h, THUMBNAIL_WEBP_QUALITY);
            let started = std::thread::Builder::new().name("kino-thumbnail".into()).spawn(encode);
            self.early = Some((index, started.map_err(|e| format!("cannot start thumbnail thread: {e}"))));
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
    pub(crate) fn finish(self, frames: u32) -> Result<Vec<u8>, MediaError> {
        let target = frames / 2;
        let best = self.kept.iter().chain(self.last.as_ref()).min_by_key(|(i, _)| i.abs_diff(target));
        if let Some((index, started)) = self.early {
            // Always joined, so the thread never outlives the clip.
            let encoded = started.map_err(MediaError::Internal).and_then(|handle| {
                handle.join().unwrap_or_else(|payload| {
                    Err(MediaError::Internal(format!("thumbnail thread panicked: {}", panic_message(&*payload))))
                })
            });
            if best.is_none_or(|(i, _)| index.abs_diff(target) <= i.abs_diff(target)) {
                return encoded;
            }
        }
        let Some((_, rgba)) = best else {
            return Err(MediaError::NoFrames);
        };
        encode_webp(&rgba_to_rgb(rgba), self.width, self.height, THUMBNAIL_WEBP_QUALITY)
    }

    #[cfg(test)]
    fn chosen(&self, frames: u32) -> Option<u32> {
        let target = frames / 2;
        let early = self.early.as_ref().map(|(i, _)| *i);
        self.kept.iter().chain(self.last.as_ref()).map(|(i, _)| *i).chain(early).min_by_key(|i| i.abs_diff(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_middle_when_announced() {
        let mut p = ThumbnailPicker::new(Some(48), 1, 1);
        for i in 0..48 {
            p.offer(i, vec![0; 4]);
        }
        assert_eq!(p.chosen(48), Some(24));
        // The middle frame went straight to its encoder thread; nothing else is kept.
        assert!(p.kept.is_empty() && p.early.is_some());
        let webp = p.finish(48).unwrap();
        assert_eq!(&webp[8..12], b"WEBP");
    }

    #[test]
    fn short_clip_falls_back_to_last_frame() {
        let mut p = ThumbnailPicker::new(Some(48), 1, 1);
        for i in 0..10 {
            p.offer(i, vec![0; 4]);
        }
        assert_eq!(p.chosen(10), Some(9));
    }

    /// More frames than announced: the early middle frame still wins when it is nearest.
    #[test]
    fn early_pick_survives_a_longer_clip() {
        let mut p = ThumbnailPicker::new(Some(48), 1, 1);
        for i in 0..60 {
            p.offer(i, vec![i as u8, 0, 0, 255]);
        }
        assert_eq!(p.chosen(60), Some(24));
        assert!(p.finish(60).is_ok());
    }

    #[test]
    fn unknown_count_stays_bounded_and_near_middle() {
        let mut p = ThumbnailPicker::new(None, 1, 1);
        for i in 0..480 {
            p.offer(i, vec![0; 4]);
        }
        assert!(p.kept.len() <= RESERVOIR_CAP);
        let chosen = p.chosen(480).unwrap();
        assert!(chosen.abs_diff(240) <= 480 / 8, "{chosen}");
    }
}
