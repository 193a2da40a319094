//! `BatchRepo`. Every batch state change is one fenced statement (`WHERE status =
//! the state it leaves`), so the API's cancel and the driver never overwrite each other;
//! terminal changes record their event in the same transaction.
use async_trait::async_trait;
use sqlx::{AnyConnection, FromRow, Row};

use super::db::{CANCEL_CHANNEL, SqlRepo, notify, query, query_scalar};
use super::events::{EventType, NewEvent, record_event};
use super::videos::{VIDEO_COLUMNS, after_clause, insert_video};
use super::{
    BatchFinish, BatchLine, BatchRepo, BatchRow, BatchStatus, FileRow, NewBatchLine, NewJob, RepoError, RepoResult,
    VideoRow,
};

/// Counts are live (from the lines and their videos) until frozen by the terminal state;
/// nothing is counted while validating, as the lines are not all in yet.
const BATCH_COLUMNS: &str = "b.id, b.project_id, b.endpoint, b.input_file_id, b.completion_window, b.status, \
     b.created_at, b.expires_at, b.in_progress_at, b.finalizing_at, b.completed_at, b.failed_at, b.expired_at, \
     b.cancelling_at, b.cancelled_at, b.output_file_id, b.error_file_id, b.errors, b.model, b.metadata, \
     b.output_expires_after";
/// The driver never reads the counts: it skips counting lines on every pass.
const NO_COUNTS: &str = "0 AS total, 0 AS completed, 0 AS failed";
const COUNTS: &str = "\
     CASE WHEN b.status = 'validating' THEN 0 ELSE COALESCE(b.final_total, \
        (SELECT COUNT(*) FROM batch_requests r WHERE r.batch_id = b.id)) END AS total, \
     CASE WHEN b.status = 'validating' THEN 0 ELSE COALESCE(b.final_completed, \
        (SELECT COUNT(*) FROM batch_requests r LEFT JOIN videos v ON v.id = r.video_id WHERE r.batch_id = b.id \
         AND (r.state = 'completed' OR (r.state = 'dispatched' AND v.status = 'completed')))) END AS completed, \
     CASE WHEN b.status = 'validating' THEN 0 ELSE COALESCE(b.final_failed, \
        (SELECT COUNT(*) FROM batch_requests r LEFT JOIN videos v ON v.id = r.video_id WHERE r.batch_id = b.id \
         AND (r.state IN ('invalid', 'failed') \
              OR (r.state = 'dispatched' AND (v.id IS NULL OR v.status = 'failed'))))) END AS failed";
const LINE_COLUMNS: &str = "line, id, custom_id, state, body, request_id, video_id, outcome";
const ACTIVE: &str = "('validating', 'in_progress', 'finalizing', 'cancelling')";

/// Where a terminal status records its time.
fn timestamp_column(status: BatchStatus) -> &'static str {
    match status {
        BatchStatus::Validating => "created_at",
        BatchStatus::InProgress => "in_progress_at",
        BatchStatus::Finalizing => "finalizing_at",
        BatchStatus::Completed => "completed_at",
        BatchStatus::Failed => "failed_at",
        BatchStatus::Cancelling => "cancelling_at",
        BatchStatus::Cancelled => "cancelled_at",
        BatchStatus::Expired => "expired_at",
    }
}

