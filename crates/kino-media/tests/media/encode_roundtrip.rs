//! Encode a known synthetic clip, then check the file with our own probe and decoders.

use crate::common::*;
use kino_media::{EncodeSettings, decode_audio, decode_video, probe_mp4, sprite_frame_index, spritesheet_size};

fn roundtrip(width: u32, height: u32, seconds: u32) {
    let dir = TempDir::new("roundtrip");
    let path = dir.path("clip.mp4");
    let frames = FPS * seconds;
    let settings = EncodeSettings::new(width, height, FPS).with_expected_frames(frames);
    let out = encode_synthetic(&settings, seconds, &path).expect("encode");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(out.mp4_path, path);
    assert_eq!(out.mp4_bytes, bytes.len() as u64);
    assert_eq!(out.video_frames, frames);
    assert_eq!(out.audio_samples, u64::from(seconds) * RATE as u64);

    // Container: moov before mdat, exactly one of each.
    let boxes = top_level_boxes(&bytes);
    let kinds: Vec<&str> = boxes.iter().map(|b| b.0.as_str()).collect();
    let moov = boxes.iter().find(|b| b.0 == "moov").expect("moov");
    let mdat = boxes.iter().find(|b| b.0 == "mdat").expect("mdat");
    assert!(moov.1 < mdat.1, "moov at {} must precede mdat at {} ({kinds:?})", moov.1, mdat.1);
    assert_eq!(kinds.iter().filter(|k| **k == "moov").count(), 1);
    assert_eq!(mdat.1 + mdat.2, bytes.len() as u64, "mdat runs to the end of the file");

    // Probe.
    let info = probe_mp4(&bytes).expect("probe");
    assert_eq!(info.video_codec, "h264");
    assert_eq!((info.width, info.height), (width, height));
    assert!((info.fps - 24.0).abs() < 1e-9, "fps {}", info.fps);
    assert_eq!(info.video_frames, frames);
    assert!((info.duration_seconds - f64::from(seconds)).abs() < 1e-9);
    let audio = info.audio.expect("audio track");
    assert_eq!(audio.codec, "aac");
    assert_eq!((audio.sample_rate, audio.channels), (48_000, 2));
    let video_samples = u64::from(seconds) * 48_000;
    assert!(audio.samples.abs_diff(video_samples) < 1024, "audio {} vs video {video_samples} samples", audio.samples);

    // Video decodes frame for frame, in order, close to the source.
    let mut decoded = 0;
    let n = decode_video(&bytes, |i, rgb, w, h| {
        assert_eq!(i, decoded, "frames in order");
        assert_eq!((w, h), (width, height));
        let psnr = psnr_rgb_rgba(rgb, &source_frame(i, w, h));
        assert!(psnr > 30.0, "frame {i}: PSNR {psnr:.1} dB");
        decoded += 1;
        true
    })
    .expect("decode video");
    assert_eq!(n, frames);
    assert_eq!(decoded, frames);

    check_audio(&decode_audio(&bytes).expect("decode audio"), seconds);
    check_thumbnail(&out.thumbnail_webp, width, height, frames);
    check_spritesheet(&out.spritesheet_jpeg, width, height, frames);
}

/// The decoded track is as long as the input (within a frame), silent before the onset,
/// and a 440 Hz tone from 0.5 s ± 5 ms.
fn check_audio(pcm: &[i16], seconds: u32) {
    let left: Vec<f64> = pcm.chunks_exact(2).map(|s| f64::from(s[0]) / 32768.0).collect();
    let want = seconds as usize * RATE;
    assert!(left.len() >= want && left.len() < want + 1024, "decoded {} samples, want {want}", left.len());

    // Onset: first 1 ms window whose RMS reaches half the tone's (0.5 / sqrt 2).
    let win = RATE / 1000;
    let onset = (0..left.len() / win)
        .find(|&k| {
            let w = &left[k * win..(k + 1) * win];
            (w.iter().map(|v| v * v).sum::<f64>() / win as f64).sqrt() > 0.5 / 2f64.sqrt() / 2.0
        })
        .expect("tone present") as f64
        * 0.001;
    assert!((onset - ONSET_SECONDS).abs() <= 0.005, "tone onset at {onset:.4} s, want {ONSET_SECONDS} s");

    // Frequency by zero crossings over 0.3 s of steady tone.
    let (a, b) = ((0.6 * RATE as f64) as usize, (0.9 * RATE as f64) as usize);
    let crossings = left[a..b].windows(2).filter(|w| (w[0] < 0.0) != (w[1] < 0.0)).count();
    let hz = crossings as f64 / 2.0 / 0.3;
    assert!((hz - TONE_HZ).abs() < 5.0, "tone at {hz:.1} Hz");
    // Silence before the onset (a little codec noise allowed).
    let quiet = left[..(0.45 * RATE as f64) as usize].iter().fold(0f64, |m, v| m.max(v.abs()));
    assert!(quiet < 0.01, "pre-onset peak {quiet}");
}

