//! Periodic housekeeping: recover jobs whose worker died (lease expired), remove videos
//! whose retention passed and files whose `expires_at` did (metadata first, so nothing is
//! ever listed without its content), and publish the queue depth.
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::ids;
use crate::storage::{file_key, video_prefix};
use crate::telemetry;

/// At start-up, before any worker claims: the data-dir lock proves no other process runs
/// the jobs still marked running, so recover them now rather than when their leases end.
pub async fn recover_orphans(state: &AppState) {
    recover(state, i64::MAX).await;
    // Webhook attempts cut short by the last stop are sent again now, not after their lease.
    match state.repo.release_delivery_leases().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deliveries = n, "webhook deliveries interrupted by the last stop will be resent"),
        Err(e) => {
            tracing::warn!(error = %e, "releasing webhook delivery leases failed; they resend when their lease ends")
        }
    }
}

pub async fn run(state: AppState, shutdown: CancellationToken) {
    let every = (state.config.jobs.lease / 3).clamp(Duration::from_millis(200), Duration::from_secs(10));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.cancelled() => return,
        }
        recover(&state, ids::now_millis()).await;
        expire(&state).await;
        expire_files(&state).await;
        prune_events(&state).await;
        prune_changes(&state).await;
        if let Ok(depth) = state.repo.queue_depth().await {
            metrics::gauge!(telemetry::QUEUE_DEPTH).set(depth as f64);
        }
    }
}

async fn recover(state: &AppState, expired_before_ms: i64) {
    match state.repo.reclaim_expired(expired_before_ms, ids::now_millis()).await {
        Ok(reclaimed) => {
            for r in &reclaimed {
                if r.requeued {
                    tracing::warn!(video.id = %r.job.video_id, attempt = r.job.attempt, "worker lost; job requeued");
                } else {
                    tracing::error!(video.id = %r.job.video_id, attempt = r.job.attempt, "worker lost; attempts exhausted, video failed");
                }
            }
            if !reclaimed.is_empty() {
                state.jobs.wake_workers();
            }
        }
        Err(e) => tracing::error!(error = %e, "lease recovery failed"),
    }
}

async fn expire(state: &AppState) {
    let expired = match state.repo.expired_videos(ids::now_secs(), 100).await {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, "listing expired videos failed");
            return;
        }
    };
    for video in expired {
        let deleted = state.repo.delete_video(&video.project_id, &video.id).await;
        state.finished.remove(&video.id);
        match deleted {
            Ok(_) => {
                if let Err(e) = state.storage.delete_prefix(&video_prefix(&video.id)).await {
                    tracing::warn!(video.id = %video.id, error = %e, "removing expired content failed");
                } else {
                    tracing::info!(video.id = %video.id, "expired video removed");
                }
            }
            Err(e) => tracing::error!(video.id = %video.id, error = %e, "expiring video failed"),
        }
    }
}

async fn expire_files(state: &AppState) {
    let expired = match state.repo.expired_files(ids::now_secs(), 100).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "listing expired files failed");
            return;
        }
    };
    for file in expired {
        match state.repo.delete_file(&file.project_id, &file.id).await {
            Ok(_) => {
                if let Err(e) = state.storage.delete(&file_key(&file.id)).await {
                    tracing::warn!(file.id = %file.id, error = %e, "removing expired file content failed");
                } else {
                    tracing::info!(file.id = %file.id, "expired file removed");
                }
            }
            Err(e) => tracing::error!(file.id = %file.id, error = %e, "expiring file failed"),
        }
    }
}

/// Events (and their delivery logs) are kept a day past the last possible retry.
async fn prune_events(state: &AppState) {
    let keep = state.config.webhooks.max_age + Duration::from_secs(24 * 3600);
    let before = ids::now_secs() - keep.as_secs() as i64;
    match state.repo.prune_events(before).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(events = n, "old webhook events pruned"),
        Err(e) => tracing::warn!(error = %e, "pruning webhook events failed"),
    }
}

/// The change feed is kept for the window an event stream can resume in.
async fn prune_changes(state: &AppState) {
    let before = ids::now_millis() - crate::live::RESUME_WINDOW.as_millis() as i64;
    match state.repo.prune_changes(before).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(changes = n, "old changes pruned"),
        Err(e) => tracing::warn!(error = %e, "pruning the change feed failed"),
    }
}