async fn get_batch_by_id(conn: &mut AnyConnection, id: &str) -> RepoResult<Option<BatchRow>> {
    let row = query(format!("SELECT {BATCH_COLUMNS}, {COUNTS} FROM batches b WHERE b.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.as_ref().map(BatchRow::from_row).transpose()?)
}

async fn insert_file(conn: &mut AnyConnection, f: &FileRow) -> RepoResult<()> {
    query(
        "INSERT INTO files (id, project_id, filename, purpose, bytes, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&f.id)
    .bind(&f.project_id)
    .bind(&f.filename)
    .bind(&f.purpose)
    .bind(f.bytes)
    .bind(f.created_at)
    .bind(f.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Dispatched lines whose video reached a terminal state (or was deleted) are settled.
async fn settle(conn: &mut AnyConnection, batch_id: &str, gone_outcome: &str) -> RepoResult<()> {
    for status in ["completed", "failed"] {
        query(
            "UPDATE batch_requests SET state = ? WHERE batch_id = ? AND state = 'dispatched' \
             AND video_id IN (SELECT id FROM videos WHERE batch_id = ? AND status = ?)",
        )
        .bind(status)
        .bind(batch_id)
        .bind(batch_id)
        .bind(status)
        .execute(&mut *conn)
        .await?;
    }
    query(
        "UPDATE batch_requests SET state = 'failed', outcome = ? WHERE batch_id = ? AND state = 'dispatched' \
         AND NOT EXISTS (SELECT 1 FROM videos v WHERE v.id = batch_requests.video_id)",
    )
    .bind(gone_outcome)
    .bind(batch_id)
    .execute(&mut *conn)
    .await?;
    // Finished batch videos are kept until the batch's own retention starts, whatever the
    // server-wide retention says: the result file must be able to name them.
    query(
        "UPDATE videos SET expires_at = NULL WHERE batch_id = ? AND status IN ('completed', 'failed') \
         AND expires_at IS NOT NULL",
    )
    .bind(batch_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl BatchRepo for SqlRepo {
    async fn create_batch(&self, b: &BatchRow) -> RepoResult<()> {
        query(
            "INSERT INTO batches (id, project_id, endpoint, input_file_id, completion_window, status, created_at, \
             expires_at, metadata, output_expires_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&b.id)
        .bind(&b.project_id)
        .bind(&b.endpoint)
        .bind(&b.input_file_id)
        .bind(&b.completion_window)
        .bind(b.status.as_str())
        .bind(b.created_at)
        .bind(b.expires_at)
        .bind(&b.metadata)
        .bind(b.output_expires_after)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn get_batch(&self, project: &str, id: &str) -> RepoResult<Option<BatchRow>> {
        let row = query(format!("SELECT {BATCH_COLUMNS}, {COUNTS} FROM batches b WHERE b.project_id = ? AND b.id = ?"))
            .bind(project)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(BatchRow::from_row).transpose()?)
    }

    async fn list_batches(&self, project: &str, after: Option<&str>, limit: u32) -> RepoResult<(Vec<BatchRow>, bool)> {
        let mut q = query(format!(
            "SELECT {BATCH_COLUMNS}, {COUNTS} FROM batches b WHERE b.project_id = ? {} ORDER BY b.id DESC LIMIT ?",
            after_clause(after, "b.id", "<")
        ))
        .bind(project);
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut batches = rows.iter().map(BatchRow::from_row).collect::<Result<Vec<_>, _>>()?;
        let has_more = batches.len() > limit as usize;
        batches.truncate(limit as usize);
        Ok((batches, has_more))
    }

    async fn cancel_batch(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<BatchRow>> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        query(
            "UPDATE batches SET status = 'cancelling', cancelling_at = ? WHERE project_id = ? AND id = ? \
             AND status IN ('validating', 'in_progress')",
        )
        .bind(now_secs)
        .bind(project)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let batch = get_batch_by_id(&mut tx, id).await?.filter(|b| b.project_id == project);
        tx.commit().await?;
        Ok(batch)
    }

    async fn active_batches(&self) -> RepoResult<Vec<BatchRow>> {
        let rows = query(format!(
            "SELECT {BATCH_COLUMNS}, {NO_COUNTS} FROM batches b WHERE b.status IN {ACTIVE} ORDER BY b.created_at, b.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(BatchRow::from_row).collect::<Result<_, _>>()?)
    }

    async fn clear_batch_lines(&self, batch_id: &str) -> RepoResult<()> {
        query("DELETE FROM batch_requests WHERE batch_id = ?").bind(batch_id).execute(&self.pool).await?;
        Ok(())
    }

    async fn insert_batch_lines(&self, batch_id: &str, lines: &[NewBatchLine]) -> RepoResult<Vec<i64>> {
        let mut tx = self.begin_write().await?;
        let mut duplicates = Vec::new();
        for l in lines {
            let state = if l.body.is_some() { "pending" } else { "invalid" };
            // The unique (batch_id, custom_id) index is the duplicate check: exact, and it costs
            // no memory however many lines the file has.
            let done = query(
                "INSERT INTO batch_requests (batch_id, line, id, custom_id, state, body, request_id, outcome) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, custom_id) DO NOTHING",
            )
            .bind(batch_id)
            .bind(l.line)
            .bind(crate::ids::batch_request_id())
            .bind(&l.custom_id)
            .bind(state)
            .bind(&l.body)
            .bind(crate::ids::request_id())
            .bind(&l.outcome)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                duplicates.push(l.line);
            }
        }
        tx.commit().await?;
        Ok(duplicates)
    }

    async fn start_batch(&self, batch_id: &str, model: Option<&str>, now_secs: i64) -> RepoResult<bool> {
        let done = query(
            "UPDATE batches SET status = 'in_progress', in_progress_at = ?, model = ? \
             WHERE id = ? AND status = 'validating'",
        )
        .bind(now_secs)
        .bind(model)
        .bind(batch_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn fail_batch(&self, batch_id: &str, errors: &str, now_secs: i64) -> RepoResult<bool> {
        let mut tx = self.begin_write().await?;
        let row = query(
            "UPDATE batches SET status = 'failed', failed_at = ?, errors = ?, final_total = 0, final_completed = 0, \
             final_failed = 0 WHERE id = ? AND status = 'validating' RETURNING project_id",
        )
        .bind(now_secs)
        .bind(errors)
        .bind(batch_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            // A dropped transaction only rolls back when its connection is next used:
            // end it now, or the write lock stays held by an idle pooled connection.
            tx.rollback().await?;
            return Ok(false);
        };
        let project: String = row.try_get("project_id")?;
        query("DELETE FROM batch_requests WHERE batch_id = ?").bind(batch_id).execute(&mut *tx).await?;
        let event = NewEvent { project_id: &project, event_type: EventType::BatchFailed, data_id: batch_id };
        record_event(&mut tx, &event, now_secs * 1000).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn unfinished_batch_videos(&self) -> RepoResult<i64> {
        let n: i64 = query_scalar(
            "SELECT COUNT(*) FROM videos WHERE batch_id IS NOT NULL AND status IN ('queued', 'in_progress')",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn pending_batch_lines(&self, batch_id: &str, limit: u32) -> RepoResult<Vec<BatchLine>> {
        let rows = query(format!(
            "SELECT {LINE_COLUMNS} FROM batch_requests WHERE batch_id = ? AND state = 'pending' ORDER BY line LIMIT ?"
        ))
        .bind(batch_id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(BatchLine::from_row).collect::<Result<_, _>>()?)
    }

    async fn dispatch_batch_line(&self, batch_id: &str, line: i64, video: &VideoRow, job: &NewJob) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let fenced = query(
            "UPDATE batch_requests SET state = 'dispatched', video_id = ?, body = NULL \
             WHERE batch_id = ? AND line = ? AND state = 'pending'",
        )
        .bind(&video.id)
        .bind(batch_id)
        .bind(line)
        .execute(&mut *tx)
        .await?;
        if fenced.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        insert_video(&mut tx, video, job, Some(batch_id)).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn fail_batch_line(&self, batch_id: &str, line: i64, outcome: &str) -> RepoResult<bool> {
        let done = query(
            "UPDATE batch_requests SET state = 'failed', outcome = ?, body = NULL \
             WHERE batch_id = ? AND line = ? AND state = 'pending'",
        )
        .bind(outcome)
        .bind(batch_id)
        .bind(line)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn settle_batch_lines(&self, batch_id: &str, gone_outcome: &str) -> RepoResult<i64> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        settle(&mut tx, batch_id, gone_outcome).await?;
        let open: i64 = query_scalar(
            "SELECT COUNT(*) FROM batch_requests WHERE batch_id = ? AND state IN ('pending', 'dispatched')",
        )
        .bind(batch_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(open)
    }

    async fn stop_batch_lines(
        &self,
        batch_id: &str,
        code: &str,
        message: &str,
        outcome: &str,
        now_secs: i64,
    ) -> RepoResult<Vec<String>> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        // At most --batch-concurrency videos are unfinished, so this list is short.
        let stopped: Vec<String> = query_scalar(
            "SELECT v.id FROM batch_requests r JOIN videos v ON v.id = r.video_id \
             WHERE r.batch_id = ? AND r.state = 'dispatched' AND v.status IN ('queued', 'in_progress')",
        )
        .bind(batch_id)
        .fetch_all(&mut *tx)
        .await?;
        for video_id in &stopped {
            // Without its job row the render's next heartbeat fails and its completion is
            // refused, in whichever process runs it.
            query("DELETE FROM jobs WHERE video_id = ?").bind(video_id).execute(&mut *tx).await?;
            notify(&mut tx, CANCEL_CHANNEL, video_id).await?;
            query(
                "UPDATE videos SET status = 'failed', completed_at = ?, error_code = ?, error_message = ? WHERE id = ?",
            )
            .bind(now_secs)
            .bind(code)
            .bind(message)
            .bind(video_id)
            .execute(&mut *tx)
            .await?;
            query("UPDATE batch_requests SET state = 'failed', outcome = ? WHERE batch_id = ? AND video_id = ?")
                .bind(outcome)
                .bind(batch_id)
                .bind(video_id)
                .execute(&mut *tx)
                .await?;
        }
        query(
            "UPDATE batch_requests SET state = 'failed', outcome = ?, body = NULL WHERE batch_id = ? AND state = 'pending'",
        )
        .bind(outcome)
        .bind(batch_id)
        .execute(&mut *tx)
        .await?;
        settle(&mut tx, batch_id, outcome).await?;
        tx.commit().await?;
        Ok(stopped)
    }

    async fn plan_batch_files(&self, batch_id: &str, output: &str, error: &str) -> RepoResult<(String, String)> {
        let row = query(
            "UPDATE batches SET planned_output_file_id = COALESCE(planned_output_file_id, ?), \
             planned_error_file_id = COALESCE(planned_error_file_id, ?) WHERE id = ? \
             RETURNING planned_output_file_id, planned_error_file_id",
        )
        .bind(output)
        .bind(error)
        .bind(batch_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }

    async fn finalize_batch(&self, batch_id: &str, now_secs: i64) -> RepoResult<bool> {
        let done = query(
            "UPDATE batches SET status = 'finalizing', finalizing_at = ? WHERE id = ? AND status = 'in_progress'",
        )
        .bind(now_secs)
        .bind(batch_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn batch_lines_page(
        &self,
        batch_id: &str,
        after_line: i64,
        limit: u32,
    ) -> RepoResult<Vec<(BatchLine, Option<VideoRow>)>> {
        let rows = query(format!(
            "SELECT {LINE_COLUMNS} FROM batch_requests WHERE batch_id = ? AND line > ? ORDER BY line LIMIT ?"
        ))
        .bind(batch_id)
        .bind(after_line)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let lines = rows.iter().map(BatchLine::from_row).collect::<Result<Vec<_>, _>>()?;
        let Some(last) = lines.last().map(|l| l.line) else {
            return Ok(Vec::new());
        };
        let videos = query(format!(
            "SELECT {VIDEO_COLUMNS} FROM videos WHERE batch_id = ? AND id IN \
             (SELECT video_id FROM batch_requests WHERE batch_id = ? AND line > ? AND line <= ?)"
        ))
        .bind(batch_id)
        .bind(batch_id)
        .bind(after_line)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let mut by_id = std::collections::HashMap::with_capacity(videos.len());
        for row in &videos {
            let video = VideoRow::from_row(row)?;
            by_id.insert(video.id.clone(), video);
        }
        Ok(lines
            .into_iter()
            .map(|l| {
                let video = l.video_id.as_ref().and_then(|id| by_id.remove(id));
                (l, video)
            })
            .collect())
    }

    async fn finish_batch(&self, batch_id: &str, f: &BatchFinish) -> RepoResult<bool> {
        let _write = self.writing_videos();
        let Some(event_type) = f.to.event_type() else {
            return Err(RepoError::Corrupt(format!("{} is not a terminal batch status", f.to.as_str())));
        };
        let mut tx = self.begin_write().await?;
        let row = query(format!(
            "UPDATE batches SET status = ?, {} = ?, output_file_id = ?, error_file_id = ?, final_total = ?, \
             final_completed = ?, final_failed = ? WHERE id = ? AND status = ? RETURNING project_id",
            timestamp_column(f.to)
        ))
        .bind(f.to.as_str())
        .bind(f.now_secs)
        .bind(f.output_file.as_ref().map(|o| &o.id))
        .bind(f.error_file.as_ref().map(|o| &o.id))
        .bind(f.counts.total)
        .bind(f.counts.completed)
        .bind(f.counts.failed)
        .bind(batch_id)
        .bind(f.from.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(false);
        };
        let project: String = row.try_get("project_id")?;
        for file in [&f.output_file, &f.error_file].into_iter().flatten() {
            insert_file(&mut tx, file).await?;
        }
        query("UPDATE videos SET expires_at = ? WHERE batch_id = ?")
            .bind(f.videos_expire_at)
            .bind(batch_id)
            .execute(&mut *tx)
            .await?;
        let event = NewEvent { project_id: &project, event_type, data_id: batch_id };
        record_event(&mut tx, &event, f.now_secs * 1000).await?;
        tx.commit().await?;
        Ok(true)
    }
}
