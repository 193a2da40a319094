//! Still-image encoders: lossy WebP (libwebp) for thumbnails, JPEG (jpeg-encoder) for sheets,
//! lossless PNG for pictures that must come back exact (characters, a reference sent upstream).

use crate::error::MediaError;

/// libwebp's limit per side.
const WEBP_MAX_DIMENSION: u32 = 16383;

/// Encode packed RGB8 as lossy WebP. `quality` is libwebp's 0..=100 (80 is a good default).
pub fn encode_webp(rgb: &[u8], w: u32, h: u32, quality: f32) -> Result<Vec<u8>, MediaError> {
    check_rgb(rgb, w, h).map_err(MediaError::WebpEncode)?;
    if w > WEBP_MAX_DIMENSION || h > WEBP_MAX_DIMENSION {
        return Err(MediaError::WebpEncode(format!("{w}x{h} exceeds WebP's {WEBP_MAX_DIMENSION} px limit")));
    }
    let stride = w * 3;
    let mut out: *mut u8 = std::ptr::null_mut();
    // SAFETY: `rgb` holds h rows of `stride` bytes (checked above) and outlives the call;
    // libwebp allocates `out`, which we copy and release with WebPFree exactly once.
    unsafe {
        let n = libwebp_sys::WebPEncodeRGB(
            rgb.as_ptr(),
            w as i32,
            h as i32,
            stride as i32,
            quality.clamp(0.0, 100.0),
            &raw mut out,
        );
        if out.is_null() {
            return Err(MediaError::WebpEncode("libwebp returned no output".into()));
        }
        let bytes = if n > 0 { std::slice::from_raw_parts(out, n).to_vec() } else { Vec::new() };
        libwebp_sys::WebPFree(out.cast());
        if bytes.is_empty() {
            return Err(MediaError::WebpEncode("libwebp failed to encode".into()));
        }
        Ok(bytes)
    }
}

/// Encode packed RGB8 as baseline JPEG (4:2:0), `quality` 1..=100.
pub fn encode_jpeg(rgb: &[u8], w: u32, h: u32, quality: u8) -> Result<Vec<u8>, MediaError> {
    check_rgb(rgb, w, h).map_err(MediaError::JpegEncode)?;
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(MediaError::JpegEncode(format!("{w}x{h} exceeds JPEG's 65535 px limit")));
    };
    let mut out = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.encode(rgb, w16, h16, jpeg_encoder::ColorType::Rgb).map_err(|e| MediaError::JpegEncode(e.to_string()))?;
    Ok(out)
}

/// Encode packed RGBA8 as PNG, losslessly.
pub fn encode_png(rgba: &[u8], w: u32, h: u32) -> Result<Vec<u8>, MediaError> {
    use image::ImageEncoder;
    if w == 0 || h == 0 || rgba.len() as u64 != u64::from(w) * u64::from(h) * 4 {
        return Err(MediaError::PngEncode(format!("{w}x{h} RGBA needs {} bytes, got {}", w * h * 4, rgba.len())));
    }
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgba, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| MediaError::PngEncode(e.to_string()))?;
    Ok(out)
}

fn check_rgb(rgb: &[u8], w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 {
        return Err(format!("empty image {w}x{h}"));
    }
    let want = u64::from(w) * u64::from(h) * 3;
    if rgb.len() as u64 != want {
        return Err(format!("{w}x{h} RGB needs {want} bytes, got {}", rgb.len()));
    }
    Ok(())
}

/// Drop the alpha channel of packed RGBA8.
pub(crate) fn rgba_to_rgb(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        rgb.extend_from_slice(&px[..3]);
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webp_and_jpeg_have_magic() {
        let (w, h) = (64u32, 48u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i % 251) as u8).collect();
        let webp = encode_webp(&rgb, w, h, 80.0).unwrap();
        assert_eq!(&webp[..4], b"RIFF");
        assert_eq!(&webp[8..12], b"WEBP");
        let jpeg = encode_jpeg(&rgb, w, h, 80).unwrap();
        assert_eq!(&jpeg[..2], &[0xff, 0xd8]);
        assert!(encode_webp(&rgb[1..], w, h, 80.0).is_err());
        assert!(encode_jpeg(&rgb, w + 1, h, 80).is_err());
    }
}
