//! `kino-bench`: how fast the preview engine renders and encodes compared with
//! ffmpeg/libx264, how peak memory grows with clip length, and how the server scales out
//! (queue, list pages, API). See bench/README.md.

mod api;
mod clip;
mod db;
mod download;
mod encode;
mod events;
mod faces;
mod poll;
mod preview_cost;
mod queue;
mod rss;
mod screen;
mod timing;
mod vbench;
mod wan;
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
    /// Jobs/s through Kino's queue (trivial engine) against a bare SKIP LOCKED queue.
    Queue {
        /// PostgreSQL server (a fresh schema is made and dropped), e.g. postgres://postgres@127.0.0.1/test
        #[arg(long, env = "KINO_BENCH_DATABASE_URL")]
        database_url: String,
        #[arg(long, default_value_t = 3000)]
        jobs: usize,
        #[arg(long, default_value_t = 3)]
        workers: usize,
    },
    /// One page of the video list with 1k and with 1M videos stored (SQLite and PostgreSQL).
    List {
        #[arg(long, env = "KINO_BENCH_DATABASE_URL")]
        database_url: Option<String>,
        #[arg(long, default_value_t = 1_000)]
        small: i64,
        #[arg(long, default_value_t = 1_000_000)]
        large: i64,
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
    /// GET /v1/videos/{id} against bare axum; create→in_progress latency in and across processes.
    Api {
        #[arg(long, env = "KINO_BENCH_DATABASE_URL")]
        database_url: Option<String>,
        /// The release binary, for the two-process rows (`cargo build --release -p kino`).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/kino"))]
        kino_bin: std::path::PathBuf,
        #[arg(long, default_value_t = 100)]
        runs: usize,
        #[arg(long, default_value_t = 16)]
        clients: usize,
        #[arg(long, default_value = "5s", value_parser = humantime::parse_duration)]
        duration: std::time::Duration,
    },
    /// Server memory with N downloads in flight and M idle event streams (release binary).
    Memory {
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/kino"))]
        kino_bin: std::path::PathBuf,
        #[arg(long, default_value_t = 100)]
        downloads: usize,
        #[arg(long, default_value_t = 1000)]
        subscribers: usize,
    },
    /// A polling storm: N clients polling two rendering videos as the SDKs do.
    Poll {
        #[arg(long, default_value_t = 500)]
        clients: usize,
        /// `split`: server on core 0, clients in a child process on core 1; `shared`: both
        /// in one process on every core.
        #[arg(long, value_enum, default_value = "split")]
        cores: poll::Cores,
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// The client side of `poll --cores split` (started by it, on core 1).
    #[command(hide = true)]
    PollClients {
        #[arg(long)]
        base: String,
        #[arg(long, value_delimiter = ',')]
        ids: Vec<String>,
        #[arg(long)]
        clients: usize,
    },
    /// Downloads of a video's MP4 from Kino against nginx serving the same file.
    Download {
        #[arg(long, default_value_t = 16)]
        clients: usize,
        #[arg(long, default_value = "5s", value_parser = humantime::parse_duration)]
        duration: std::time::Duration,
    },
    /// Server memory for N idle event-stream subscribers (`GET /v1/videos/events`).
    Events {
        /// The release binary (`cargo build --release -p kino`).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/kino"))]
        kino_bin: std::path::PathBuf,
        #[arg(long, default_value_t = 1000)]
        subscribers: usize,
    },
    /// Precision and recall of face detection on a labelled set (bench/faces/make_set.py).
    Faces {
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/faces-set"))]
        set: std::path::PathBuf,
        #[arg(long, value_delimiter = ',', default_value = "0.5,1,2,3,4,6,8")]
        thresholds: Vec<f64>,
        #[arg(long, default_value_t = 24)]
        min_face_px: u32,
    },
    /// VBench's labelled prompt suites through the preview planner: the share of each suite
    /// planned as its labels ask (issue 21's figures).
    Vbench {
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/vbench"))]
        suites: std::path::PathBuf,
        /// Also name every prompt that misses, and why.
        #[arg(long)]
        list: bool,
        /// Also write the gallery page (one middle frame for a sample of each suite) here:
        /// DIR/vbench.md and its JPEGs under DIR/vbench/.
        #[arg(long)]
        gallery: Option<std::path::PathBuf>,
    },
    /// Planning long adversarial prompts: whole against a quarter, in time and in counted steps.
    Plan {
        #[arg(long, default_value_t = 5)]
        runs: u32,
    },
    /// The preview soundtrack: ms of work per second of audio (best of N).
    Audio {
        #[arg(long, default_value_t = 10)]
        seconds: u32,
        #[arg(long, default_value_t = 3)]
        runs: u32,
    },
    /// Prompt screening with the built-in lists against parsing the request body.
    Screen {
        #[arg(long, default_value_t = 20_000)]
        runs: usize,
    },
    /// One Wan denoising step and VAE decode against diffusers on the same CPU and weights.
    Wan {
        /// Python with torch and diffusers (bench/wan/reference.py; see crates/kino-wan/fixtures/requirements.txt).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wan-venv/bin/python"))]
        python: std::path::PathBuf,
        /// Where the random mid-size checkpoint is written.
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wan-bench"))]
        dir: std::path::PathBuf,
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Time only `step` (one forward) or `decode` (2 latent frames) on an existing checkpoint, without the
        /// reference; or `t2v-1.3b`: one forward of the real 1.3B architecture (zero weights, 1,280 tokens).
        #[arg(long)]
        only: Option<String>,
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
        Command::Screen { runs } => screen::run(runs),
        Command::Plan { runs } => preview_cost::run_plan(runs),
        Command::Vbench { suites, list, gallery } => vbench::run(&suites, list, gallery.as_deref()),
        Command::Audio { seconds, runs } => preview_cost::run_audio(seconds, runs),
        Command::Wan { python, dir, runs, only } => wan::run(&python, &dir, runs, only.as_deref()),
        Command::Faces { set, thresholds, min_face_px } => faces::run(&set, &thresholds, min_face_px),
        Command::Rss { size, seconds, out_dir } => rss::run(size, &seconds, &out_dir),
        Command::Queue { database_url, jobs, workers } => runtime()?.block_on(async {
            for backend in ["sqlite", "postgres"] {
                let db = if backend == "sqlite" { db::BenchDb::sqlite()? } else { db::BenchDb::postgres(&database_url).await? };
                let t = queue::ours(&db, jobs, workers).await?;
                println!(
                    "kino queue on {backend}: enqueue {:.0} videos/s; {workers} workers drain {jobs} jobs at {:.0} jobs/s \
                     (mean ms: claim {:.2}, heartbeat {:.2}, progress {:.2}, complete {:.2})",
                    t.enqueue_per_s, t.jobs_per_s, t.step_ms[0], t.step_ms[1], t.step_ms[2], t.step_ms[3]
                );
                db.drop().await?;
            }
            let db = db::BenchDb::postgres(&database_url).await?;
            let bare = queue::bare(&db, jobs, workers).await?;
            println!("bare SKIP LOCKED queue on postgres: {workers} workers drain {jobs} jobs at {bare:.0} jobs/s");
            db.drop().await
        }),
        Command::List { database_url, small, large, runs } => runtime()?.block_on(async {
            let mut dbs = vec![db::BenchDb::sqlite()?];
            if let Some(url) = &database_url {
                dbs.push(db::BenchDb::postgres(url).await?);
            }
            for db in dbs {
                let (a, b) = queue::list(&db, small, large, runs).await?;
                println!(
                    "{}: page of 20, p50 ms at {small} / {large} videos: first {:.3} / {:.3} ({:.2}x), after a cursor {:.3} / {:.3} ({:.2}x), newest first {:.3} / {:.3} ({:.2}x)",
                    db.backend,
                    a.first_p50_ms, b.first_p50_ms, b.first_p50_ms / a.first_p50_ms,
                    a.middle_p50_ms, b.middle_p50_ms, b.middle_p50_ms / a.middle_p50_ms,
                    a.desc_p50_ms, b.desc_p50_ms, b.desc_p50_ms / a.desc_p50_ms,
                );
                db.drop().await?;
            }
            anyhow::Ok(())
        }),
        Command::Api { database_url, kino_bin, runs, clients, duration } => runtime()?
            .block_on(api::run_all(&kino_bin, database_url.as_deref(), runs, clients, duration)),
        Command::Memory { kino_bin, downloads, subscribers } => {
            runtime()?.block_on(events::under_load(&kino_bin, downloads, subscribers))
        }
        Command::Poll { clients, cores, rounds } => {
            if cores == poll::Cores::Split {
                poll::pin_to_core(0)?;
            }
            runtime()?.block_on(poll::run(clients, cores, rounds))
        }
        Command::PollClients { base, ids, clients } => {
            poll::pin_to_core(1)?;
            runtime()?.block_on(poll::clients_main(base, ids, clients))
        }
        Command::Download { clients, duration } => runtime()?.block_on(download::run(clients, duration)),
        Command::Events { kino_bin, subscribers } => runtime()?.block_on(events::run(&kino_bin, subscribers)),
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

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
