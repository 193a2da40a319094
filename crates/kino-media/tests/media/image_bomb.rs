//! A decompression bomb: a tiny PNG whose header claims 100000x100000. It must be refused
//! from the header alone. The allocation counter is the test binary's global allocator; it
//! records only allocations made on a thread that asked for it, so tests running beside
//! this one on other threads do not disturb it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use kino_media::{MediaError, decode_image};

/// Records the largest single allocation made through the global allocator by a thread
/// that is [`measuring`].
struct Largest;

thread_local! {
    /// `Some(largest so far)` while this thread is measuring. Const-initialised and without
    /// a destructor, so reading it never allocates (or recurses into the allocator).
    static LARGEST: Cell<Option<usize>> = const { Cell::new(None) };
}

fn record(size: usize) {
    let _ = LARGEST.try_with(|l| {
        if let Some(max) = l.get() {
            l.set(Some(max.max(size)));
        }
    });
}

/// Run `f` and return the largest single allocation it made on this thread.
fn measuring<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.with(|l| l.set(Some(0)));
    let out = f();
    let largest = LARGEST.with(|l| l.take()).unwrap_or(0);
    (out, largest)
}

// SAFETY: forwards to System unchanged; only records sizes.
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Largest = Largest;

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = (body.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(body);
    v.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    v
}

#[test]
fn huge_png_header_is_refused_without_allocating() {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, deflate, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of a few zero bytes: the pixels would inflate from here.
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));

    let (result, largest) = measuring(|| decode_image(&png));
    let err = result.expect_err("a 100000x100000 image must be refused");

    assert!(matches!(err, MediaError::ImageTooLarge { width: 100_000, height: 100_000, .. }), "{err:?}");
    assert!(err.is_invalid_input());
    assert_eq!(err.to_string(), "image is 100000x100000; the limit is 4096x4096");
    // The full canvas would be 40 GB; the header parse needs only small buffers (so it is
    // also quick: no pixel is inflated).
    assert!(largest < 1 << 20, "largest allocation {largest} bytes");
}
