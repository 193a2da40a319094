//! One attempt at a `generate` job: render + encode on a blocking thread, report real
//! progress, keep the lease alive, publish the assets, then flip the video to `completed`
//! fenced by the attempt — or fail, retry, or release it, visibly.
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use kino_engine::{CancelFlag, EngineError, GenerationSpec, RenderControl};
use kino_media::{ClipError, EncodeOutput, EncodeSettings};
use rand::Rng;
use tokio_util::sync::CancellationToken;

use super::prepare::{self, PrepareError, Prepared};
use crate::app::AppState;
use crate::ids;
use crate::models::{FPS, parse_size};
use crate::repo::{ClaimedJob, JobRow};
use crate::storage::{Asset, asset_key, attempt_prefix};
use crate::telemetry;

/// Share of `progress` given to rendering; the rest covers encoding the tail and publishing.
const RENDER_SHARE: f32 = 95.0;
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// How an attempt ended, before it is written down.
enum Outcome {
    /// Rendered and encoded; not yet published.
    Rendered(EncodeOutput),
    /// Published and recorded as completed.
    Completed {
        frames: u32,
        bytes: u64,
    },
    Failed {
        code: String,
        message: String,
    },
    Retry(String),
    /// Withdrawn: the video was deleted or the lease lost. Nothing to record.
    Withdrawn,
    /// Shutdown ran out of grace: hand the job back for the next process.
    Released,
}

pub async fn run(state: &AppState, claimed: ClaimedJob, shutdown: &CancellationToken) {
    let ClaimedJob { job, video } = claimed;
    let started = Instant::now();
    tracing::info!(model = %video.model, size = %video.size, seconds = %video.seconds, "render started");
    metrics::gauge!(telemetry::JOBS_RUNNING).increment(1.0);

    let Some(model) = state.models.get(&video.model).cloned() else {
        finish(
            state,
            &job,
            Outcome::Failed {
                code: "model_unavailable".into(),
                message: format!("Model '{}' is no longer served by this server.", video.model),
            },
            started,
        )
        .await;
        return;
    };
    let (width, height) = parse_size(&video.size).unwrap_or((720, 1280));
    let base = GenerationSpec {
        prompt: video.prompt.clone().unwrap_or_default(),
        width,
        height,
        fps: FPS,
        seconds: video.seconds.parse().unwrap_or(4),
        seed: video.seed as u64,
        ..Default::default()
    };
    let fetched = match prepare::fetch(state, &video, model.engine.name(), base).await {
        Ok(p) => p,
        Err(PrepareError::Invalid { code, message }) => {
            finish(state, &job, Outcome::Failed { code: code.into(), message }, started).await;
            return;
        }
        Err(e @ PrepareError::Storage(_)) => {
            finish(state, &job, Outcome::Retry(e.to_string()), started).await;
            return;
        }
    };

    let cancel = CancelFlag::new();
    let mut progress = Progress::new(&cancel, fetched.frames());
    progress.engine = progress.engine.clone().with_saved_state(job.engine_state.clone(), state_store(state, &job));
    state.jobs.register(&video.id, cancel.clone());
    let tmp_path: PathBuf = state.tmp_dir.join(format!("{}-a{}.mp4", video.id, job.attempt));

    let lost = Arc::new(AtomicBool::new(false));
    let monitor = tokio::spawn(monitor(state.clone(), job.clone(), progress.clone(), cancel.clone(), lost.clone()));

    let render = {
        let engine = model.engine.clone();
        let progress = progress.clone();
        let tmp_path = tmp_path.clone();
        tokio::task::spawn_blocking(move || {
            let prepared = fetched.decode()?;
            let Prepared { spec, head } = &prepared;
            let settings =
                EncodeSettings::new(spec.width, spec.height, spec.fps).with_expected_frames(prepared.total_frames());
            Ok(kino_media::encode_clip(&settings, &tmp_path, |sink| {
                if let Some(head) = head {
                    head.stitch(sink, &progress.head)?;
                }
                engine.render(spec, sink, &progress.engine)
            }))
        })
    };
    tokio::pin!(render);

    // On shutdown, let the render run on for the grace period, then withdraw it.
    let mut released = false;
    let result = tokio::select! {
        r = &mut render => r,
        _ = shutdown.cancelled() => {
            tracing::info!(grace = ?state.config.jobs.shutdown_grace, "shutdown: letting the render finish");
            match tokio::time::timeout(state.config.jobs.shutdown_grace, &mut render).await {
                Ok(r) => r,
                Err(_) => {
                    released = true;
                    cancel.cancel();
                    render.await
                }
            }
        }
    };

    let outcome = match result {
        Err(join) => Outcome::Failed {
            code: "engine_error".into(),
            message: "The engine crashed while rendering this video.".into(),
        }
        .log_panic(join),
        Ok(Err(PrepareError::Invalid { code, message })) => Outcome::Failed { code: code.into(), message },
        Ok(Err(e @ PrepareError::Storage(_))) => Outcome::Retry(e.to_string()),
        Ok(Ok(Ok(out))) => Outcome::Rendered(out),
        Ok(Ok(Err(ClipError::Engine(EngineError::Cancelled)))) if released => Outcome::Released,
        Ok(Ok(Err(ClipError::Engine(EngineError::Cancelled)))) => Outcome::Withdrawn,
        Ok(Ok(Err(ClipError::Engine(EngineError::Fatal { code, message })))) => Outcome::Failed { code, message },
        Ok(Ok(Err(ClipError::Engine(EngineError::Retryable(msg))))) => Outcome::Retry(msg),
        Ok(Ok(Err(ClipError::Engine(EngineError::Sink(e))))) => encode_failure(e),
        Ok(Ok(Err(ClipError::Media(e)))) => encode_failure(e),
    };
    let outcome = match outcome {
        Outcome::Rendered(out) if !lost.load(Ordering::SeqCst) => {
            let _ = state.repo.set_progress(&job, 97).await;
            publish(state, &job, out).await
        }
        Outcome::Rendered(_) => Outcome::Withdrawn,
        other => other,
    };
    monitor.abort();
    state.jobs.unregister(&video.id);
    let _ = tokio::fs::remove_file(&tmp_path).await;
    let units = progress.units_done();
    metrics::counter!(telemetry::RENDERED_FRAMES_TOTAL).increment(u64::from(units));
    let secs = started.elapsed().as_secs_f64();
    if units > 0 && secs > 0.0 {
        metrics::gauge!(telemetry::RENDER_FPS).set(f64::from(units) / secs);
    }
    finish(state, &job, outcome, started).await;
}

