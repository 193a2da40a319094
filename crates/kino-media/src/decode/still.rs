//! Decoding uploaded stills (`input_reference`): PNG, JPEG and WebP with the pure-Rust
//! decoders in `image`, sniffed from magic bytes (a client's Content-Type is not trusted)
//! and bounded by `image::Limits` so a small file cannot claim a huge canvas.

use std::io::Cursor;

use image::{DynamicImage, ImageError, ImageFormat, ImageReader, Limits};

use crate::error::{MediaError, guarded};
use crate::limits::MAX_DIMENSION;

/// Most memory a decoder may hold at once: a 4096x4096 16-bit RGBA image is 128 MiB, and
/// the conversion to 8-bit RGBA needs 64 MiB more.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// An uploaded still as packed RGBA8 (not premultiplied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The MIME type `bytes` really hold, from their magic bytes: "image/png", "image/jpeg"
/// or "image/webp"; `None` for anything else (GIF, BMP, HEIC, text...).
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    sniff(bytes).map(|(_, mime, _)| mime)
}

fn sniff(bytes: &[u8]) -> Option<(ImageFormat, &'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some((ImageFormat::Png, "image/png", "PNG"))
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some((ImageFormat::Jpeg, "image/jpeg", "JPEG"))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some((ImageFormat::WebP, "image/webp", "WebP"))
    } else {
        None
    }
}

/// Decode a PNG, JPEG or WebP upload to RGBA8. Rejects, with a message fit for the API
/// client: other formats, images over [`MAX_DIMENSION`] on a side (before any pixel
/// buffer is allocated), and corrupt or truncated files. Never panics.
pub fn decode_image(bytes: &[u8]) -> Result<DecodedImage, MediaError> {
    let (format, _, name) = sniff(bytes).ok_or(MediaError::UnsupportedImageType)?;
    guarded(|| {
        let corrupt = |e: ImageError| image_error(e, name);
        // Header first, without the size limits, so the refusal can name the size.
        let (width, height) = reader(bytes, format, alloc_limits()).into_dimensions().map_err(corrupt)?;
        if width > MAX_DIMENSION || height > MAX_DIMENSION {
            return Err(MediaError::ImageTooLarge { width, height, max: MAX_DIMENSION });
        }
        if width == 0 || height == 0 {
            return Err(MediaError::ImageCorrupt {
                format: name,
                detail: format!("it declares a size of {width}x{height}"),
            });
        }
        if format == ImageFormat::Jpeg && !jpeg_has_end(bytes) {
            return Err(MediaError::ImageCorrupt {
                format: name,
                detail: "the file ends before the image data does".into(),
            });
        }
        let mut limits = alloc_limits();
        limits.max_image_width = Some(MAX_DIMENSION);
        limits.max_image_height = Some(MAX_DIMENSION);
        let image = reader(bytes, format, limits).decode().map_err(corrupt)?;
        let rgba = match image {
            DynamicImage::ImageRgba8(buf) => buf,
            other => other.to_rgba8(),
        };
        Ok(DecodedImage { width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() })
    })
}

fn reader(bytes: &[u8], format: ImageFormat, limits: Limits) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader
}

fn alloc_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// zune-jpeg fills a truncated scan with grey instead of failing, so check that an EOI
/// marker follows the last start-of-scan. Inside entropy-coded data 0xFF is always
/// followed by 0x00 or a restart marker, so neither marker can occur there by chance.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let last_sos = bytes.windows(2).rposition(|w| w == [0xff, 0xda]);
    let last_eoi = bytes.windows(2).rposition(|w| w == [0xff, 0xd9]);
    matches!((last_sos, last_eoi), (Some(s), Some(e)) if e > s)
}

fn image_error(e: ImageError, format: &'static str) -> MediaError {
    match e {
        ImageError::Limits(limit) => {
            MediaError::ImageCorrupt { format, detail: format!("decoding it would exceed the memory limit ({limit})") }
        }
        ImageError::Unsupported(u) => MediaError::ImageCorrupt { format, detail: format!("unsupported variant ({u})") },
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            MediaError::ImageCorrupt { format, detail: "the file ends early".into() }
        }
        other => MediaError::ImageCorrupt { format, detail: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_bytes_only() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_kind(&[0xff, 0xd8, 0xff, 0xe0]), Some("image/jpeg"));
        assert_eq!(image_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_kind(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(image_kind(b"GIF89a"), None);
        assert_eq!(image_kind(b"BM\0\0"), None);
        assert_eq!(image_kind(b""), None);
    }

    #[test]
    fn jpeg_end_marker_must_follow_the_last_scan() {
        assert!(jpeg_has_end(&[0xff, 0xd8, 0xff, 0xda, 1, 2, 0xff, 0xd9]));
        assert!(!jpeg_has_end(&[0xff, 0xd8, 0xff, 0xda, 1, 2, 3]));
        // An EXIF thumbnail's EOI before the main scan does not count.
        assert!(!jpeg_has_end(&[0xff, 0xd9, 0xff, 0xda, 1, 2]));
    }
}
