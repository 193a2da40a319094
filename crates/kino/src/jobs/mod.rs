//! Background work: render workers that claim jobs from the durable queue, and a sweeper
//! that recovers jobs from dead workers and removes expired videos. Render CPU work runs
//! on blocking threads, never on the async runtime.
pub mod batch;
pub mod control;
mod generate;
mod prepare;
mod stitch;
mod sweeper;
mod worker;

use futures::StreamExt;
use futures::stream::BoxStream;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::repo::Notice;

pub use control::JobControl;

pub struct Workers {
    tasks: JoinSet<()>,
}

impl Workers {
    /// Wait for every worker to finish (after shutdown): drained or released.
    pub async fn wait(mut self) {
        while self.tasks.join_next().await.is_some() {}
    }
}

pub async fn start(state: AppState, shutdown: CancellationToken) -> Workers {
    if !state.shared_db {
        // This process owns the database: whatever was running was left by a dead one.
        sweeper::recover_orphans(&state).await;
    }
    let mut tasks = JoinSet::new();
    match state.repo.notices().await {
        Ok(Some(notices)) => {
            tasks.spawn(relay_notices(state.clone(), notices, shutdown.clone()));
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "cannot listen for database notifications; workers poll instead"),
    }
    for n in 0..state.config.jobs.workers {
        tasks.spawn(worker::run(state.clone(), shutdown.clone(), n));
    }
    tasks.spawn(crate::webhooks::run(state.clone(), shutdown.clone()));
    tasks.spawn(batch::run(state.clone(), shutdown.clone()));
    tasks.spawn(crate::live::run(state.clone(), shutdown.clone()));
    tasks.spawn(sweeper::run(state, shutdown));
    Workers { tasks }
}

/// Act on other processes' notices: a queued job wakes the idle workers here, a deleted
/// video stops its render here at once.
async fn relay_notices(state: AppState, mut notices: BoxStream<'static, Notice>, shutdown: CancellationToken) {
    loop {
        let notice = tokio::select! {
            n = notices.next() => n,
            () = shutdown.cancelled() => return,
        };
        match notice {
            Some(Notice::Jobs) => {
                // Also what a reconnect yields: changes may have been missed too.
                state.jobs.wake_workers();
                state.live.wake();
            }
            Some(Notice::Changes) => state.live.wake(),
            Some(Notice::Cancel(video_id)) => {
                state.finished.remove(&video_id);
                if state.jobs.cancel_video(&video_id) {
                    tracing::info!(video.id = %video_id, "render stopped: its video was deleted elsewhere");
                }
            }
            None => return,
        }
    }
}
