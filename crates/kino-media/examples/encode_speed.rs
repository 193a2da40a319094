//! Encode throughput: `cargo run --release -p kino-media --example encode_speed [seconds] [distinct]`.
//!
//! Frames are made up front (a few distinct ones, cycled) so the figure is the encoder's,
//! not the renderer's. Reports the whole `encode_clip` pipeline (RGBA→I420, H.264, AAC,
//! mux, thumbnail, spritesheet) and bare openh264 with the same settings, plus peak RSS.

use std::time::Instant;

use kino_engine::{FrameSink, VideoFrame};
use kino_media::{EncodeSettings, encode_clip};

#[path = "../tests/media/common/mod.rs"]
mod common;

/// Frame with per-pixel texture (harder to compress than the smooth test pattern).
fn textured(n: u32, w: u32, h: u32) -> Vec<u8> {
    let mut f = common::source_frame(n, w, h);
    let mut x = 0x9e37_79b9u32 ^ n;
    for px in f.chunks_exact_mut(4) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let d = (x & 31) as u8;
        px[1] = px[1].saturating_add(d);
    }
    f
}

/// ffmpeg's testsrc2 pattern (mostly static, like the figures in DEPENDENCIES.md), read
/// from /tmp/testsrc2_WxH.rgba if present; empty otherwise.
fn testsrc2(n: u32, w: u32, h: u32) -> Vec<u8> {
    let size = (w * h * 4) as usize;
    std::fs::read(format!("/tmp/testsrc2_{w}x{h}.rgba"))
        .ok()
        .and_then(|all| {
            let count = all.len() / size;
            (count > 0).then(|| {
                let i = n as usize % count;
                all[i * size..(i + 1) * size].to_vec()
            })
        })
        .unwrap_or_default()
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let seconds: u32 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    // Distinct source frames, cycled: fewer keeps the fixture's memory out of the RSS figure.
    let distinct: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(48).max(1);
    let dir = std::env::temp_dir();
    for (label, make) in [
        ("testsrc2", testsrc2 as fn(u32, u32, u32) -> Vec<u8>),
        ("smooth", common::source_frame),
        ("textured", textured),
    ] {
        if label == "testsrc2" && testsrc2(0, 1280, 720).is_empty() {
            println!(
                "(no /tmp/testsrc2_WxH.rgba; make it with ffmpeg -f lavfi -i testsrc2=s=WxH:r=24 -frames:v 48 -pix_fmt rgba -f rawvideo)"
            );
            continue;
        }
        for (w, h) in [(1280u32, 720u32), (1920, 1080)] {
            let sources: Vec<Vec<u8>> = (0..distinct).map(|n| make(n, w, h)).collect();
            let rss_before = peak_rss_mib();
            let settings = EncodeSettings::new(w, h, 24).with_expected_frames(24 * seconds);
            let frames = 24 * seconds;
            let path = dir.join(format!("kino-speed-{w}x{h}.mp4"));
            let silence = vec![0.1f32; 4000];
            let start = Instant::now();
            let out = encode_clip(&settings, &path, |sink: &mut dyn FrameSink| {
                for n in 0..frames {
                    sink.video_frame(VideoFrame::new(w, h, sources[(n % distinct) as usize].clone()))?;
                    sink.audio(&silence)?;
                }
                Ok(())
            })
            .expect("encode");
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{label:8} {w}x{h}: pipeline {:.0} fps ({frames} frames in {secs:.2} s), {:.2} MB, {:.2} Mb/s, thumb {} KB, sheet {} KB, peak RSS {:.0} MiB (before encoding {:.0})",
                f64::from(frames) / secs,
                out.mp4_bytes as f64 / 1e6,
                out.mp4_bytes as f64 * 8.0 / f64::from(seconds) / 1e6,
                out.thumbnail_webp.len() / 1024,
                out.spritesheet_jpeg.len() / 1024,
                peak_rss_mib(),
                rss_before,
            );
            let _ = std::fs::remove_file(&path);

            // Bare openh264, same config, already-converted I420 input.
            use openh264::encoder::*;
            let cfg = EncoderConfig::new()
                .bitrate(BitRate::from_bps(settings.video_bitrate_bps))
                .max_frame_rate(FrameRate::from_hz(24.0))
                .rate_control_mode(RateControlMode::Bitrate)
                .skip_frames(false)
                .complexity(Complexity::Medium)
                .intra_frame_period(IntraFramePeriod::from_num_frames(48))
                .num_threads(1)
                .vui(VuiConfig::bt709());
            let mut enc = Encoder::with_api_config(openh264::OpenH264API::from_source(), cfg).expect("encoder");
            let yuvs: Vec<openh264::formats::YUVBuffer> = sources
                .iter()
                .map(|f| {
                    openh264::formats::YUVBuffer::from_rgba8_source(openh264::formats::RgbaSliceU8::new(
                        f,
                        (w as usize, h as usize),
                    ))
                })
                .collect();
            let start = Instant::now();
            let mut bytes = 0;
            for n in 0..frames {
                bytes += enc.encode(&yuvs[(n % 48) as usize]).expect("encode").to_vec().len();
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{label:8} {w}x{h}: openh264 alone {:.0} fps ({:.2} Mb/s)",
                f64::from(frames) / secs,
                bytes as f64 * 8.0 / f64::from(seconds) / 1e6
            );
        }
    }
}
