//! Colour conversion between RGB and 8-bit Y'CbCr 4:2:0.
//!
//! Encoding uses BT.709 limited range (the stream is tagged so in its VUI), because players
//! assume BT.709 for HD and openh264's own `read_rgba8` uses BT.601 coefficients.

use openh264::formats::YUVSource;

#[cfg(target_arch = "x86_64")]
mod avx2;

/// Which Y'CbCr matrix and range a stream uses (for decoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ColorSpace {
    pub(crate) matrix: Matrix,
    pub(crate) full_range: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matrix {
    Bt601,
    Bt709,
}

impl ColorSpace {
    #[cfg(test)]
    pub(crate) const BT709: Self = Self { matrix: Matrix::Bt709, full_range: false };

    /// What players assume for an untagged stream: BT.709 for HD, BT.601 for SD.
    pub(crate) fn guess(width: u32, height: u32) -> Self {
        let matrix = if width >= 1280 || height >= 720 { Matrix::Bt709 } else { Matrix::Bt601 };
        Self { matrix, full_range: false }
    }
}

// BT.709 limited range: Y = 16 + 219/255 (Kr R + Kg G + Kb B),
// Cb/Cr = 128 + 224/255 (B - Y)/1.8556, (R - Y)/1.5748.
// 8.8 fixed point so the maths fits 16-bit lanes (twice as many per SIMD op as i32, 2-3x
// faster overall; the rounding costs at most one code value). Rows sum to 219/255 and 0
// respectively, so greys stay grey.
pub(crate) const Y_R8: u16 = 47;
pub(crate) const Y_G8: u16 = 157;
pub(crate) const Y_B8: u16 = 16;
pub(crate) const CB_R8: i16 = -26;
pub(crate) const CB_G8: i16 = -86;
pub(crate) const CB_B8: i16 = 112;
pub(crate) const CR_R8: i16 = 112;
pub(crate) const CR_G8: i16 = -102;
pub(crate) const CR_B8: i16 = -10;
const HALF: i32 = 1 << 15;

/// A planar I420 picture owned in one buffer (Y, then U, then V).
pub(crate) struct I420 {
    width: usize,
    height: usize,
    data: Vec<u8>,
}

impl I420 {
    pub(crate) fn new(width: u32, height: u32) -> Self {
        let (w, h) = (width as usize, height as usize);
        let c = w.div_ceil(2) * h.div_ceil(2);
        Self { width: w, height: h, data: vec![0; w * h + 2 * c] }
    }

    fn chroma_len(&self) -> usize {
        self.width.div_ceil(2) * self.height.div_ceil(2)
    }

    /// Fill from RGBA8 (alpha ignored) with BT.709 limited-range coefficients.
    /// `rgba` must hold width*height*4 bytes; width and height must be even.
    pub(crate) fn fill_from_rgba_bt709(&mut self, rgba: &[u8]) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe {
                self.fill_rows(rgba, |y, px| avx2::luma_row(y, px), |row| avx2::chroma_row(row));
            }
            return;
        }
        self.fill_rows(rgba, luma_row, chroma_row);
    }

    /// The portable conversion, which every SIMD path must match byte for byte: the same
    /// clip gives the same bytes on every host.
    #[cfg(test)]
    fn fill_from_rgba_bt709_portable(&mut self, rgba: &[u8]) {
        self.fill_rows(rgba, luma_row, chroma_row);
    }

    #[inline(always)]
    fn fill_rows(&mut self, rgba: &[u8], luma: impl Fn(&mut [u8], &[u8]), chroma: impl Fn(ChromaRow<'_>)) {
        let (w, h) = (self.width, self.height);
        debug_assert!(w % 2 == 0 && h % 2 == 0 && rgba.len() >= w * h * 4);
        let cw = w / 2;
        let (y_plane, planes) = self.data.split_at_mut(w * h);
        let (u_plane, v_plane) = planes.split_at_mut(cw * (h / 2));
        for (y_row, px_row) in y_plane.chunks_exact_mut(w).zip(rgba.chunks_exact(w * 4)) {
            luma(y_row, px_row);
        }
        for (cy, (u, v)) in u_plane.chunks_exact_mut(cw).zip(v_plane.chunks_exact_mut(cw)).enumerate() {
            let top = &rgba[2 * cy * w * 4..(2 * cy + 1) * w * 4];
            let bottom = &rgba[(2 * cy + 1) * w * 4..(2 * cy + 2) * w * 4];
            chroma(ChromaRow { u, v, top, bottom });
        }
    }
}

