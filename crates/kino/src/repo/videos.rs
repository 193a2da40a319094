//! `VideoRepo`: video rows, each inserted with its generate job (the queue's side of a job
//! is `queue.rs`).
use async_trait::async_trait;
use sqlx::{AnyConnection, FromRow};

use super::db::{CANCEL_CHANNEL, JOBS_CHANNEL, SqlRepo, notify, query};
use super::{ListOrder, NewJob, RepoResult, VideoRow, VideoStatus};

pub(super) const VIDEO_COLUMNS: &str = "id, project_id, model, status, progress, created_at, completed_at, expires_at, \
     prompt, size, seconds, remixed_from_video_id, error_code, error_message, seed, asset_prefix, \
     kind, inputs, lineage, extensions";
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

/// Which videos a list shows (a Kino extension of `GET /v1/videos`: `status`, `model`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VideoFilter {
    pub status: Option<VideoStatus>,
    pub model: Option<String>,
}

#[async_trait]
pub trait VideoRepo: Send + Sync + 'static {
    /// Insert the video and its generate job in one transaction.
    async fn create_video(&self, video: &VideoRow, job: &NewJob) -> RepoResult<()>;
    /// A video of `project`, unless it does not exist or its retention has passed.
    async fn get_video(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<VideoRow>>;
    /// One page: rows after the `after` cursor in `order`, at most `limit`, and whether more follow.
    async fn list_videos(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
        order: ListOrder,
        now_secs: i64,
    ) -> RepoResult<(Vec<VideoRow>, bool)> {
        self.list_videos_where(project, &VideoFilter::default(), after, limit, order, now_secs).await
    }
    /// `list_videos` of only the videos `filter` lets through.
    async fn list_videos_where(
        &self,
        project: &str,
        filter: &VideoFilter,
        after: Option<&str>,
        limit: u32,
        order: ListOrder,
        now_secs: i64,
    ) -> RepoResult<(Vec<VideoRow>, bool)>;
    /// Delete the video and its jobs; returns the row that was deleted.
    async fn delete_video(&self, project: &str, id: &str) -> RepoResult<Option<VideoRow>>;
    /// Videos whose retention has passed (for the sweeper).
    async fn expired_videos(&self, now_secs: i64, limit: u32) -> RepoResult<Vec<VideoRow>>;
}

#[async_trait]
impl VideoRepo for SqlRepo {
    async fn create_video(&self, v: &VideoRow, job: &NewJob) -> RepoResult<()> {
        let _write = self.writing_videos();
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
        Ok(row.as_ref().map(VideoRow::from_row).transpose()?)
    }

    async fn list_videos_where(
        &self,
        project: &str,
        filter: &VideoFilter,
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
            "SELECT {VIDEO_COLUMNS} FROM videos WHERE project_id = ? AND {NOT_EXPIRED} {}{}{} ORDER BY id {dir} LIMIT ?",
            if filter.status.is_some() { "AND status = ? " } else { "" },
            if filter.model.is_some() { "AND model = ? " } else { "" },
            after_clause(after, "id", cmp)
        );
        let mut q = query(text).bind(project).bind(now_secs);
        if let Some(status) = filter.status {
            q = q.bind(status.as_str());
        }
        if let Some(model) = &filter.model {
            q = q.bind(model.clone());
        }
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut videos = rows.iter().map(VideoRow::from_row).collect::<Result<Vec<_>, _>>()?;
        let has_more = videos.len() > limit as usize;
        videos.truncate(limit as usize);
        Ok((videos, has_more))
    }

    async fn delete_video(&self, project: &str, id: &str) -> RepoResult<Option<VideoRow>> {
        let _write = self.writing_videos();
        let mut tx = self.begin_write().await?;
        let row = query(format!("DELETE FROM videos WHERE project_id = ? AND id = ? RETURNING {VIDEO_COLUMNS}"))
            .bind(project)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let video = row.as_ref().map(VideoRow::from_row).transpose()?;
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
        Ok(rows.iter().map(VideoRow::from_row).collect::<Result<_, _>>()?)
    }
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
