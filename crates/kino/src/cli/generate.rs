//! `kino generate`: render a clip locally with the preview engine, no server. A progress
//! bar (frames, fps, ETA) on a terminal; one plain line per second when piped.
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use kino_engine::{CancelFlag, Engine, GenerationSpec, RenderControl};
use kino_media::EncodeSettings;

use crate::models::{ALL_SIZES, FPS, SECONDS, parse_size};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What the clip shows.
    pub prompt: String,
    /// Frame size, one of the contract sizes (e.g. 1280x720).
    #[arg(long, default_value = "1280x720")]
    pub size: String,
    /// Duration: 4, 8, 12, 16 or 20.
    #[arg(long, default_value_t = 4)]
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
    let out = worker.join().map_err(|_| anyhow::anyhow!("render thread panicked"))??;
    let secs = started.elapsed().as_secs_f64();
    progress.finish();
    println!(
        "wrote {} ({} frames, {:.1} MB, seed {seed}) in {secs:.2}s: {:.0} fps",
        out.mp4_path.display(),
        out.video_frames,
        out.mp4_bytes as f64 / 1e6,
        f64::from(out.video_frames) / secs
    );
    Ok(())
}

/// A bar on a terminal, plain once-a-second lines otherwise (logs, CI).
enum Progress {
    Bar(indicatif::ProgressBar),
    Plain { total: u32, last: std::cell::Cell<Option<Instant>> },
}

impl Progress {
    fn new(total: u32) -> Self {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(u64::from(total));
            let style = indicatif::ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} frames  {per_sec:.green}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            Progress::Bar(bar)
        } else {
            Progress::Plain { total, last: std::cell::Cell::new(None) }
        }
    }

    fn show(&self, done: u32, elapsed: Duration) {
        match self {
            Progress::Bar(bar) => bar.set_position(u64::from(done)),
            Progress::Plain { total, last } => {
                if last.get().is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
                    return;
                }
                last.set(Some(Instant::now()));
                let fps = f64::from(done) / elapsed.as_secs_f64().max(1e-3);
                let eta = if fps > 0.0 { f64::from(total.saturating_sub(done)) / fps } else { f64::NAN };
                eprintln!("frames {done}/{total}  {fps:.1} fps  ETA {eta:.1}s");
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
