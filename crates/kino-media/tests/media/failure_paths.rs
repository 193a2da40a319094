//! Errors are typed, partial files are removed, and hostile input never panics.

use crate::common::*;
use kino_engine::{EngineError, FrameSink, VideoFrame};
use kino_media::{ClipError, EncodeSettings, MediaError, decode_audio, decode_video, encode_clip, probe_mp4};

#[test]
fn engine_error_removes_partial_file() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    let settings = EncodeSettings::new(320, 240, FPS);
    let result = encode_clip(&settings, &path, |sink: &mut dyn FrameSink| {
        for n in 0..30 {
            sink.video_frame(VideoFrame::new(320, 240, source_frame(n, 320, 240)))?;
            sink.audio(&vec![0.0; 4000])?;
        }
        Err(EngineError::Cancelled)
    });
    assert!(matches!(result, Err(ClipError::Engine(EngineError::Cancelled))), "{result:?}");
    assert!(!path.exists(), "partial file left behind");
}

#[test]
fn wrong_frame_size_is_a_media_error() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    let settings = EncodeSettings::new(320, 240, FPS);
    let result = encode_clip(&settings, &path, |sink: &mut dyn FrameSink| {
        sink.video_frame(VideoFrame::new(320, 240, source_frame(0, 320, 240)))?;
        // The encoder stops on this frame; later sends fail and the engine gives up.
        sink.video_frame(VideoFrame::new(160, 120, source_frame(1, 160, 120)))?;
        for n in 2..100 {
            sink.video_frame(VideoFrame::new(320, 240, source_frame(n, 320, 240)))?;
        }
        Ok(())
    });
    match result {
        Err(ClipError::Media(MediaError::FrameSize { index: 1, got_width: 160, .. })) => {}
        other => panic!("unexpected {other:?}"),
    }
    assert!(!path.exists());
}

#[test]
fn no_frames_is_an_error() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    let result = encode_clip(&EncodeSettings::new(320, 240, FPS), &path, |_: &mut dyn FrameSink| Ok(()));
    assert!(matches!(result, Err(ClipError::Media(MediaError::NoFrames))), "{result:?}");
    assert!(!path.exists());
}

#[test]
fn invalid_settings_are_rejected_up_front() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    let result =
        encode_clip(&EncodeSettings::new(321, 240, FPS), &path, |_: &mut dyn FrameSink| panic!("produce must not run"));
    assert!(matches!(result, Err(ClipError::Media(MediaError::InvalidSettings(_)))));
}

#[test]
fn garbage_and_truncated_files_are_errors_not_panics() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    encode_synthetic(&EncodeSettings::new(320, 240, FPS).with_expected_frames(24), 1, &path).unwrap();
    let good = std::fs::read(&path).unwrap();
    assert!(probe_mp4(&good).is_ok());

    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), vec![]),
        ("zeros".into(), vec![0; 4096]),
        ("text".into(), b"this is not a video at all, just some text".repeat(50)),
        ("webm magic".into(), [&[0x1a, 0x45, 0xdf, 0xa3][..], &[0u8; 500]].concat()),
    ];
    // Pseudo-random bytes, and random bytes behind a valid ftyp.
    let mut x = 0x1234_5678u32;
    let random: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    inputs.push(("random".into(), random.clone()));
    inputs.push(("ftyp + random".into(), [&good[..32], &random[..]].concat()));
    for cut in [good.len() / 2, good.len() - 1, 200, 40] {
        inputs.push((format!("truncated at {cut}"), good[..cut].to_vec()));
    }
    // Flip bytes inside the moov: the tables become nonsense.
    for at in [100usize, 300, 500, 700, 900] {
        let mut bad = good.clone();
        for b in &mut bad[at..at + 16] {
            *b ^= 0xa5;
        }
        inputs.push((format!("corrupted at {at}"), bad));
    }

    for (name, bytes) in &inputs {
        let probe = probe_mp4(bytes);
        let video = decode_video(bytes, |_, _, _, _| true);
        let audio = decode_audio(bytes);
        // Corruption may land in a field nobody reads; but an error must be an Err, never a panic.
        if name.starts_with("corrupted") {
            continue;
        }
        assert!(probe.is_err(), "{name}: probe accepted it");
        assert!(video.is_err(), "{name}: decode_video accepted it");
        assert!(audio.is_err(), "{name}: decode_audio accepted it");
    }
}

/// A chunk-offset table shorter than the sample-to-chunk table makes re_mp4 index out of
/// bounds (it panics); that must come back as a `Corrupt` error.
#[test]
fn demuxer_panic_becomes_an_error() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    encode_synthetic(&EncodeSettings::new(320, 240, FPS).with_expected_frames(48), 2, &path).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let stco = bytes.windows(4).position(|w| w == b"stco").expect("stco box");
    // entry_count follows the fourcc and version/flags; keep the box size, claim one chunk.
    bytes[stco + 8..stco + 12].copy_from_slice(&1u32.to_be_bytes());
    let err = probe_mp4(&bytes).unwrap_err();
    assert!(matches!(err, MediaError::Corrupt(_)), "{err}");
    assert!(decode_video(&bytes, |_, _, _, _| true).is_err());
}

#[test]
fn decode_video_stops_when_asked() {
    let dir = TempDir::new("fail");
    let path = dir.path("clip.mp4");
    encode_synthetic(&EncodeSettings::new(320, 240, FPS).with_expected_frames(24), 1, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let n = decode_video(&bytes, |i, _, _, _| i < 4).unwrap();
    assert_eq!(n, 5);
}