/// Saves the engine's resume state with the job, fenced by the attempt. Called from the
/// render's blocking thread.
fn state_store(state: &AppState, job: &JobRow) -> kino_engine::StateStore {
    let (repo, job, handle) = (state.repo.clone(), job.clone(), tokio::runtime::Handle::current());
    Arc::new(move |saved: Option<&str>| match handle.block_on(repo.set_engine_state(&job, saved)) {
        Ok(true) => Ok(()),
        Ok(false) => Err("the job is no longer this attempt's".into()),
        Err(e) => Err(e.to_string()),
    })
}

/// Progress over the whole file: an extension's stitched head, then the engine's frames.
#[derive(Clone)]
struct Progress {
    head: RenderControl,
    engine: RenderControl,
    head_frames: u32,
    engine_frames: u32,
}

impl Progress {
    fn new(cancel: &CancelFlag, (engine_frames, head_frames): (u32, u32)) -> Self {
        Self {
            head: RenderControl::new(cancel.clone()),
            engine: RenderControl::new(cancel.clone()),
            head_frames,
            engine_frames,
        }
    }

    fn fraction(&self) -> f32 {
        let total = (self.head_frames + self.engine_frames).max(1) as f32;
        let head = self.head.units_done().min(self.head_frames) as f32;
        (head + self.engine.fraction() * self.engine_frames as f32) / total
    }

    /// Frames made or copied (engines that count steps report those instead).
    fn units_done(&self) -> u32 {
        self.head.units_done() + self.engine.units_done()
    }
}

impl Outcome {
    fn log_panic(self, join: tokio::task::JoinError) -> Self {
        tracing::error!(error = %join, "render task panicked");
        self
    }
}

fn encode_failure(e: impl std::fmt::Display) -> Outcome {
    tracing::error!(error = %e, "encoding failed");
    Outcome::Failed { code: "encode_failed".into(), message: "Encoding the rendered video failed.".into() }
}

/// Progress and lease, while the render runs. A heartbeat that finds the job gone
/// (deleted, or reclaimed after a stall) cancels the render.
async fn monitor(state: AppState, job: JobRow, control: Progress, cancel: CancelFlag, lost: Arc<AtomicBool>) {
    let lease = state.config.jobs.lease;
    let beat_every = lease / 3;
    let mut last_beat = Instant::now();
    let mut last_progress = -1i64;
    loop {
        tokio::time::sleep(PROGRESS_EVERY).await;
        let progress = (control.fraction() * RENDER_SHARE) as i64;
        if progress > last_progress {
            match state.repo.set_progress(&job, progress).await {
                Ok(()) => last_progress = progress,
                Err(e) => tracing::warn!(error = %e, "progress update failed"),
            }
        }
        if last_beat.elapsed() >= beat_every {
            let until = ids::now_millis() + lease.as_millis() as i64;
            match state.repo.heartbeat(&job, until).await {
                Ok(true) => last_beat = Instant::now(),
                Ok(false) => {
                    tracing::warn!("job withdrawn (deleted or lease lost); cancelling render");
                    lost.store(true, Ordering::SeqCst);
                    cancel.cancel();
                    return;
                }
                Err(e) => tracing::warn!(error = %e, "heartbeat failed; will retry"),
            }
        }
    }
}

