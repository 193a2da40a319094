//! Decoded RGB frames to engine-sized RGBA frames: scaled to cover the target and cropped
//! about the centre, so the aspect ratio never distorts.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};

use crate::error::MediaError;
use kino_engine::VideoFrame;

pub(crate) struct FrameScaler {
    width: u32,
    height: u32,
    resizer: Resizer,
}

impl FrameScaler {
    pub(crate) fn new(width: u32, height: u32) -> Self {
        Self { width, height, resizer: Resizer::new() }
    }

    /// An opaque `width` x `height` RGBA frame from packed RGB8 of size `w` x `h`.
    pub(crate) fn frame(&mut self, rgb: &[u8], w: u32, h: u32) -> Result<VideoFrame, MediaError> {
        let scaled;
        let rgb = if (w, h) == (self.width, self.height) {
            rgb
        } else {
            let options = ResizeOptions::new()
                .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
                .fit_into_destination(Some((0.5, 0.5)));
            scaled = crate::resize::rgb(&mut self.resizer, rgb, (w, h), (self.width, self.height), &options)
                .map_err(MediaError::Resize)?;
            &scaled[..]
        };
        Ok(VideoFrame { width: self.width, height: self.height, rgba: rgb_to_rgba(rgb) })
    }
}

pub(crate) fn rgb_to_rgba(rgb: &[u8]) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(rgb.len() / 3 * 4);
    for p in rgb.chunks_exact(3) {
        rgba.extend_from_slice(&[p[0], p[1], p[2], 255]);
    }
    rgba
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 40x10 frame in quarters (green, red, blue, green) covering 10x10 keeps the centre
    /// 10 columns: red then blue, no green (squashing would keep the green edges).
    #[test]
    fn cover_crops_the_centre() {
        let (w, h) = (40u32, 10u32);
        let rgb: Vec<u8> = (0..w * h)
            .flat_map(|i| match i % w {
                0..10 | 30.. => [0, 255, 0],
                10..20 => [255, 0, 0],
                _ => [0, 0, 255],
            })
            .collect();
        let frame = FrameScaler::new(10, 10).frame(&rgb, w, h).unwrap();
        assert_eq!((frame.width, frame.height, frame.rgba.len()), (10, 10, 400));
        let px = |x: usize| &frame.rgba[(5 * 10 + x) * 4..(5 * 10 + x) * 4 + 4];
        assert!(px(0)[0] > 200 && px(0)[1] < 50, "{:?}", px(0));
        assert!(px(9)[2] > 200 && px(9)[1] < 50, "{:?}", px(9));
        assert!(frame.rgba.chunks_exact(4).all(|p| p[3] == 255));
    }

    #[test]
    fn same_size_is_copied() {
        let rgb = vec![1, 2, 3, 4, 5, 6];
        let frame = FrameScaler::new(2, 1).frame(&rgb, 2, 1).unwrap();
        assert_eq!(frame.rgba, vec![1, 2, 3, 255, 4, 5, 6, 255]);
    }
}
