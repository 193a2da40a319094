//! An `input_reference` image as the clip's backdrop: frame 0 is the image itself, then the
//! camera pushes slowly in (and pans or tilts when the prompt asks), a Ken Burns move, so the
//! picture keeps moving without inventing pixels outside the image.

use kino_engine::VideoFrame;

use crate::plan::{CameraKind, CameraMove, Direction, Speed};

/// How much closer the camera gets by the end of the clip (1 + this = the zoom).
const PUSH: f32 = 0.12;
/// A zoom or dolly the prompt asks for goes further.
const ZOOM_PUSH: f32 = 0.25;

#[derive(Debug, Clone, Copy)]
pub(crate) struct KenBurns {
    push: f32,
    /// Where the pan ends, in [-1, 1] of the room the zoom leaves on each axis.
    pan: (f32, f32),
    seconds: f32,
}

impl KenBurns {
    pub fn new(camera: CameraMove, seconds: f32) -> Self {
        let k = match camera.speed {
            Speed::Slow => 0.6,
            Speed::Normal => 1.0,
            Speed::Fast => 1.6,
        };
        let d = camera.direction;
        let (push, pan) = match camera.kind {
            CameraKind::Pan | CameraKind::Tracking | CameraKind::Orbit => {
                (PUSH, (if d == Some(Direction::Left) { -0.9 } else { 0.9 }, 0.0))
            }
            CameraKind::Tilt => (PUSH, (0.0, if d == Some(Direction::Down) { 0.9 } else { -0.9 })),
            CameraKind::Dolly | CameraKind::Zoom => (ZOOM_PUSH, (0.0, 0.0)),
            // A still camera drifts a little so the picture breathes.
            CameraKind::Static | CameraKind::Handheld => (PUSH, (0.35, -0.2)),
        };
        Self { push: push * k, pan, seconds: seconds.max(1.0) }
    }

    /// The image as the camera sees it `t` seconds in: exactly the image at t = 0.
    pub fn frame(&self, image: &VideoFrame, t: f32) -> Vec<u8> {
        let u = (t / self.seconds).clamp(0.0, 1.0);
        // Ease in and out, so the move starts and ends at rest.
        let e = u * u * (3.0 - 2.0 * u);
        let zoom = 1.0 + self.push * e;
        if zoom <= 1.0 {
            return image.rgba.clone();
        }
        let (w, h) = (image.width as usize, image.height as usize);
        let (fw, fh) = (w as f32, h as f32);
        // The visible window in image pixels, kept inside the image.
        let (vw, vh) = (fw / zoom, fh / zoom);
        let left = (fw - vw) * 0.5 * (1.0 + self.pan.0 * e);
        let top = (fh - vh) * 0.5 * (1.0 + self.pan.1 * e);
        sample(image, left, top, 1.0 / zoom, w, h)
    }
}

/// Bilinear resample of `image`: output pixel (x, y) shows image point (left + x·step, top + y·step).
fn sample(image: &VideoFrame, left: f32, top: f32, step: f32, w: usize, h: usize) -> Vec<u8> {
    let src = &image.rgba;
    let (iw, ih) = (image.width as usize, image.height as usize);
    let mut out = vec![255u8; w * h * 4];
    if iw == 0 || ih == 0 || src.len() != iw * ih * 4 {
        return out;
    }
    // Columns are the same on every row: work them out once, weights in 0..=256.
    let cols: Vec<(usize, usize, u32)> = (0..w)
        .map(|x| {
            let fx = (left + (x as f32 + 0.5) * step - 0.5).clamp(0.0, (iw - 1) as f32);
            let x0 = fx as usize;
            (x0 * 4, (x0 + 1).min(iw - 1) * 4, ((fx - x0 as f32) * 256.0) as u32)
        })
        .collect();
    for (y, row) in out.chunks_exact_mut(w * 4).enumerate() {
        let fy = (top + (y as f32 + 0.5) * step - 0.5).clamp(0.0, (ih - 1) as f32);
        let y0 = fy as usize;
        let wy = ((fy - y0 as f32) * 256.0) as u32;
        let r0 = &src[y0 * iw * 4..(y0 + 1) * iw * 4];
        let y1 = (y0 + 1).min(ih - 1);
        let r1 = &src[y1 * iw * 4..(y1 + 1) * iw * 4];
        for (o, &(a, b, wx)) in row.chunks_exact_mut(4).zip(&cols) {
            for c in 0..3 {
                let top = u32::from(r0[a + c]) * (256 - wx) + u32::from(r0[b + c]) * wx;
                let bottom = u32::from(r1[a + c]) * (256 - wx) + u32::from(r1[b + c]) * wx;
                o[c] = ((top * (256 - wy) + bottom * wy + (1 << 15)) >> 16) as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(w: u32, h: u32) -> VideoFrame {
        let mut rgba = Vec::new();
        for y in 0..h {
            for x in 0..w {
                rgba.extend_from_slice(&[(x * 4 % 256) as u8, (y * 5 % 256) as u8, ((x + y) % 256) as u8, 255]);
            }
        }
        VideoFrame::new(w, h, rgba)
    }

    #[test]
    fn starts_on_the_image_and_pushes_in() {
        let img = image(64, 36);
        let kb = KenBurns::new(CameraMove::default(), 4.0);
        assert_eq!(kb.frame(&img, 0.0), img.rgba);
        let late = kb.frame(&img, 4.0);
        assert_eq!(late.len(), img.rgba.len());
        assert_ne!(late, img.rgba);
        assert!(late.chunks_exact(4).all(|p| p[3] == 255));
        // Small steps make small changes: the move is smooth.
        let a = kb.frame(&img, 1.0);
        let b = kb.frame(&img, 1.0 + 1.0 / 24.0);
        let diff = a.iter().zip(&b).map(|(x, y)| (i32::from(*x) - i32::from(*y)).abs()).max();
        assert!(diff.is_some_and(|d| d < 40), "{diff:?}");
    }

    #[test]
    fn a_pan_left_shows_the_left_of_the_image() {
        let img = image(64, 36);
        let left = CameraMove { kind: CameraKind::Pan, direction: Some(Direction::Left), speed: Speed::Normal };
        let end = KenBurns::new(left, 4.0).frame(&img, 4.0);
        // Red grows with x: the left part of the image is less red.
        let red = |v: &[u8]| v.chunks_exact(4).map(|p| u32::from(p[0])).sum::<u32>();
        let right = KenBurns::new(CameraMove { direction: Some(Direction::Right), ..left }, 4.0).frame(&img, 4.0);
        assert!(red(&end) < red(&right));
    }
}
