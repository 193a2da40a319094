//! `encode`: our render+encode against libx264 ultrafast on the same frames.

use std::fs::File;
use std::path::Path;

use anyhow::Context;

use crate::clip::{Clip, NullSink};
use crate::timing::best_of;
use crate::x264;
use crate::yuv::YuvFileSink;

pub fn run(clip: &Clip, runs: u32, out_dir: &Path) -> anyhow::Result<()> {
    x264::check_ffmpeg()?;
    std::fs::create_dir_all(out_dir).with_context(|| format!("create {}", out_dir.display()))?;
    let frames = f64::from(clip.spec().frame_count());

    // Renderer alone, for the per-frame cost the encoder has to keep up with.
    let render_only = best_of(runs, || clip.render_into(&mut NullSink))?;

    let ours_mp4 = out_dir.join("ours.mp4");
    let mut mp4_bytes = 0;
    let ours = best_of(runs, || {
        mp4_bytes = clip.encode_to(&ours_mp4)?.mp4_bytes;
        Ok(())
    })?;

    // The same frames as raw yuv420p, written outside any timing.
    let raw = out_dir.join("raw.yuv");
    let file = File::create(&raw).with_context(|| format!("create {}", raw.display()))?;
    let mut sink = YuvFileSink::new(file);
    clip.render_into(&mut sink)?;
    sink.finish().context("write raw yuv")?;
    let x264_mp4 = out_dir.join("x264.mp4");
    let x264 = x264::time(&raw, clip.size, &x264_mp4, runs);
    // The raw file is large (1.4 MB a 720p frame): never leave it behind, even on failure.
    let _ = std::fs::remove_file(&raw);
    let x264 = x264?;
    let x264_bytes = std::fs::metadata(&x264_mp4).map(|m| m.len()).unwrap_or(0);

    let (t_ours, t_x264) = (ours.as_secs_f64(), x264.net().as_secs_f64());
    println!(
        "prompt: {:?}; best of {runs}; x264 encode {:.3} s minus read-only {:.3} s",
        clip.prompt,
        x264.encode.as_secs_f64(),
        x264.read_only.as_secs_f64()
    );
    println!(
        "| clip | frames | render only ms/frame | T_ours s (render+encode, H.264+AAC) | ours fps | T_x264 s (ultrafast, video only) | x264 fps | T_ours / T_x264 | ours MB | x264 MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} {} s | {frames} | {:.2} | {t_ours:.3} | {:.1} | {t_x264:.3} | {:.1} | {:.2} | {:.2} | {:.2} |",
        clip.size,
        clip.seconds,
        render_only.as_secs_f64() * 1e3 / frames,
        frames / t_ours,
        frames / t_x264.max(1e-9),
        t_ours / t_x264.max(1e-9),
        mp4_bytes as f64 / 1e6,
        x264_bytes as f64 / 1e6,
    );
    Ok(())
}
