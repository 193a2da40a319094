//! The durable job queue: every render is a `jobs` row that workers claim under a lease,
//! heartbeat while they run, and finish fenced by attempt, so a worker that lost its lease
//! (it stalled, or another process reclaimed the job) cannot overwrite the newer attempt.
//! On SQLite a claim's `BEGIN IMMEDIATE` is the lock; on PostgreSQL `FOR UPDATE SKIP
//! LOCKED` lets many workers claim side by side, and the commit of an enqueue notifies
//! them (`LISTEN`).
use async_trait::async_trait;
use sqlx::any::{Any, AnyArguments};
use sqlx::query::Query;
use sqlx::{AnyConnection, FromRow, Row};

use super::db::{Dialect, JOBS_CHANNEL, SqlRepo, notify, query, query_scalar};
use super::events::{EventType, NewEvent, record_event};
use super::usage::record_usage;
use super::videos::VIDEO_COLUMNS;
use super::{ClaimedJob, JobRow, Reclaimed, RepoResult, VideoRow};

#[async_trait]
pub trait JobQueue: Send + Sync + 'static {
    /// Claim the oldest runnable job: mark it running under `worker`'s lease, bump its
    /// attempt, and move its video to `in_progress`.
    async fn claim_job(&self, worker: &str, lease_ms: i64, now_ms: i64) -> RepoResult<Option<ClaimedJob>>;
    /// Extend the lease. False when the job is no longer ours (deleted, or reclaimed).
    async fn heartbeat(&self, job: &JobRow, lease_until_ms: i64) -> RepoResult<bool>;
    /// Save (or clear) the engine's resume state, fenced by the attempt. False: not ours any more.
    async fn set_engine_state(&self, job: &JobRow, state: Option<&str>) -> RepoResult<bool>;
    async fn set_progress(&self, job: &JobRow, progress: i64) -> RepoResult<()>;
    /// Fenced by attempt: false when a stale worker tries to finish a job it lost.
    async fn complete_job(
        &self,
        job: &JobRow,
        asset_prefix: &str,
        completed_at: i64,
        expires_at: Option<i64>,
    ) -> RepoResult<bool>;
    async fn fail_job(&self, job: &JobRow, code: &str, message: &str, now_secs: i64) -> RepoResult<bool>;
    /// Back to the queue after a retryable failure, runnable from `run_after_ms`.
    async fn retry_job(&self, job: &JobRow, run_after_ms: i64, error: &str) -> RepoResult<bool>;
    /// Hand back a job this process will not finish (shutdown): the attempt does not count.
    async fn release_job(&self, job: &JobRow) -> RepoResult<bool>;
    /// Requeue or fail running jobs whose lease ends before `expired_before_ms` (their
    /// worker died); requeued ones are runnable from `now_ms`.
    async fn reclaim_expired(&self, expired_before_ms: i64, now_ms: i64) -> RepoResult<Vec<Reclaimed>>;
    async fn queue_depth(&self) -> RepoResult<i64>;
}

const JOB_COLUMNS: &str = "id, kind, video_id, project_id, attempt, max_attempts, request_id, engine_state";

fn now_ms() -> i64 {
    crate::ids::now_millis()
}

