//! Videos and their jobs: the durable queue. Claims are fenced by attempt; on SQLite a
//! claim's `BEGIN IMMEDIATE` is the lock, on PostgreSQL `FOR UPDATE SKIP LOCKED` lets many
//! workers claim side by side, and the commit of an enqueue notifies them (`LISTEN`).
use async_trait::async_trait;
use futures::stream::BoxStream;
use sqlx::AnyConnection;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::db::{CANCEL_CHANNEL, Dialect, JOBS_CHANNEL, SqlRepo, notify, query, query_scalar};
use super::events::{NewEvent, record_event};
use super::usage::record_usage;
use super::{
    ClaimedJob, JobRow, ListOrder, NewJob, Notice, Reclaimed, Repo, RepoError, RepoResult, VideoKind, VideoRow,
    VideoStatus,
};

pub(super) const VIDEO_COLUMNS: &str = "id, project_id, model, status, progress, created_at, completed_at, expires_at, \
     prompt, size, seconds, remixed_from_video_id, error_code, error_message, seed, asset_prefix, \
     kind, inputs, lineage, extensions";
const JOB_COLUMNS: &str = "id, kind, video_id, project_id, attempt, max_attempts, request_id, engine_state";
/// A video or file is visible until it expires, even before the sweeper removes it.
pub(super) const NOT_EXPIRED: &str = "(expires_at IS NULL OR expires_at > ?)";

/// `AND {column} {cmp} ?` when a page starts after a cursor. Present or absent, never
/// `(? IS NULL OR id > ?)`: SQLite cannot turn that into an index range, and a page deep
/// into a large table would scan everything before it.
pub(super) fn after_clause(after: Option<&str>, column: &str, cmp: &str) -> String {
    match after {
        Some(_) => format!("AND {column} {cmp} ?"),
        None => String::new(),
    }
}

pub(super) fn video_from_row(r: &AnyRow) -> RepoResult<VideoRow> {
    let status: String = r.try_get("status")?;
    Ok(VideoRow {
        id: r.try_get("id")?,
        project_id: r.try_get("project_id")?,
        model: r.try_get("model")?,
        status: VideoStatus::parse(&status).ok_or_else(|| RepoError::Corrupt(format!("video status {status}")))?,
        progress: r.try_get("progress")?,
        created_at: r.try_get("created_at")?,
        completed_at: r.try_get("completed_at")?,
        expires_at: r.try_get("expires_at")?,
        prompt: r.try_get("prompt")?,
        size: r.try_get("size")?,
        seconds: r.try_get("seconds")?,
        remixed_from_video_id: r.try_get("remixed_from_video_id")?,
        error_code: r.try_get("error_code")?,
        error_message: r.try_get("error_message")?,
        seed: r.try_get("seed")?,
        asset_prefix: r.try_get("asset_prefix")?,
        kind: {
            let kind: String = r.try_get("kind")?;
            VideoKind::parse(&kind).ok_or_else(|| RepoError::Corrupt(format!("video kind {kind}")))?
        },
        inputs: r.try_get("inputs")?,
        lineage: r.try_get("lineage")?,
        extensions: r.try_get("extensions")?,
    })
}

fn job_from_row(r: &AnyRow) -> RepoResult<JobRow> {
    Ok(JobRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        video_id: r.try_get("video_id")?,
        project_id: r.try_get("project_id")?,
        attempt: r.try_get("attempt")?,
        max_attempts: r.try_get("max_attempts")?,
        request_id: r.try_get("request_id")?,
        engine_state: r.try_get("engine_state")?,
    })
}

