//! `kino-bench`: how fast the preview engine renders and encodes compared with
//! ffmpeg/libx264, and how peak memory grows with clip length. See bench/README.md.

mod clip;
mod encode;
mod rss;
mod timing;
mod x264;
mod yuv;

use clap::{Parser, Subcommand};

use crate::clip::{Clip, Size};

#[derive(Parser)]
#[command(name = "kino-bench", about = "Benchmarks for Kino's preview engine and encoder")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render+encode a clip through kino-media (best of N) against libx264 ultrafast on the same frames.
    Encode {
        #[arg(long, default_value = "1280x720")]
        size: Size,
        #[arg(long, default_value_t = 8)]
        seconds: u32,
        #[arg(long, default_value_t = 3)]
        runs: u32,
        /// Where the outputs and the raw YUV go (the raw file is removed afterwards).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/out"))]
        out_dir: std::path::PathBuf,
        #[arg(long, default_value = clip::DEFAULT_PROMPT)]
        prompt: String,
    },
    /// Peak RSS of a child `render` of a short and a long clip.
    Rss {
        #[arg(long, default_value = "1920x1080")]
        size: Size,
        /// Clip lengths to compare, in seconds.
        #[arg(long, value_delimiter = ',', default_value = "4,20")]
        seconds: Vec<u32>,
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/out"))]
        out_dir: std::path::PathBuf,
    },
    /// Render and encode one clip to an MP4 (what `rss` runs as its child).
    Render {
        #[arg(long, default_value = "1280x720")]
        size: Size,
        #[arg(long, default_value_t = 8)]
        seconds: u32,
        #[arg(long, default_value = clip::DEFAULT_PROMPT)]
        prompt: String,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Encode { size, seconds, runs, out_dir, prompt } => {
            encode::run(&Clip { prompt, size, seconds, seed: 0 }, runs.max(1), &out_dir)
        }
        Command::Rss { size, seconds, out_dir } => rss::run(size, &seconds, &out_dir),
        Command::Render { size, seconds, prompt, seed, output } => {
            let clip = Clip { prompt, size, seconds, seed };
            let started = std::time::Instant::now();
            let out = clip.encode_to(&output)?;
            println!(
                "{}: {} frames, {} audio samples, {} bytes in {:.2} s",
                out.mp4_path.display(),
                out.video_frames,
                out.audio_samples,
                out.mp4_bytes,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