/// `UPDATE jobs SET {set}, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'`:
/// a write by the worker holding `job`'s attempt, and by no stale one. `bind` binds the values
/// `set` names. True when the job was still that attempt's.
async fn fenced<'q>(
    conn: &mut AnyConnection,
    job: &'q JobRow,
    set: &str,
    bind: impl FnOnce(Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments>,
) -> RepoResult<bool> {
    let text = format!("UPDATE jobs SET {set}, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'");
    let done = bind(query(text)).bind(now_ms()).bind(&job.id).bind(job.attempt).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `job`, just claimed in `tx`, keeps its project within its tier's `limit` of
/// concurrent renders. The claim's own check reads committed rows only, so on PostgreSQL
/// two claimers of one project can both pass it; claims of a limited project therefore
/// queue on a lock of that project and count again, seeing what the other committed.
async fn within_render_limit(tx: &mut AnyConnection, job: &JobRow, limit: i64) -> RepoResult<bool> {
    query("SELECT pg_advisory_xact_lock(hashtext(?))").bind(&job.project_id).execute(&mut *tx).await?;
    let others: i64 = query_scalar("SELECT COUNT(*) FROM jobs WHERE project_id = ? AND status = 'running' AND id <> ?")
        .bind(&job.project_id)
        .bind(&job.id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(others < limit)
}

#[async_trait]
impl JobQueue for SqlRepo {
    async fn claim_job(&self, worker: &str, lease_ms: i64, now_ms: i64) -> RepoResult<Option<ClaimedJob>> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let row = query(format!(
            "UPDATE jobs SET status = 'running', attempt = attempt + 1, lease_owner = ?, \
             lease_expires_at = ?, updated_at = ? \
             WHERE id = (SELECT j.id FROM jobs j \
                           LEFT JOIN projects p ON p.id = j.project_id LEFT JOIN tiers t ON t.tier = p.tier \
                         WHERE j.status = 'queued' AND j.run_after <= ? \
                           AND (t.max_concurrent IS NULL OR (SELECT COUNT(*) FROM jobs r \
                                WHERE r.project_id = j.project_id AND r.status = 'running') < t.max_concurrent) \
                         ORDER BY j.priority, j.run_after, j.created_at, j.id LIMIT 1{}) \
             RETURNING {JOB_COLUMNS}, (SELECT t.max_concurrent FROM projects p JOIN tiers t ON t.tier = p.tier \
                                      WHERE p.id = jobs.project_id) AS max_concurrent",
            self.dialect.skip_locked(Some("j"))
        ))
        .bind(worker)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(now_ms)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            // A dropped transaction only rolls back when its connection is next used:
            // end it now, or the write lock stays held by an idle pooled connection.
            tx.rollback().await?;
            return Ok(None);
        };
        let job = JobRow::from_row(&row)?;
        let limit: Option<i64> = row.try_get("max_concurrent")?;
        if let (Dialect::Postgres, Some(limit)) = (self.dialect, limit)
            && !within_render_limit(&mut tx, &job, limit).await?
        {
            tx.rollback().await?;
            // The other claimer committed first: the next look skips this project.
            return Box::pin(self.claim_job(worker, lease_ms, now_ms)).await;
        }
        let video = query(format!(
            "UPDATE videos SET status = 'in_progress', progress = 0 WHERE id = ? RETURNING {VIDEO_COLUMNS}"
        ))
        .bind(&job.video_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(video) = video else {
            // The video vanished under its job (should not happen: delete removes both).
            query("DELETE FROM jobs WHERE id = ?").bind(&job.id).execute(&mut *tx).await?;
            tx.commit().await?;
            return Ok(None);
        };
        let video = VideoRow::from_row(&video)?;
        tx.commit().await?;
        Ok(Some(ClaimedJob { job, video }))
    }

    async fn heartbeat(&self, job: &JobRow, lease_until_ms: i64) -> RepoResult<bool> {
        let mut conn = self.pool.acquire().await?;
        fenced(&mut conn, job, "lease_expires_at = ?", |q| q.bind(lease_until_ms)).await
    }

    async fn set_engine_state(&self, job: &JobRow, state: Option<&str>) -> RepoResult<bool> {
        let state = state.map(str::to_string);
        let mut conn = self.pool.acquire().await?;
        fenced(&mut conn, job, "engine_state = ?", |q| q.bind(state)).await
    }

    async fn set_progress(&self, job: &JobRow, progress: i64) -> RepoResult<()> {
        let _write = self.writing_videos();
        query(
            "UPDATE videos SET progress = ? WHERE id = ? AND status = 'in_progress' AND progress < ? \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = ? AND attempt = ? AND status = 'running')",
        )
        .bind(progress)
        .bind(&job.video_id)
        .bind(progress)
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn complete_job(
        &self,
        job: &JobRow,
        asset_prefix: &str,
        completed_at: i64,
        expires_at: Option<i64>,
    ) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        if !fenced(&mut tx, job, "status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL", |q| q).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        query(
            "UPDATE videos SET status = 'completed', progress = 100, completed_at = ?, expires_at = ?, \
             asset_prefix = ?, error_code = NULL, error_message = NULL WHERE id = ?",
        )
        .bind(completed_at)
        .bind(expires_at)
        .bind(asset_prefix)
        .bind(&job.video_id)
        .execute(&mut *tx)
        .await?;
        record_usage(&mut tx, &self.prices, &job.video_id, completed_at).await?;
        let event =
            NewEvent { project_id: &job.project_id, event_type: EventType::VideoCompleted, data_id: &job.video_id };
        record_event(&mut tx, &event, now_ms()).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn fail_job(&self, job: &JobRow, code: &str, message: &str, now_secs: i64) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let set = "status = 'failed', last_error = ?, lease_owner = NULL, lease_expires_at = NULL";
        if !fenced(&mut tx, job, set, |q| q.bind(message.to_string())).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        fail_video(&mut tx, &job.video_id, code, message, now_secs).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn retry_job(&self, job: &JobRow, run_after_ms: i64, error: &str) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let set = "status = 'queued', run_after = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL";
        if !fenced(&mut tx, job, set, |q| q.bind(run_after_ms).bind(error.to_string())).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        requeue_video(&mut tx, &job.video_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn release_job(&self, job: &JobRow) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        // Back in its place in the queue (`run_after` orders claims), not behind everything
        // queued since it started.
        let set = "status = 'queued', attempt = attempt - 1, run_after = created_at, lease_owner = NULL, \
                   lease_expires_at = NULL";
        if !fenced(&mut tx, job, set, |q| q).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        requeue_video(&mut tx, &job.video_id).await?;
        notify(&mut tx, JOBS_CHANNEL, "").await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn reclaim_expired(&self, expired_before_ms: i64, now_ms: i64) -> RepoResult<Vec<Reclaimed>> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let rows = query(format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE status = 'running' AND lease_expires_at < ?{}",
            self.dialect.skip_locked(None)
        ))
        .bind(expired_before_ms)
        .fetch_all(&mut *tx)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let job = JobRow::from_row(row)?;
            let requeued = job.attempt < job.max_attempts;
            if requeued {
                // Resumed in its place in the queue, not behind the backlog queued since.
                query(
                    "UPDATE jobs SET status = 'queued', run_after = created_at, lease_owner = NULL, \
                     lease_expires_at = NULL, last_error = 'worker lost (lease expired)', updated_at = ? WHERE id = ?",
                )
                .bind(now_ms)
                .bind(&job.id)
                .execute(&mut *tx)
                .await?;
                requeue_video(&mut tx, &job.video_id).await?;
            } else {
                let message = format!(
                    "The render was interrupted {} times (its worker stopped) and was not retried further.",
                    job.attempt
                );
                query(
                    "UPDATE jobs SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL, \
                     last_error = ?, updated_at = ? WHERE id = ?",
                )
                .bind(&message)
                .bind(now_ms)
                .bind(&job.id)
                .execute(&mut *tx)
                .await?;
                fail_video(&mut tx, &job.video_id, "worker_lost", &message, now_ms / 1000).await?;
            }
            out.push(Reclaimed { job, requeued });
        }
        if out.iter().any(|r| r.requeued) {
            notify(&mut tx, JOBS_CHANNEL, "").await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn queue_depth(&self) -> RepoResult<i64> {
        let n: i64 = query_scalar("SELECT COUNT(*) FROM jobs WHERE status = 'queued'").fetch_one(&self.pool).await?;
        Ok(n)
    }
}

async fn requeue_video(tx: &mut AnyConnection, video_id: &str) -> RepoResult<()> {
    query("UPDATE videos SET status = 'queued', progress = 0 WHERE id = ?").bind(video_id).execute(tx).await?;
    Ok(())
}

async fn fail_video(
    tx: &mut AnyConnection,
    video_id: &str,
    code: &str,
    message: &str,
    now_secs: i64,
) -> RepoResult<()> {
    query("UPDATE videos SET status = 'failed', completed_at = ?, error_code = ?, error_message = ? WHERE id = ?")
        .bind(now_secs)
        .bind(code)
        .bind(message)
        .bind(video_id)
        .execute(&mut *tx)
        .await?;
    let project: Option<String> =
        query_scalar("SELECT project_id FROM videos WHERE id = ?").bind(video_id).fetch_optional(&mut *tx).await?;
    if let Some(project) = project {
        let event = NewEvent { project_id: &project, event_type: EventType::VideoFailed, data_id: video_id };
        record_event(tx, &event, now_ms()).await?;
    }
    Ok(())
}
