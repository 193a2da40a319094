//! Reading clips back as engine input: exact frame counts and sizes, retimed by timestamp,
//! content close to what was encoded, and a stream that can be abandoned at any point.

use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

use crate::common::*;
use kino_engine::{EngineError, FrameSink, OpenFrames, VideoFrame};
use kino_media::{ClipFrames, EncodeSettings, encode_clip, last_frame, source_audio};

const W: u32 = 256;
const H: u32 = 144;
const SECONDS: u32 = 2;
const FRAMES: u32 = FPS * SECONDS;

fn clip() -> Arc<[u8]> {
    let dir = TempDir::new("clip-frames");
    let path = dir.path("clip.mp4");
    let settings = EncodeSettings::new(W, H, FPS).with_expected_frames(FRAMES);
    encode_synthetic(&settings, SECONDS, &path).expect("encode");
    std::fs::read(&path).unwrap().into()
}

fn read_all(frames: &ClipFrames) -> Vec<VideoFrame> {
    let mut stream = frames.open().expect("open");
    let mut out = Vec::new();
    while let Some(frame) = stream.next_frame().expect("frame") {
        out.push(frame);
    }
    assert!(stream.next_frame().unwrap().is_none(), "stays finished");
    out
}

fn mean_red(rgba: &[u8]) -> f64 {
    rgba.chunks_exact(4).map(|p| f64::from(p[0])).sum::<f64>() / (rgba.len() / 4) as f64
}

/// Which source frame `frame` shows: the one whose mean red (it rises 5 per frame) is nearest.
fn source_index(frame: &VideoFrame) -> u32 {
    let red = mean_red(&frame.rgba);
    (0..FRAMES)
        .min_by(|&a, &b| {
            let da = (mean_red(&source_frame(a, frame.width, frame.height)) - red).abs();
            let db = (mean_red(&source_frame(b, frame.width, frame.height)) - red).abs();
            da.total_cmp(&db)
        })
        .unwrap()
}

fn rgb_of(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect()
}

#[test]
fn same_rate_and_size_reads_every_frame_faithfully() {
    let frames = ClipFrames::new(clip(), W, H, FRAMES, FPS).unwrap();
    assert_eq!(frames.frame_count(), FRAMES);
    for pass in 0..2 {
        let out = read_all(&frames);
        assert_eq!(out.len(), FRAMES as usize, "pass {pass}");
        for (i, f) in out.iter().enumerate() {
            assert_eq!((f.width, f.height, f.rgba.len()), (W, H, (W * H * 4) as usize));
            assert!(f.rgba.chunks_exact(4).all(|p| p[3] == 255));
            let psnr = psnr_rgb_rgba(&rgb_of(&f.rgba), &source_frame(i as u32, W, H));
            assert!(psnr >= 30.0, "frame {i}: PSNR {psnr:.1} dB");
        }
    }
}

#[test]
fn lower_rate_and_smaller_size_skips_frames() {
    // 12 fps: output i at i/12 s shows source frame 2i.
    let frames = ClipFrames::new(clip(), 128, 72, FRAMES / 2, 12).unwrap();
    let out = read_all(&frames);
    assert_eq!(out.len(), (FRAMES / 2) as usize);
    for (i, f) in out.iter().enumerate() {
        assert_eq!((f.width, f.height), (128, 72));
        assert_eq!(source_index(f), 2 * i as u32, "output {i}");
    }
}

#[test]
fn higher_rate_repeats_frames_and_a_short_source_holds_its_last() {
    // 48 fps for 2.5 s: output i shows source i / 2, then the last frame from 2 s on.
    let frames = ClipFrames::new(clip(), W, H, 120, 48).unwrap();
    let out = read_all(&frames);
    assert_eq!(out.len(), 120);
    for (i, f) in out.iter().enumerate() {
        let want = (i as u32 / 2).min(FRAMES - 1);
        assert_eq!(source_index(f), want, "output {i}");
    }
}

#[test]
fn other_aspect_is_cropped_not_squashed() {
    // 144x144 from 256x144: the centre square, at full scale.
    let frames = ClipFrames::new(clip(), H, H, 1, FPS).unwrap();
    let out = read_all(&frames);
    assert_eq!(out.len(), 1);
    let src = source_frame(0, W, H);
    let x0 = ((W - H) / 2) as usize;
    let centre: Vec<u8> = (0..H as usize)
        .flat_map(|y| {
            let row = (y * W as usize + x0) * 4;
            src[row..row + H as usize * 4].to_vec()
        })
        .collect();
    let psnr = psnr_rgb_rgba(&rgb_of(&out[0].rgba), &centre);
    assert!(psnr >= 28.0, "centre crop PSNR {psnr:.1} dB");
}