/// One row of chroma samples and the two rows of RGBA pixels they cover.
pub(crate) struct ChromaRow<'a> {
    pub(crate) u: &'a mut [u8],
    pub(crate) v: &'a mut [u8],
    pub(crate) top: &'a [u8],
    pub(crate) bottom: &'a [u8],
}

/// Luma of one row of RGBA pixels.
#[inline(always)]
pub(crate) fn luma_row(y_row: &mut [u8], px_row: &[u8]) {
    for (y, px) in y_row.iter_mut().zip(px_row.chunks_exact(4)) {
        let (r, g, b) = (u16::from(px[0]), u16::from(px[1]), u16::from(px[2]));
        // Max 220 * 255 + 128 < 2^16.
        *y = ((Y_R8 * r + Y_G8 * g + Y_B8 * b + 128) >> 8) as u8 + 16;
    }
}

/// Chroma: average each 2x2 block in RGB, then convert (sum of 4 → shift 2 more).
#[inline(always)]
pub(crate) fn chroma_row(row: ChromaRow<'_>) {
    let ChromaRow { u, v, top, bottom } = row;
    for (((u, v), t), b) in u.iter_mut().zip(v.iter_mut()).zip(top.chunks_exact(8)).zip(bottom.chunks_exact(8)) {
        // Whole-pixel loads vectorise better than byte gathers.
        let px = [
            u32::from_le_bytes([t[0], t[1], t[2], t[3]]),
            u32::from_le_bytes([t[4], t[5], t[6], t[7]]),
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        ];
        // Average the block (rounded), then 8.8 fixed point in i16 lanes:
        // |coefficients| sum to at most 112 + 112, so 255 * 224 + 128 fits.
        let avg = |shift: u32| ((px.iter().map(|p| (p >> shift) & 0xff).sum::<u32>() + 2) >> 2) as i16;
        let (r, g, bl) = (avg(0), avg(8), avg(16));
        *u = (((CB_R8 * r + CB_G8 * g + CB_B8 * bl + 128) >> 8) + 128) as u8;
        *v = (((CR_R8 * r + CR_G8 * g + CR_B8 * bl + 128) >> 8) + 128) as u8;
    }
}