fn now_ms() -> i64 {
    crate::ids::now_millis()
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
impl Repo for SqlRepo {
    async fn ping(&self) -> RepoResult<()> {
        query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_video(&self, v: &VideoRow, job: &NewJob) -> RepoResult<()> {
        let mut tx = self.pool.begin().await?;
        insert_video(&mut tx, v, job, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn get_video(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<VideoRow>> {
        let row =
            query(format!("SELECT {VIDEO_COLUMNS} FROM videos WHERE project_id = ? AND id = ? AND {NOT_EXPIRED}"))
                .bind(project)
                .bind(id)
                .bind(now_secs)
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(video_from_row).transpose()
    }

    async fn list_videos(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
        order: ListOrder,
        now_secs: i64,
    ) -> RepoResult<(Vec<VideoRow>, bool)> {
        let (cmp, dir) = match order {
            ListOrder::Asc => (">", "ASC"),
            ListOrder::Desc => ("<", "DESC"),
        };
        let text = format!(
            "SELECT {VIDEO_COLUMNS} FROM videos WHERE project_id = ? AND {NOT_EXPIRED} {} ORDER BY id {dir} LIMIT ?",
            after_clause(after, "id", cmp)
        );
        let mut q = query(text).bind(project).bind(now_secs);
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut videos = rows.iter().map(video_from_row).collect::<RepoResult<Vec<_>>>()?;
        let has_more = videos.len() > limit as usize;
        videos.truncate(limit as usize);
        Ok((videos, has_more))
    }

    async fn delete_video(&self, project: &str, id: &str) -> RepoResult<Option<VideoRow>> {
        let mut tx = self.begin_write().await?;
        let row = query(format!("DELETE FROM videos WHERE project_id = ? AND id = ? RETURNING {VIDEO_COLUMNS}"))
            .bind(project)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let video = row.as_ref().map(video_from_row).transpose()?;
        if video.is_some() {
            query("DELETE FROM jobs WHERE video_id = ?").bind(id).execute(&mut *tx).await?;
            // Whichever process renders it stops now, not at its next heartbeat.
            notify(&mut tx, CANCEL_CHANNEL, id).await?;
        }
        tx.commit().await?;
        Ok(video)
    }

    async fn expired_videos(&self, now_secs: i64, limit: u32) -> RepoResult<Vec<VideoRow>> {
        let rows = query(format!(
            "SELECT {VIDEO_COLUMNS} FROM videos WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?"
        ))
        .bind(now_secs)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(video_from_row).collect()
    }

    async fn claim_job(&self, worker: &str, lease_ms: i64, now_ms: i64) -> RepoResult<Option<ClaimedJob>> {
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
        let job = job_from_row(&row)?;
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
        let video = video_from_row(&video)?;
        tx.commit().await?;
        Ok(Some(ClaimedJob { job, video }))
    }

    async fn heartbeat(&self, job: &JobRow, lease_until_ms: i64) -> RepoResult<bool> {
        let done = query(
            "UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(lease_until_ms)
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_engine_state(&self, job: &JobRow, state: Option<&str>) -> RepoResult<bool> {
        let done = query(
            "UPDATE jobs SET engine_state = ?, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(state)
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_progress(&self, job: &JobRow, progress: i64) -> RepoResult<()> {
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
        let mut tx = self.begin_write().await?;
        let fenced = query(
            "UPDATE jobs SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL, updated_at = ? \
             WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&mut *tx)
        .await?;
        if fenced.rows_affected() != 1 {
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
        let event = NewEvent { project_id: &job.project_id, event_type: "video.completed", data_id: &job.video_id };
        record_event(&mut tx, &event, now_ms()).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn fail_job(&self, job: &JobRow, code: &str, message: &str, now_secs: i64) -> RepoResult<bool> {
        let mut tx = self.begin_write().await?;
        let fenced = query(
            "UPDATE jobs SET status = 'failed', last_error = ?, lease_owner = NULL, lease_expires_at = NULL, \
             updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(message)
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&mut *tx)
        .await?;
        if fenced.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        fail_video(&mut tx, &job.video_id, code, message, now_secs).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn retry_job(&self, job: &JobRow, run_after_ms: i64, error: &str) -> RepoResult<bool> {
        let mut tx = self.begin_write().await?;
        let fenced = query(
            "UPDATE jobs SET status = 'queued', run_after = ?, last_error = ?, lease_owner = NULL, \
             lease_expires_at = NULL, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(run_after_ms)
        .bind(error)
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&mut *tx)
        .await?;
        if fenced.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        requeue_video(&mut tx, &job.video_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn release_job(&self, job: &JobRow) -> RepoResult<bool> {
        let mut tx = self.begin_write().await?;
        let fenced = query(
            // Back in its place in the queue (`run_after` orders claims), not behind everything
            // queued since it started.
            "UPDATE jobs SET status = 'queued', attempt = attempt - 1, run_after = created_at, lease_owner = NULL, \
             lease_expires_at = NULL, updated_at = ? WHERE id = ? AND attempt = ? AND status = 'running'",
        )
        .bind(now_ms())
        .bind(&job.id)
        .bind(job.attempt)
        .execute(&mut *tx)
        .await?;
        if fenced.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        requeue_video(&mut tx, &job.video_id).await?;
        notify(&mut tx, JOBS_CHANNEL, "").await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn reclaim_expired(&self, expired_before_ms: i64, now_ms: i64) -> RepoResult<Vec<Reclaimed>> {
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
            let job = job_from_row(row)?;
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

    async fn notices(&self) -> RepoResult<Option<BoxStream<'static, Notice>>> {
        self.listen().await
    }

    async fn hold_lease(&self, name: &str, owner: &str, ttl_ms: i64, now_ms: i64) -> RepoResult<bool> {
        let done = query(
            "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE \
             SET owner = excluded.owner, expires_at = excluded.expires_at \
             WHERE leases.owner = excluded.owner OR leases.expires_at < ?",
        )
        .bind(name)
        .bind(owner)
        .bind(now_ms + ttl_ms)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn drop_lease(&self, name: &str, owner: &str) -> RepoResult<()> {
        query("DELETE FROM leases WHERE name = ? AND owner = ?").bind(name).bind(owner).execute(&self.pool).await?;
        Ok(())
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
        let event = NewEvent { project_id: &project, event_type: "video.failed", data_id: video_id };
        record_event(tx, &event, now_ms()).await?;
    }
    Ok(())
}

/// Jobs of requests made through the API are claimed before any batch line's.
const INTERACTIVE_PRIORITY: i64 = 0;
const BATCH_PRIORITY: i64 = 1;

/// Insert a video and its generate job in `tx`; a batch's video gets its batch id and the
/// batch priority.
pub(super) async fn insert_video(
    tx: &mut AnyConnection,
    v: &VideoRow,
    job: &NewJob,
    batch_id: Option<&str>,
) -> RepoResult<()> {
    query(format!(
        "INSERT INTO videos ({VIDEO_COLUMNS}, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(&v.id)
    .bind(&v.project_id)
    .bind(&v.model)
    .bind(v.status.as_str())
    .bind(v.progress)
    .bind(v.created_at)
    .bind(v.completed_at)
    .bind(v.expires_at)
    .bind(&v.prompt)
    .bind(&v.size)
    .bind(&v.seconds)
    .bind(&v.remixed_from_video_id)
    .bind(&v.error_code)
    .bind(&v.error_message)
    .bind(v.seed)
    .bind(&v.asset_prefix)
    .bind(v.kind.as_str())
    .bind(&v.inputs)
    .bind(&v.lineage)
    .bind(v.extensions)
    .bind(batch_id)
    .execute(&mut *tx)
    .await?;
    query(
        "INSERT INTO jobs (id, kind, video_id, project_id, status, attempt, max_attempts, run_after, \
         request_id, created_at, updated_at, priority) VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&job.id)
    .bind(job.kind)
    .bind(&v.id)
    .bind(&v.project_id)
    .bind(i64::from(job.max_attempts))
    .bind(job.created_at_ms)
    .bind(&job.request_id)
    .bind(job.created_at_ms)
    .bind(job.created_at_ms)
    .bind(if batch_id.is_some() { BATCH_PRIORITY } else { INTERACTIVE_PRIORITY })
    .execute(&mut *tx)
    .await?;
    notify(tx, JOBS_CHANNEL, "").await?;
    Ok(())
}
