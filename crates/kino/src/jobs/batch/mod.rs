//! The batch driver: one background task that moves every batch along from what the database
//! says, so a restart simply carries on. Each pass it validates new batches, settles lines
//! whose video finished, turns pending lines into videos while fewer than
//! `--batch-concurrency` batch videos are unfinished (across all batches; interactive jobs
//! are claimed first anyway), stops cancelled or expired batches, and writes the results of
//! finished ones.
mod error;
pub mod lines;
mod output;
mod validate;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use error::DriverError;
use output::{GONE_CODE, GONE_MESSAGE, Plan};
use validate::Validation;

use crate::app::AppState;
use crate::create;
use crate::ids;
use crate::repo::{BatchFinish, BatchLine, BatchRow, BatchStatus, RequestCounts};
use crate::storage::file_key;
use crate::wire::LineOutcome;

/// Renders ending, batches created and cancels wake the driver; this is the fallback.
const IDLE_POLL: Duration = Duration::from_millis(1000);

const CANCELLED_CODE: &str = "batch_cancelled";
const CANCELLED_LINE: &str = "This request was cancelled before it completed.";
const CANCELLED_VIDEO: &str = "The batch this video belongs to was cancelled before it finished.";
const EXPIRED_CODE: &str = "batch_expired";
const EXPIRED_LINE: &str = "This request could not be executed before the completion window expired.";
const EXPIRED_VIDEO: &str = "The batch this video belongs to expired before it finished.";

/// Processes sharing a database take turns through this lease: one driver at a time.
const LEASE: &str = "batch-driver";
const LEASE_TTL: Duration = Duration::from_secs(30);

pub async fn run(state: AppState, shutdown: CancellationToken) {
    tracing::info!(concurrency = state.config.batches.concurrency, "batch driver started");
    let owner = ids::worker_id();
    loop {
        // Anything interrupted here is redone from the database on the next pass.
        if leading(&state, &owner).await {
            tokio::select! {
                () = tick(&state) => {}
                () = shutdown.cancelled() => break,
            }
        }
        tokio::select! {
            () = state.jobs.batches.notified() => {}
            () = tokio::time::sleep(IDLE_POLL) => {}
            () = shutdown.cancelled() => break,
        }
    }
    if let Err(e) = state.repo.drop_lease(LEASE, &owner).await {
        tracing::warn!(error = %e, "releasing the batch driver lease failed; it runs out by itself");
    }
    tracing::info!("batch driver stopped");
}

/// Whether this process drives batches now (always, when it owns the database).
async fn leading(state: &AppState, owner: &str) -> bool {
    if !state.shared_db {
        return true;
    }
    match state.repo.hold_lease(LEASE, owner, LEASE_TTL.as_millis() as i64, ids::now_millis()).await {
        Ok(held) => held,
        Err(e) => {
            tracing::warn!(error = %e, "renewing the batch driver lease failed");
            false
        }
    }
}

async fn tick(state: &AppState) {
    let batches = match state.repo.active_batches().await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "listing active batches failed");
            return;
        }
    };
    if batches.is_empty() {
        return;
    }
    let mut free = match state.repo.unfinished_batch_videos().await {
        Ok(n) => (state.config.batches.concurrency as i64 - n).max(0),
        Err(e) => {
            tracing::error!(error = %e, "counting batch renders failed");
            return;
        }
    };
    for batch in batches {
        let span = tracing::info_span!("batch", batch.id = %batch.id, status = batch.status.as_str());
        if let Err(e) = step(state, &batch, &mut free).instrument(span).await {
            tracing::error!(batch.id = %batch.id, error = %e, "batch step failed; retrying on the next pass");
        }
    }
}

/// One move for one batch, chosen by its status.
async fn step(state: &AppState, batch: &BatchRow, free: &mut i64) -> Result<(), DriverError> {
    let expired = ids::now_secs() >= batch.expires_at;
    match batch.status {
        BatchStatus::Validating | BatchStatus::InProgress if expired => stop(state, batch, BatchStatus::Expired).await,
        BatchStatus::Validating => validate(state, batch).await,
        BatchStatus::InProgress => progress(state, batch, free).await,
        BatchStatus::Finalizing => finish(state, batch, BatchStatus::Finalizing, BatchStatus::Completed).await,
        BatchStatus::Cancelling => stop(state, batch, BatchStatus::Cancelled).await,
        _ => Ok(()),
    }
}

async fn validate(state: &AppState, batch: &BatchRow) -> Result<(), DriverError> {
    let now = ids::now_secs();
    match validate::run(state, batch).await? {
        Validation::Valid { model } => {
            if state.repo.start_batch(&batch.id, model.as_deref(), now).await? {
                tracing::info!(batch.id = %batch.id, model = model.as_deref().unwrap_or("-"), "batch validated");
                state.jobs.wake_batches();
            }
        }
        Validation::Invalid(errors) => {
            let json = serde_json::to_string(&errors).expect("errors serialize");
            if state.repo.fail_batch(&batch.id, &json, now).await? {
                tracing::info!(batch.id = %batch.id, errors = errors.len(), first = %errors[0].code, "batch failed validation");
            }
        }
    }
    Ok(())
}