impl YUVSource for I420 {
    fn dimensions(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    fn strides(&self) -> (usize, usize, usize) {
        let c = self.width.div_ceil(2);
        (self.width, c, c)
    }

    fn y(&self) -> &[u8] {
        &self.data[..self.width * self.height]
    }

    fn u(&self) -> &[u8] {
        let start = self.width * self.height;
        &self.data[start..start + self.chroma_len()]
    }

    fn v(&self) -> &[u8] {
        let start = self.width * self.height + self.chroma_len();
        &self.data[start..start + self.chroma_len()]
    }
}

/// Convert any I420 source (e.g. a decoded picture, with strides) to packed RGB8.
pub(crate) fn i420_to_rgb(src: &impl YUVSource, space: ColorSpace, out: &mut Vec<u8>) {
    let (w, h) = src.dimensions();
    let (ys, us, vs) = src.strides();
    let (y_plane, u_plane, v_plane) = (src.y(), src.u(), src.v());
    out.clear();
    out.resize(w * h * 3, 0);

    // 16.16 fixed-point inverse matrices. Limited range: Y' scaled by 255/219, C by 255/224.
    let (kr_v, kg_u, kg_v, kb_u) = match space.matrix {
        Matrix::Bt709 => (1.5748, 0.187_324, 0.468_124, 1.8556),
        Matrix::Bt601 => (1.402, 0.344_136, 0.714_136, 1.772),
    };
    let (y_scale, c_scale, y_off) = if space.full_range { (1.0, 1.0, 0) } else { (255.0 / 219.0, 255.0 / 224.0, 16) };
    let fx = |v: f64| (v * 65536.0).round() as i32;
    let (cy, crv, cgu, cgv, cbu) =
        (fx(y_scale), fx(kr_v * c_scale), fx(kg_u * c_scale), fx(kg_v * c_scale), fx(kb_u * c_scale));

    for (row, out_row) in out.chunks_exact_mut(w * 3).enumerate() {
        let y_row = &y_plane[row * ys..row * ys + w];
        let c_off = (row / 2) * us;
        let cv_off = (row / 2) * vs;
        for (x, (px, &yv)) in out_row.chunks_exact_mut(3).zip(y_row).enumerate() {
            let yy = (i32::from(yv) - y_off) * cy;
            let u = i32::from(u_plane[c_off + x / 2]) - 128;
            let v = i32::from(v_plane[cv_off + x / 2]) - 128;
            px[0] = ((yy + crv * v + HALF) >> 16).clamp(0, 255) as u8;
            px[1] = ((yy - cgu * u - cgv * v + HALF) >> 16).clamp(0, 255) as u8;
            px[2] = ((yy + cbu * u + HALF) >> 16).clamp(0, 255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(rgb: [u8; 3]) -> [u8; 3] {
        let rgba: Vec<u8> = (0..4).flat_map(|_| [rgb[0], rgb[1], rgb[2], 255]).collect();
        let mut yuv = I420::new(2, 2);
        yuv.fill_from_rgba_bt709(&rgba);
        let mut out = Vec::new();
        i420_to_rgb(&yuv, ColorSpace::BT709, &mut out);
        [out[0], out[1], out[2]]
    }

    /// The dispatched (AVX2 where available) and portable conversions give identical
    /// output: whole SIMD blocks, the scalar tail of each row, and every byte value.
    #[test]
    fn dispatch_matches_portable() {
        let mut seed = 0x9e37_79b9_u32;
        for (w, h) in [(64u32, 36u32), (200, 38), (1280, 8), (2, 2), (70, 4)] {
            let rgba: Vec<u8> = (0..w * h * 4)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    seed as u8
                })
                .collect();
            let (mut a, mut b) = (I420::new(w, h), I420::new(w, h));
            a.fill_from_rgba_bt709(&rgba);
            b.fill_from_rgba_bt709_portable(&rgba);
            assert!(a.data == b.data, "{w}x{h}");
        }
        // The extremes of every channel.
        for c in [[0u8, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255]] {
            let rgba: Vec<u8> = (0..64 * 2).flat_map(|_| [c[0], c[1], c[2], 255]).collect();
            let (mut a, mut b) = (I420::new(64, 2), I420::new(64, 2));
            a.fill_from_rgba_bt709(&rgba);
            b.fill_from_rgba_bt709_portable(&rgba);
            assert!(a.data == b.data, "{c:?}");
        }
    }

    #[test]
    fn limited_range_levels() {
        let mut yuv = I420::new(2, 2);
        yuv.fill_from_rgba_bt709(&[0u8; 16]);
        assert_eq!((yuv.y()[0], yuv.u()[0], yuv.v()[0]), (16, 128, 128));
        yuv.fill_from_rgba_bt709(&[255u8; 16]);
        assert_eq!((yuv.y()[0], yuv.u()[0], yuv.v()[0]), (235, 128, 128));
        // BT.709 pure red: Y' = 16 + 219 * 0.2126 = 62.6, Cr = 240.
        let red: Vec<u8> = (0..4).flat_map(|_| [255, 0, 0, 255]).collect();
        yuv.fill_from_rgba_bt709(&red);
        assert_eq!((yuv.y()[0], yuv.v()[0]), (63, 240));
    }

    #[test]
    fn roundtrip_is_close() {
        for c in [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [12, 200, 99], [128, 128, 128]] {
            let back = roundtrip(c);
            for i in 0..3 {
                assert!((i32::from(back[i]) - i32::from(c[i])).abs() <= 2, "{c:?} -> {back:?}");
            }
        }
    }
}
