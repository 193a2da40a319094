//! Characters: a subject on a backdrop is cut out with a matte that covers it; clips with
//! no separable subject are refused with a message that tells the client what to film.

use crate::common::*;
use kino_engine::{EngineError, FrameSink, VideoFrame};
use kino_media::{CharacterCut, EncodeSettings, MediaError, encode_clip, extract_character};

const W: u32 = 320;
const H: u32 = 180;
const R: f64 = 24.0;
const DISC: [u8; 3] = [230, 60, 40];

/// Encode `frames` frames drawn by `draw(n)` (RGBA) at 24 fps.
fn clip(frames: u32, w: u32, h: u32, draw: impl Fn(u32) -> Vec<u8>) -> Vec<u8> {
    let dir = TempDir::new("character");
    let path = dir.path("clip.mp4");
    let settings = EncodeSettings::new(w, h, FPS).with_expected_frames(frames);
    encode_clip(&settings, &path, |sink: &mut dyn FrameSink| -> Result<(), EngineError> {
        for n in 0..frames {
            sink.video_frame(VideoFrame::new(w, h, draw(n)))?;
        }
        Ok(())
    })
    .expect("encode");
    std::fs::read(&path).unwrap()
}

/// A disc of radius R centred at (cx, cy) over `background(x, y)`.
fn disc_frame(cx: f64, cy: f64, background: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut rgba = Vec::with_capacity((W * H * 4) as usize);
    for y in 0..H {
        for x in 0..W {
            let (dx, dy) = (f64::from(x) + 0.5 - cx, f64::from(y) + 0.5 - cy);
            let c = if dx * dx + dy * dy <= R * R { DISC } else { background(x, y) };
            rgba.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    rgba
}

/// A plain blue backdrop with a gentle vertical light falloff, as a real one has.
fn backdrop(_: u32, y: u32) -> [u8; 3] {
    let shade = (y * 12 / H) as u8;
    [40, 110 - shade, 190 - shade]
}

fn alpha(f: &VideoFrame, x: u32, y: u32) -> u8 {
    f.rgba[((y * f.width + x) * 4 + 3) as usize]
}

/// Every frame's opaque part is about the disc's area and the disc's colour.
fn check_disc_mattes(cut: &CharacterCut) {
    let area = std::f64::consts::PI * R * R;
    for (i, f) in cut.frames.iter().enumerate() {
        let opaque: Vec<&[u8]> = f.rgba.chunks_exact(4).filter(|p| p[3] >= 200).collect();
        let ratio = opaque.len() as f64 / area;
        assert!((0.8..1.25).contains(&ratio), "frame {i}: opaque area {ratio:.2} of the disc");
        let red = opaque.iter().map(|p| f64::from(p[0])).sum::<f64>() / opaque.len() as f64;
        // Background red is 40; edge pixels blend (4:2:0 chroma).
        assert!(red > 170.0, "frame {i}: opaque pixels are the disc (mean red {red:.0})");
    }
}

#[test]
fn a_disc_bobbing_on_a_plain_backdrop_is_cut_out() {
    // 3 s; the disc bobs 8 px left and right, so the median alone would keep most of it.
    let bytes = clip(72, W, H, |n| {
        let t = f64::from(n) / f64::from(FPS);
        disc_frame(160.0 + 8.0 * (std::f64::consts::TAU * t).sin(), 100.0, backdrop)
    });
    let cut = extract_character(&bytes, 24).expect("extract");
    assert_eq!(cut.frames.len(), 24);
    assert_eq!(cut.fps, 8, "24 frames over 3 s");
    let f0 = &cut.frames[0];
    assert!(cut.frames.iter().all(|f| (f.width, f.height) == (f0.width, f0.height)));
    // The union of the disc's positions (64x48) plus a few pixels of edge and margin.
    assert!((64..=80).contains(&f0.width), "crop width {}", f0.width);
    assert!((48..=64).contains(&f0.height), "crop height {}", f0.height);
    check_disc_mattes(&cut);
    // The crop's corners lie outside the disc: background, transparent.
    for f in &cut.frames {
        for (x, y) in [(0, 0), (f.width - 1, 0), (0, f.height - 1), (f.width - 1, f.height - 1)] {
            assert!(alpha(f, x, y) < 30, "corner ({x}, {y}) alpha {}", alpha(f, x, y));
        }
    }

    // Stored and read back exactly.
    let png = cut.to_png().unwrap();
    let back = CharacterCut::from_png(&png, 24, cut.fps).unwrap();
    assert_eq!(back.fps, cut.fps);
    assert_eq!(back.frames.len(), 24);
    for (a, b) in back.frames.iter().zip(&cut.frames) {
        assert_eq!((a.width, a.height), (b.width, b.height));
        assert_eq!(a.rgba, b.rgba);
    }
    let err = CharacterCut::from_png(&png, 5, 8).map(|_| ()).expect_err("24 frames do not split in 5");
    assert!(matches!(err, MediaError::StoredCharacter(_)), "{err}");
    assert!(CharacterCut::from_png(&png[..png.len() / 2], 24, 8).is_err());
}

#[test]
fn a_disc_crossing_a_textured_background_is_cut_out() {
    // Not plain (stripes at the border): only the temporal median can find the subject.
    let stripes = |x: u32, y: u32| {
        if (x / 20 + y / 20).is_multiple_of(2) { [200, 200, 190] } else { [60, 70, 80] }
    };
    let bytes = clip(48, W, H, |n| disc_frame(50.0 + 4.5 * f64::from(n), 90.0, stripes));
    let cut = extract_character(&bytes, 100).expect("extract");
    assert_eq!(cut.frames.len(), 48, "all frames kept when fewer than max");
    assert_eq!(cut.fps, 24);
    let f0 = &cut.frames[0];
    // The path: x from 26 to 285, y from 66 to 114.
    assert!((255..=275).contains(&f0.width), "crop width {}", f0.width);
    assert!((48..=64).contains(&f0.height), "crop height {}", f0.height);
    check_disc_mattes(&cut);
}

#[test]
fn large_crops_are_scaled_to_384() {
    let (w, h) = (960u32, 540u32);
    let bytes = clip(24, w, h, |n| {
        let mut rgba = Vec::with_capacity((w * h * 4) as usize);
        for y in 0..h {
            for x in 0..w {
                let inside = (100 + n * 4..700 + n * 4).contains(&x) && (50..450).contains(&y);
                let c = if inside { DISC } else { [40, 110, 190] };
                rgba.extend_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
        rgba
    });
    let cut = extract_character(&bytes, 6).expect("extract");
    let f = &cut.frames[0];
    assert_eq!(f.width.max(f.height), 384, "{}x{}", f.width, f.height);
    assert!(f.width > f.height);
}

fn assert_no_subject(bytes: &[u8]) {
    let err = extract_character(bytes, 24).map(|_| ()).expect_err("must be refused");
    assert!(matches!(err, MediaError::NoSubject), "{err:?}");
    assert!(err.is_invalid_input());
    assert!(err.to_string().contains("plain, still background"), "{err}");
}

#[test]
fn a_uniform_clip_has_no_subject() {
    assert_no_subject(&clip(24, 128, 72, |_| [90, 160, 60, 255].repeat(128 * 72)));
}

#[test]
fn a_clip_of_noise_has_no_subject() {
    let bytes = clip(24, 128, 72, |n| {
        let mut state = 0x9e37_79b9_u32 ^ (n + 1).wrapping_mul(0x85eb_ca6b);
        (0..128 * 72)
            .flat_map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let [r, g, b, _] = state.to_le_bytes();
                [r, g, b, 255]
            })
            .collect()
    });
    assert_no_subject(&bytes);
}

#[test]
fn long_clips_and_other_input_are_refused() {
    let bytes = clip(11 * FPS, 64, 64, |_| [0, 0, 0, 255].repeat(64 * 64));
    let err = extract_character(&bytes, 24).map(|_| ()).expect_err("11 s is too long");
    assert!(matches!(err, MediaError::CharacterTooLong { .. }), "{err:?}");
    assert!(err.is_invalid_input());
    assert!(err.to_string().contains("2-4 s"), "{err}");
    let err = extract_character(b"GIF89a not a video", 24).err().unwrap();
    assert!(err.is_invalid_input(), "{err}");
}