async fn progress(state: &AppState, batch: &BatchRow, free: &mut i64) -> Result<(), DriverError> {
    let gone = LineOutcome::error(GONE_CODE, GONE_MESSAGE).to_json();
    let open = state.repo.settle_batch_lines(&batch.id, &gone).await?;
    if open == 0 {
        if state.repo.finalize_batch(&batch.id, ids::now_secs()).await? {
            finish(state, batch, BatchStatus::Finalizing, BatchStatus::Completed).await?;
        }
        return Ok(());
    }
    if *free <= 0 {
        return Ok(());
    }
    let lines = state.repo.pending_batch_lines(&batch.id, *free as u32).await?;
    // References may be fetched from URLs: the few lines of one pass go at once.
    let results = futures::future::join_all(lines.into_iter().map(|line| dispatch(state, batch, line))).await;
    for result in results {
        if result? {
            *free -= 1;
        }
    }
    Ok(())
}

/// Make the line's video, as `POST /v1/videos` would. True when a video was queued; a body
/// the API would refuse (a missing file, an unreachable URL) fails just this line.
async fn dispatch(state: &AppState, batch: &BatchRow, line: BatchLine) -> Result<bool, DriverError> {
    let Some(body) = line.body.as_deref() else {
        let outcome = LineOutcome::error("internal_error", "The request body was lost.").to_json();
        state.repo.fail_batch_line(&batch.id, line.line, &outcome).await?;
        return Ok(false);
    };
    let video = match lines::prepare_video(state, &batch.project_id, body).await {
        Ok(video) => video,
        Err(e) => {
            let Some(outcome) = lines::rejection(&e) else {
                // Transient (storage, database): the line stays pending for the next pass.
                tracing::warn!(batch.id = %batch.id, line = line.line, error = %e, "batch line not dispatched yet");
                return Ok(false);
            };
            tracing::info!(batch.id = %batch.id, line = line.line, error = %e, "batch line refused");
            state.repo.fail_batch_line(&batch.id, line.line, &outcome.to_json()).await?;
            return Ok(false);
        }
    };
    let job = create::new_job(state, line.request_id.clone());
    let video_id = video.row.id.clone();
    let inserted =
        video.store(state, async |row| state.repo.dispatch_batch_line(&batch.id, line.line, row, &job).await).await;
    match inserted {
        Ok(true) => {
            state.jobs.wake_workers();
            tracing::info!(batch.id = %batch.id, line = line.line, video.id = %video_id, "batch line queued");
            Ok(true)
        }
        // The line moved on meanwhile (cancelled): nothing of this video is kept.
        Ok(false) => {
            let _ = state.storage.delete_prefix(&crate::storage::video_prefix(&video_id)).await;
            Ok(false)
        }
        Err(create::CreateError::Repo(e)) => Err(e.into()),
        Err(create::CreateError::Store(e)) => Err(e.into()),
        Err(e) => {
            tracing::warn!(batch.id = %batch.id, line = line.line, error = %e, "batch line not dispatched yet");
            Ok(false)
        }
    }
}

/// Cancel or expiry: stop what is unfinished, then write the partial results.
async fn stop(state: &AppState, batch: &BatchRow, to: BatchStatus) -> Result<(), DriverError> {
    let (code, line_message, video_message) = match to {
        BatchStatus::Expired => (EXPIRED_CODE, EXPIRED_LINE, EXPIRED_VIDEO),
        _ => (CANCELLED_CODE, CANCELLED_LINE, CANCELLED_VIDEO),
    };
    if batch.in_progress_at.is_none() {
        // Stopped while validating: no request was run, so there is nothing to report.
        state.repo.clear_batch_lines(&batch.id).await?;
        let finish = BatchFinish {
            from: batch.status,
            to,
            now_secs: ids::now_secs(),
            output_file: None,
            error_file: None,
            counts: RequestCounts::default(),
            videos_expire_at: ids::now_secs(),
        };
        if state.repo.finish_batch(&batch.id, &finish).await? {
            tracing::info!(batch.id = %batch.id, status = to.as_str(), "batch stopped before it started");
        }
        return Ok(());
    }
    let outcome = LineOutcome::error(code, line_message).to_json();
    let stopped = state.repo.stop_batch_lines(&batch.id, code, video_message, &outcome, ids::now_secs()).await?;
    for video_id in &stopped {
        state.jobs.cancel_video(video_id);
    }
    if !stopped.is_empty() {
        tracing::info!(batch.id = %batch.id, videos = stopped.len(), "batch renders stopped");
    }
    finish(state, batch, batch.status, to).await
}

/// Write the result files and reach `to`, all in one transaction once the blobs are stored.
async fn finish(state: &AppState, batch: &BatchRow, from: BatchStatus, to: BatchStatus) -> Result<(), DriverError> {
    let (output_id, error_id) = state.repo.plan_batch_files(&batch.id, &ids::file_id(), &ids::file_id()).await?;
    let now = ids::now_secs();
    let retention = state.config.batches.output_retention.as_secs() as i64;
    let plan = Plan {
        output_id: &output_id,
        error_id: &error_id,
        now_secs: now,
        videos_expire_at: now + retention,
        files_expire_at: now + batch.output_expires_after.unwrap_or(retention),
    };
    let written = output::write(state, batch, &plan).await?;
    let finish = BatchFinish {
        from,
        to,
        now_secs: now,
        output_file: written.output,
        error_file: written.error,
        counts: written.counts,
        videos_expire_at: plan.videos_expire_at,
    };
    if state.repo.finish_batch(&batch.id, &finish).await? {
        tracing::info!(
            batch.id = %batch.id, status = to.as_str(), total = finish.counts.total,
            completed = finish.counts.completed, failed = finish.counts.failed, "batch finished"
        );
    } else {
        // It moved on meanwhile (cancelled while expiring): its next step writes the files again.
        for file in [&finish.output_file, &finish.error_file].into_iter().flatten() {
            let _ = state.storage.delete(&file_key(&file.id)).await;
        }
    }
    Ok(())
}
