//! Resizing packed 8-bit RGB and RGBA through fast_image_resize's typed API. Its untyped
//! `Resizer::resize` picks the pixel type at run time, so every one of its fourteen pixel
//! types' convolution code (generic, hence compiled in the calling crate) was built here:
//! nine tenths of this crate's machine code and most of its compile time. Typed, only the
//! two that Kino uses are built.
use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::{U8x3, U8x4};
use fast_image_resize::{PixelTrait, ResizeOptions, Resizer};

/// `src`, packed RGB8 of `w` x `h`, as `dw` x `dh`.
pub(crate) fn rgb(
    resizer: &mut Resizer,
    src: &[u8],
    (w, h): (u32, u32),
    (dw, dh): (u32, u32),
    options: &ResizeOptions,
) -> Result<Vec<u8>, String> {
    typed::<U8x3>(resizer, src, (w, h), (dw, dh), options)
}

/// `src`, packed RGBA8 of `w` x `h`, as `dw` x `dh`.
pub(crate) fn rgba(
    resizer: &mut Resizer,
    src: &[u8],
    (w, h): (u32, u32),
    (dw, dh): (u32, u32),
    options: &ResizeOptions,
) -> Result<Vec<u8>, String> {
    typed::<U8x4>(resizer, src, (w, h), (dw, dh), options)
}

fn typed<P: PixelTrait>(
    resizer: &mut Resizer,
    src: &[u8],
    (w, h): (u32, u32),
    (dw, dh): (u32, u32),
    options: &ResizeOptions,
) -> Result<Vec<u8>, String> {
    let src = TypedImageRef::<P>::from_buffer(w, h, src).map_err(|e| e.to_string())?;
    let mut out = vec![0u8; dw as usize * dh as usize * P::size()];
    let mut dst = TypedImage::<P>::from_buffer(dw, dh, &mut out).map_err(|e| e.to_string())?;
    resizer.resize_typed(&src, &mut dst, options).map_err(|e| e.to_string())?;
    Ok(out)
}
