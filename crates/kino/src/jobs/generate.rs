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
    Completed { frames: u32, bytes: u64 },
    Failed { code: String, message: String },
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
        finish(state, &job, Outcome::Failed {
            code: "model_unavailable".into(),
            message: format!("Model '{}' is no longer served by this server.", video.model),
        }, started).await;
        return;
    };
    let (width, height) = parse_size(&video.size).unwrap_or((720, 1280));
    let spec = GenerationSpec {
        prompt: video.prompt.clone().unwrap_or_default(),
        width,
        height,
        fps: FPS,
        seconds: video.seconds.parse().unwrap_or(4),
        seed: video.seed as u64,
        ..Default::default()
    };

    let cancel = CancelFlag::new();
    let control = RenderControl::new(cancel.clone());
    state.jobs.register(&video.id, cancel.clone());
    let tmp_path: PathBuf = state.config.tmp_dir().join(format!("{}-a{}.mp4", video.id, job.attempt));

    let lost = Arc::new(AtomicBool::new(false));
    let monitor = tokio::spawn(monitor(state.clone(), job.clone(), control.clone(), cancel.clone(), lost.clone()));

    let render = {
        let engine = model.engine.clone();
        let control = control.clone();
        let tmp_path = tmp_path.clone();
        tokio::task::spawn_blocking(move || {
            let settings =
                EncodeSettings::new(spec.width, spec.height, spec.fps).with_expected_frames(spec.frame_count());
            kino_media::encode_clip(&settings, &tmp_path, |sink| engine.render(&spec, sink, &control))
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
        Ok(Ok(out)) => Outcome::Rendered(out),
        Ok(Err(ClipError::Engine(EngineError::Cancelled))) if released => Outcome::Released,
        Ok(Err(ClipError::Engine(EngineError::Cancelled))) => Outcome::Withdrawn,
        Ok(Err(ClipError::Engine(EngineError::Fatal { code, message }))) => Outcome::Failed { code, message },
        Ok(Err(ClipError::Engine(EngineError::Retryable(msg)))) => Outcome::Retry(msg),
        Ok(Err(ClipError::Engine(EngineError::Sink(e)))) => encode_failure(e),
        Ok(Err(ClipError::Media(e))) => encode_failure(e),
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
    metrics::counter!(telemetry::RENDERED_FRAMES_TOTAL).increment(u64::from(control.units_done()));
    let secs = started.elapsed().as_secs_f64();
    if control.units_done() > 0 && secs > 0.0 {
        metrics::gauge!(telemetry::RENDER_FPS).set(f64::from(control.units_done()) / secs);
    }
    finish(state, &job, outcome, started).await;
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
async fn monitor(state: AppState, job: JobRow, control: RenderControl, cancel: CancelFlag, lost: Arc<AtomicBool>) {
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