#[test]
fn dropping_a_stream_early_stops_the_decoder() {
    let frames = ClipFrames::new(clip(), W, H, FRAMES, FPS).unwrap();
    let (done_tx, done_rx) = channel();
    std::thread::spawn(move || {
        let mut stream = frames.open().unwrap();
        stream.next_frame().unwrap().expect("one frame");
        drop(stream); // joins the decode thread
        // Never read: the decoder fills the queue and blocks until the hang-up.
        drop(frames.open().unwrap());
        done_tx.send(()).unwrap();
    });
    done_rx.recv_timeout(Duration::from_secs(20)).expect("dropping the streams must not hang");
}

#[test]
fn zero_frames_and_bad_inputs() {
    let bytes = clip();
    let none = ClipFrames::new(bytes.clone(), W, H, 0, FPS).unwrap();
    assert!(read_all(&none).is_empty());
    assert!(ClipFrames::new(bytes.clone(), 0, H, 1, FPS).is_err());
    assert!(ClipFrames::new(bytes.clone(), W, H, 1, 0).is_err());
    let err = ClipFrames::new(Arc::from(&b"not a video at all"[..]), W, H, 1, FPS).err().expect("garbage refused");
    assert!(err.is_invalid_input(), "{err}");
    let truncated: Arc<[u8]> = Arc::from(&bytes[..bytes.len() / 2]);
    let err = ClipFrames::new(truncated, W, H, 1, FPS).err().expect("truncated refused");
    assert!(err.is_invalid_input(), "{err}");
}

#[test]
fn last_frame_is_the_final_one_scaled() {
    let bytes = clip();
    let last = last_frame(&bytes, W, H).unwrap();
    let psnr = psnr_rgb_rgba(&rgb_of(&last.rgba), &source_frame(FRAMES - 1, W, H));
    assert!(psnr >= 30.0, "PSNR {psnr:.1} dB");
    let small = last_frame(&bytes, 64, 36).unwrap();
    assert_eq!((small.width, small.height, small.rgba.len()), (64, 36, 64 * 36 * 4));
    assert_eq!(source_index(&small), FRAMES - 1);
}

#[test]
fn source_audio_is_exactly_as_long_as_asked() {
    let bytes = clip();
    let want = u64::from(SECONDS) * RATE as u64;
    let pcm = source_audio(&bytes, want).unwrap();
    assert_eq!(pcm.len() as u64, want * 2);
    // Silent before the onset, the 0.5-amplitude tone after it.
    let before = pcm[..(0.4 * RATE as f64) as usize * 2].iter().fold(0f32, |m, s| m.max(s.abs()));
    let after = pcm[RATE * 2..(1.5 * RATE as f64) as usize * 2].iter().fold(0f32, |m, s| m.max(s.abs()));
    assert!(before < 0.02, "pre-onset peak {before}");
    assert!((after - 0.5).abs() < 0.05, "tone peak {after}");

    let short = source_audio(&bytes, 1000).unwrap();
    assert_eq!(short, pcm[..2000]);
    // The decoded track may run up to one AAC frame (1024) past 2 s; past that, padding.
    let long = source_audio(&bytes, want + 9600).unwrap();
    assert_eq!(long.len() as u64, (want + 9600) * 2);
    assert!(long[(want as usize + 1024) * 2..].iter().all(|&s| s == 0.0), "padded with silence");
}

#[test]
fn a_clip_without_audio_gives_silence() {
    let dir = TempDir::new("clip-silent");
    let path = dir.path("silent.mp4");
    let settings = EncodeSettings::new(64, 64, FPS).with_expected_frames(4);
    encode_clip(&settings, &path, |sink: &mut dyn FrameSink| -> Result<(), EngineError> {
        for n in 0..4 {
            sink.video_frame(VideoFrame::new(64, 64, source_frame(n, 64, 64)))?;
        }
        Ok(())
    })
    .expect("encode");
    let bytes = std::fs::read(&path).unwrap();
    let pcm = source_audio(&bytes, 9600).unwrap();
    assert_eq!(pcm.len(), 9600 * 2);
    assert!(pcm.iter().all(|&s| s == 0.0));
}