/// Upload the three assets under this attempt's prefix, then flip the row. If the flip is
/// refused (the video was deleted meanwhile), remove what was uploaded.
async fn publish(state: &AppState, job: &JobRow, out: EncodeOutput) -> Outcome {
    let prefix = attempt_prefix(&job.video_id, job.attempt);
    let (frames, bytes) = (out.video_frames, out.mp4_bytes);
    let EncodeOutput { mp4_path, thumbnail_webp, spritesheet_jpeg, .. } = out;
    let upload = async {
        state.storage.put_file(&asset_key(&prefix, Asset::Video), &mp4_path).await?;
        state.storage.put_bytes(&asset_key(&prefix, Asset::Thumbnail), thumbnail_webp).await?;
        state.storage.put_bytes(&asset_key(&prefix, Asset::Spritesheet), spritesheet_jpeg).await?;
        Ok::<_, crate::storage::StoreError>(())
    };
    if let Err(e) = upload.await {
        tracing::error!(error = %e, "publishing assets failed");
        let _ = state.storage.delete_prefix(&prefix).await;
        return Outcome::Retry(format!("storage: {e}"));
    }
    let now = ids::now_secs();
    let expires_at = state.config.storage.retention.map(|r| now + r.as_secs() as i64);
    match state.repo.complete_job(job, &prefix, now, expires_at).await {
        Ok(true) => Outcome::Completed { frames, bytes },
        Ok(false) => {
            let _ = state.storage.delete_prefix(&prefix).await;
            Outcome::Withdrawn
        }
        Err(e) => {
            tracing::error!(error = %e, "recording completion failed");
            let _ = state.storage.delete_prefix(&prefix).await;
            Outcome::Retry(format!("database: {e}"))
        }
    }
}

/// Write down how the attempt ended (completion is already written by `publish`).
async fn finish(state: &AppState, job: &JobRow, outcome: Outcome, started: Instant) {
    metrics::gauge!(telemetry::JOBS_RUNNING).decrement(1.0);
    let elapsed = started.elapsed();
    let label = match &outcome {
        Outcome::Completed { frames, bytes } => {
            tracing::info!(frames, bytes, secs = elapsed.as_secs_f64(), "render completed");
            "completed"
        }
        Outcome::Rendered(_) => {
            tracing::error!("a rendered clip was neither published nor withdrawn");
            "withdrawn"
        }
        Outcome::Failed { code, message } => {
            tracing::warn!(%code, %message, "render failed");
            if let Err(e) = state.repo.fail_job(job, code, message, ids::now_secs()).await {
                tracing::error!(error = %e, "recording failure failed; lease recovery will retry the job");
            }
            "failed"
        }
        Outcome::Retry(why) => {
            if job.attempt < job.max_attempts {
                let backoff = retry_backoff(job.attempt);
                tracing::warn!(%why, ?backoff, "render will be retried");
                let run_after = ids::now_millis() + backoff.as_millis() as i64;
                if let Err(e) = state.repo.retry_job(job, run_after, why).await {
                    tracing::error!(error = %e, "requeue failed; lease recovery will retry the job");
                }
                "retried"
            } else {
                let message = format!("The render failed {} times; the last error was transient.", job.attempt);
                tracing::warn!(%why, "attempts exhausted");
                if let Err(e) = state.repo.fail_job(job, "engine_error", &message, ids::now_secs()).await {
                    tracing::error!(error = %e, "recording failure failed");
                }
                "failed"
            }
        }
        Outcome::Withdrawn => {
            tracing::info!("render withdrawn");
            "withdrawn"
        }
        Outcome::Released => {
            match state.repo.release_job(job).await {
                Ok(_) => tracing::info!("render released for another process to resume"),
                Err(e) => tracing::error!(error = %e, "release failed; lease recovery will requeue the job"),
            }
            "released"
        }
    };
    metrics::counter!(telemetry::JOBS_TOTAL, "kind" => "generate", "outcome" => label).increment(1);
    metrics::histogram!(telemetry::JOB_DURATION_SECONDS, "kind" => "generate").record(elapsed.as_secs_f64());
    state.jobs.wake_workers();
}

/// Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at 5 minutes.
fn retry_backoff(attempt: i64) -> Duration {
    let base = 2u64.saturating_pow(attempt.clamp(1, 20) as u32).min(300);
    let jitter = rand::rng().random_range(0..=base * 250);
    Duration::from_millis(base * 1000 + jitter)
}