fn check_thumbnail(webp: &[u8], width: u32, height: u32, frames: u32) {
    assert_eq!(&webp[..4], b"RIFF");
    assert_eq!(&webp[8..12], b"WEBP");
    let img = image::load_from_memory_with_format(webp, image::ImageFormat::WebP).expect("thumbnail decodes");
    assert_eq!((img.width(), img.height()), (width, height));
    let rgb = img.to_rgb8().into_raw();
    // It is the middle frame: closer to it than to its neighbours 3 frames away.
    let mid = frames / 2;
    let psnr = |n: u32| psnr_rgb_rgba(&rgb, &source_frame(n, width, height));
    assert!(psnr(mid) > 30.0, "thumbnail PSNR {:.1}", psnr(mid));
    assert!(psnr(mid) > psnr(mid - 3) && psnr(mid) > psnr(mid + 3));
}

fn check_spritesheet(jpeg: &[u8], width: u32, height: u32, frames: u32) {
    assert_eq!(&jpeg[..3], &[0xff, 0xd8, 0xff]);
    let img = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg).expect("sheet decodes");
    let (sw, sh) = spritesheet_size(width, height);
    assert_eq!((img.width(), img.height()), (sw, sh));
    let rgb = img.to_rgb8();
    let (tw, th) = (sw / 5, sh / 5);
    // Each tile's mean red matches its documented frame (red rises 5 per frame).
    let mean_red = |pixels: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = pixels.fold((0u64, 0u64), |(s, n), v| (s + u64::from(v), n + 1));
        sum as f64 / n as f64
    };
    for t in 0..25u32 {
        let (x0, y0) = ((t % 5) * tw, (t / 5) * th);
        // Inner region: away from tile edges, where JPEG blocks straddle two tiles.
        let tile_red = mean_red(
            &mut (y0 + 4..y0 + th - 4)
                .flat_map(|y| (x0 + 4..x0 + tw - 4).map(move |x| (x, y)))
                .map(|(x, y)| rgb.get_pixel(x, y)[0]),
        );
        let frame = source_frame(sprite_frame_index(t, frames), width, height);
        let want = mean_red(&mut frame.chunks_exact(4).map(|p| p[0]));
        assert!((tile_red - want).abs() < 4.0, "tile {t}: mean red {tile_red:.1}, frame wants {want:.1}");
    }
}

#[test]
fn landscape_720p_two_seconds() {
    roundtrip(1280, 720, 2);
}

#[test]
fn portrait_1080x1920_one_second() {
    roundtrip(1080, 1920, 1);
}

/// The same frames and audio give the same bytes: no clock in the headers, and an encoder
/// setup (slices, threads) that does not depend on the host.
#[test]
fn equal_input_gives_identical_bytes() {
    let dir = crate::common::TempDir::new("determinism");
    let (a, b) = (dir.path("a.mp4"), dir.path("b.mp4"));
    let settings = kino_media::EncodeSettings::new(1280, 720, 24).with_expected_frames(24);
    crate::common::encode_synthetic(&settings, 1, &a).expect("encode a");
    crate::common::encode_synthetic(&settings, 1, &b).expect("encode b");
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "identical MP4 bytes");
}
