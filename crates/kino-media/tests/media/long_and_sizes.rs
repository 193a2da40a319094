//! Every contract size encodes and decodes at its exact size; clips of unannounced length
//! still come out moov-first with sensible thumbnails.

use crate::common::*;
use kino_media::{EncodeSettings, decode_video, probe_mp4, spritesheet_size};

#[test]
fn every_contract_size() {
    let dir = TempDir::new("sizes");
    for (w, h) in [(720, 1280), (1280, 720), (1024, 1792), (1792, 1024), (1080, 1920), (1920, 1080)] {
        let path = dir.path(&format!("{w}x{h}.mp4"));
        let settings = EncodeSettings::new(w, h, FPS).with_expected_frames(FPS);
        let out = encode_synthetic(&settings, 1, &path).unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
        let bytes = std::fs::read(&path).unwrap();
        let info = probe_mp4(&bytes).unwrap();
        assert_eq!((info.width, info.height, info.video_frames), (w, h, FPS), "{w}x{h}");
        let mut worst = f64::INFINITY;
        let n = decode_video(&bytes, |i, rgb, dw, dh| {
            assert_eq!((dw, dh), (w, h), "decoded size (SPS cropping)");
            worst = worst.min(psnr_rgb_rgba(rgb, &source_frame(i, w, h)));
            true
        })
        .unwrap();
        assert_eq!(n, FPS);
        assert!(worst > 30.0, "{w}x{h}: worst PSNR {worst:.1}");
        let sheet = image::load_from_memory(&out.spritesheet_jpeg).unwrap();
        assert_eq!((sheet.width(), sheet.height()), spritesheet_size(w, h));
        let thumb = image::load_from_memory(&out.thumbnail_webp).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (w, h));
    }
}

/// 30 s without `expected_frames`: the 20 s moov reservation overflows, so the file is
/// rewritten once; it must still be moov-first, complete and decodable.
#[test]
fn unannounced_long_clip_is_rewritten_moov_first() {
    let dir = TempDir::new("long");
    let path = dir.path("long.mp4");
    let (w, h, seconds) = (160, 96, 30);
    let settings = EncodeSettings::new(w, h, FPS);
    assert_eq!(settings.expected_frames, None);
    let out = encode_synthetic(&settings, seconds, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(out.mp4_bytes, bytes.len() as u64);
    assert!(!dir.path("long.mp4.faststart").exists(), "temp file left behind");
    let boxes = top_level_boxes(&bytes);
    let pos = |k: &str| boxes.iter().find(|b| b.0 == k).map(|b| b.1).unwrap();
    assert!(pos("moov") < pos("mdat"), "{boxes:?}");
    // Evidence the rewrite ran: it reserves just moov + 1 KB, the 20 s guess left ~15 KB spare.
    let free: u64 = boxes.iter().filter(|b| b.0 == "free").map(|b| b.2).sum();
    assert!(free < 2048, "free space {free}: was the file rewritten? {boxes:?}");

    let info = probe_mp4(&bytes).unwrap();
    assert_eq!(info.video_frames, FPS * seconds);
    assert!((info.duration_seconds - f64::from(seconds)).abs() < 1e-9);
    let audio = info.audio.unwrap();
    assert!(audio.samples.abs_diff(u64::from(seconds) * 48_000) < 1024);

    let mut last = 0;
    let n = decode_video(&bytes, |i, rgb, _, _| {
        if i % 97 == 0 {
            let p = psnr_rgb_rgba(rgb, &source_frame(i, w, h));
            assert!(p > 30.0, "frame {i}: {p:.1} dB");
        }
        last = i;
        true
    })
    .unwrap();
    assert_eq!((n, last), (FPS * seconds, FPS * seconds - 1));

    // The reservoir picks a thumbnail near the middle (within 1/8 of the clip).
    let thumb = image::load_from_memory(&out.thumbnail_webp).unwrap().to_rgb8().into_raw();
    let frames = FPS * seconds;
    let best = (0..frames)
        .max_by(|&a, &b| {
            let pa = psnr_rgb_rgba(&thumb, &source_frame(a, w, h));
            let pb = psnr_rgb_rgba(&thumb, &source_frame(b, w, h));
            pa.total_cmp(&pb)
        })
        .unwrap();
    // The red ramp wraps every 52 frames: compare modulo that period.
    let period = 256 / 5 + 1;
    let off = (best as i64 - (frames / 2) as i64).rem_euclid(period);
    let off = off.min(period - off);
    assert!(off <= frames as i64 / 8, "thumbnail looks like frame {best}");
    let sheet = image::load_from_memory(&out.spritesheet_jpeg).unwrap();
    assert_eq!((sheet.width(), sheet.height()), spritesheet_size(w, h));
}
