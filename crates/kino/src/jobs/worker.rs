//! The claim loop: take the oldest runnable job, run it, repeat; sleep until woken
//! (enqueue in this process) or the poll interval passes (enqueue elsewhere, retries due).
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::app::AppState;
use crate::ids;

const IDLE_POLL: Duration = Duration::from_millis(1000);

pub async fn run(state: AppState, shutdown: CancellationToken, n: usize) {
    let worker_id = ids::worker_id();
    tracing::info!(worker = %worker_id, n, "worker started");
    let lease_ms = state.config.jobs.lease.as_millis() as i64;
    while !shutdown.is_cancelled() {
        // Register for a wake-up before looking, so an enqueue between the look and the
        // wait is not missed.
        let woken = state.jobs.wake.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        match state.repo.claim_job(&worker_id, lease_ms, ids::now_millis()).await {
            Ok(Some(claimed)) => {
                let span = tracing::info_span!(
                    "job",
                    job.id = %claimed.job.id,
                    job.kind = %claimed.job.kind,
                    video.id = %claimed.job.video_id,
                    attempt = claimed.job.attempt,
                    request_id = claimed.job.request_id.as_deref().unwrap_or("-"),
                );
                super::generate::run(&state, claimed, &shutdown).instrument(span).await;
            }
            Ok(None) => {
                tokio::select! {
                    _ = &mut woken => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "claiming a job failed; retrying shortly");
                tokio::select! {
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
        }
    }
    tracing::info!(worker = %worker_id, "worker stopped");
}
