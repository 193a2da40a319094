//! Uploaded stills: each accepted format round-trips; everything else is refused as the
//! client's fault, with a message that says why.

use std::io::Cursor;

use image::{ImageFormat, RgbaImage};
use kino_media::{DecodedImage, MediaError, decode_image, image_kind};

/// A picture with detail in every channel, opaque unless `alpha` is set.
fn pattern(w: u32, h: u32, alpha: bool) -> RgbaImage {
    RgbaImage::from_fn(w, h, |x, y| {
        let a = if alpha { ((x + y) % 256) as u8 } else { 255 };
        image::Rgba([(x * 255 / w) as u8, (y * 255 / h) as u8, ((x ^ y) & 0xff) as u8, a])
    })
}

fn encode(img: &RgbaImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    if format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgba8(img.clone()).to_rgb8().write_to(&mut out, format).unwrap();
    } else {
        img.write_to(&mut out, format).unwrap();
    }
    out.into_inner()
}

fn psnr_rgb(a: &[u8], b: &[u8]) -> f64 {
    let mut se = 0f64;
    for (p, q) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
        for c in 0..3 {
            let d = f64::from(p[c]) - f64::from(q[c]);
            se += d * d;
        }
    }
    let mse = se / (a.len() / 4 * 3) as f64;
    10.0 * (255.0f64 * 255.0 / mse.max(1e-9)).log10()
}

fn assert_invalid(result: Result<DecodedImage, MediaError>, needle: &str) {
    let Err(err) = result else {
        panic!("must be refused ({needle})");
    };
    assert!(err.is_invalid_input(), "{err} should blame the input");
    assert!(err.to_string().contains(needle), "{err:?} should mention {needle:?}");
}

#[test]
fn png_and_webp_round_trip_exactly() {
    let img = pattern(67, 41, true);
    for (format, mime) in [(ImageFormat::Png, "image/png"), (ImageFormat::WebP, "image/webp")] {
        let bytes = encode(&img, format);
        assert_eq!(image_kind(&bytes), Some(mime));
        let out = decode_image(&bytes).unwrap();
        assert_eq!((out.width, out.height), (67, 41));
        assert_eq!(out.rgba, img.as_raw().as_slice(), "{format:?}");
    }
}

#[test]
fn jpeg_round_trips_closely_and_opaque() {
    let img = pattern(80, 48, false);
    let bytes = encode(&img, ImageFormat::Jpeg);
    assert_eq!(image_kind(&bytes), Some("image/jpeg"));
    let out = decode_image(&bytes).unwrap();
    assert_eq!((out.width, out.height), (80, 48));
    assert!(out.rgba.chunks_exact(4).all(|p| p[3] == 255));
    let psnr = psnr_rgb(&out.rgba, img.as_raw());
    assert!(psnr > 25.0, "JPEG PSNR {psnr:.1} dB");
}

#[test]
fn grey_and_16_bit_pngs_become_rgba8() {
    let grey = image::GrayImage::from_fn(5, 3, |x, y| image::Luma([(x * 40 + y) as u8]));
    let mut bytes = Cursor::new(Vec::new());
    grey.write_to(&mut bytes, ImageFormat::Png).unwrap();
    let out = decode_image(bytes.get_ref()).unwrap();
    assert_eq!(&out.rgba[4..8], &[40, 40, 40, 255]);

    let deep = image::ImageBuffer::<image::Rgba<u16>, _>::from_fn(2, 2, |x, _| {
        image::Rgba([if x == 0 { 0 } else { 65535 }, 32896, 0, 65535])
    });
    let mut bytes = Cursor::new(Vec::new());
    deep.write_to(&mut bytes, ImageFormat::Png).unwrap();
    let out = decode_image(bytes.get_ref()).unwrap();
    assert_eq!(&out.rgba[..8], &[0, 128, 0, 255, 255, 128, 0, 255]);
}

#[test]
fn truncated_files_are_refused_naming_the_format() {
    let img = pattern(64, 64, false);
    for (format, name) in [(ImageFormat::Png, "PNG"), (ImageFormat::Jpeg, "JPEG"), (ImageFormat::WebP, "WebP")] {
        let bytes = encode(&img, format);
        // Cut inside the pixel data (a missing PNG IEND alone loses nothing).
        for keep in [bytes.len() * 2 / 3, bytes.len() / 2, 40] {
            assert_invalid(decode_image(&bytes[..keep]), name);
        }
    }
}

#[test]
fn corrupt_data_is_refused() {
    let mut bytes = encode(&pattern(64, 64, false), ImageFormat::Png);
    let n = bytes.len();
    // Scribble over the compressed pixels: zlib or the chunk CRC catches it.
    for b in &mut bytes[n / 2..n / 2 + 64] {
        *b ^= 0x5a;
    }
    assert_invalid(decode_image(&bytes), "PNG");
}

#[test]
fn other_formats_and_garbage_are_unsupported() {
    let msg = "unsupported image type; use JPEG, PNG or WebP";
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;";
    assert_invalid(decode_image(gif), msg);
    let mut bmp = Cursor::new(Vec::new());
    pattern(4, 4, false).write_to(&mut bmp, ImageFormat::Png).unwrap();
    let mut bmp = bmp.into_inner();
    bmp[..2].copy_from_slice(b"BM");
    assert_invalid(decode_image(&bmp), msg);
    assert_invalid(decode_image(b"<html>not an image</html>"), msg);
    assert_invalid(decode_image(&[]), msg);
    // Right magic, nothing behind it.
    assert_invalid(decode_image(b"\x89PNG\r\n\x1a\n"), "PNG");
    assert_invalid(decode_image(b"RIFF\x04\0\0\0WEBP"), "WebP");
    assert_invalid(decode_image(&[0xff, 0xd8, 0xff, 0xd9]), "JPEG");
}

#[test]
fn largest_accepted_size_decodes() {
    let img = RgbaImage::from_pixel(4096, 8, image::Rgba([1, 2, 3, 255]));
    let out = decode_image(&encode(&img, ImageFormat::Png)).unwrap();
    assert_eq!((out.width, out.height), (4096, 8));
    let img = RgbaImage::from_pixel(4097, 8, image::Rgba([1, 2, 3, 255]));
    assert_invalid(decode_image(&encode(&img, ImageFormat::Png)), "image is 4097x8; the limit is 4096x4096");
}
