//! Direct pixel writes for the many tiny marks (stars, ripples, raindrops, snowflakes)
//! where a tiny-skia path per mark would cost far more than the mark itself.
//! Every buffer here is opaque RGBA8, so straight and premultiplied values are the same
//! and blending keeps alpha at 255.

use crate::palette::Rgb;

/// An opaque RGBA8 image borrowed for drawing.
pub struct Pixels<'a> {
    pub data: &'a mut [u8],
    pub width: usize,
    pub height: usize,
}

impl<'a> Pixels<'a> {
    pub fn new(data: &'a mut [u8], width: u32, height: u32) -> Self {
        Self { data, width: width as usize, height: height as usize }
    }

    /// Blend `rgb` over the pixel at (x, y) with coverage `a` in [0, 1]; off-image is ignored.
    pub fn blend(&mut self, x: i32, y: i32, rgb: Rgb, a: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return;
        }
        let i = (y as usize * self.width + x as usize) * 4;
        let a = (a.clamp(0.0, 1.0) * 256.0) as u32;
        let keep = 256 - a;
        let px = &mut self.data[i..i + 3];
        px[0] = ((u32::from(px[0]) * keep + u32::from(rgb.r) * a) >> 8) as u8;
        px[1] = ((u32::from(px[1]) * keep + u32::from(rgb.g) * a) >> 8) as u8;
        px[2] = ((u32::from(px[2]) * keep + u32::from(rgb.b) * a) >> 8) as u8;
    }

    /// A horizontal run from x0 (inclusive) to x1 (exclusive) on row y.
    pub fn hline(&mut self, x0: i32, x1: i32, y: i32, rgb: Rgb, a: f32) {
        for x in x0.max(0)..x1.min(self.width as i32) {
            self.blend(x, y, rgb, a);
        }
    }

    /// A soft-edged disc of radius `r` centred at (cx, cy).
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, rgb: Rgb, a: f32) {
        let reach = r + 1.0;
        for y in (cy - reach).floor() as i32..=(cy + reach).ceil() as i32 {
            for x in (cx - reach).floor() as i32..=(cx + reach).ceil() as i32 {
                let dx = x as f32 + 0.5 - cx;
                let dy = y as f32 + 0.5 - cy;
                let cover = (r + 0.5 - (dx * dx + dy * dy).sqrt()).clamp(0.0, 1.0);
                if cover > 0.0 {
                    self.blend(x, y, rgb, a * cover);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blend_is_clipped_and_exact_at_the_ends() {
        let mut buf = vec![0u8, 0, 0, 255, 100, 100, 100, 255];
        let mut p = Pixels::new(&mut buf, 2, 1);
        p.blend(-1, 0, Rgb::new(255, 255, 255), 1.0);
        p.blend(5, 0, Rgb::new(255, 255, 255), 1.0);
        p.blend(0, 0, Rgb::new(255, 0, 10), 1.0);
        p.blend(1, 0, Rgb::new(255, 0, 10), 0.0);
        assert_eq!(buf, vec![255, 0, 10, 255, 100, 100, 100, 255]);
    }
}
