//! `kino generate`: render a clip locally with the preview engine, no server. Progress on
//! stderr (`progress.rs`), one result line on stdout.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use kino_engine::{CancelFlag, Engine, GenerationSpec, RenderControl};
use kino_media::EncodeSettings;

use super::progress::Progress;
use crate::models::{ALL_SIZES, DEFAULT_SECONDS, FPS, SECONDS, parse_size};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What the clip shows.
    pub prompt: String,
    /// Frame size, one of the contract sizes (e.g. 1280x720).
    #[arg(long, default_value = "1280x720")]
    pub size: String,
    /// Duration: 4, 8, 12, 16 or 20.
    #[arg(long, default_value_t = DEFAULT_SECONDS)]
    pub seconds: u32,
    /// Seed for a repeatable clip (random when omitted).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output MP4 path.
    #[arg(short, long, default_value = "clip.mp4")]
    pub output: PathBuf,
}

pub fn run(args: GenerateArgs) -> anyhow::Result<()> {
    anyhow::ensure!(ALL_SIZES.contains(&args.size.as_str()), "--size must be one of {}", ALL_SIZES.join(", "));
    anyhow::ensure!(SECONDS.contains(&args.seconds), "--seconds must be one of 4, 8, 12, 16, 20");
    let (width, height) = parse_size(&args.size).ok_or_else(|| anyhow::anyhow!("bad --size"))?;
    let seed = args.seed.unwrap_or_else(rand::random);
    let spec = GenerationSpec {
        prompt: args.prompt,
        width,
        height,
        fps: FPS,
        seconds: args.seconds,
        seed,
        ..Default::default()
    };
    let total = spec.frame_count();
    let control = RenderControl::new(CancelFlag::new());
    let settings = EncodeSettings::new(width, height, FPS).with_expected_frames(total);

    let started = Instant::now();
    let worker = {
        let control = control.clone();
        let output = args.output.clone();
        std::thread::spawn(move || {
            let engine = kino_preview::PreviewEngine::new();
            kino_media::encode_clip(&settings, &output, |sink| engine.render(&spec, sink, &control))
        })
    };
    let progress = Progress::new(total);
    while !worker.is_finished() {
        progress.show(control.units_done(), started.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = worker.join();
    let secs = started.elapsed().as_secs_f64();
    progress.finish();
    let out = out.map_err(|_| anyhow::anyhow!("render thread panicked"))??;
    println!(
        "wrote {} ({} frames, {:.1} MB, seed {seed}) in {secs:.2}s: {:.0} fps",
        out.mp4_path.display(),
        out.video_frames,
        out.mp4_bytes as f64 / 1e6,
        f64::from(out.video_frames) / secs
    );
    Ok(())
}
