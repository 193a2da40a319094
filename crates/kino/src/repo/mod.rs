//! Metadata and the job queue. One narrow trait per resource; the SQLite implementation
//! lives in `sqlite.rs` and `sqlite_files.rs` (PostgreSQL joins it for scale-out). Nothing
//! here knows HTTP.
mod rows;
mod sqlite;
mod sqlite_characters;
mod sqlite_files;

use async_trait::async_trait;

pub use rows::{
    CharacterRow, ClaimedJob, FileRow, JobRow, ListOrder, NewJob, Reclaimed, VideoKind, VideoRow, VideoStatus,
};
pub use sqlite::SqliteRepo;

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

pub type RepoResult<T> = Result<T, RepoError>;

/// Videos and their jobs; files come with it through `FileRepo`.
#[async_trait]
pub trait Repo: FileRepo + CharacterRepo + Send + Sync + 'static {
    async fn ping(&self) -> RepoResult<()>;

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
    ) -> RepoResult<(Vec<VideoRow>, bool)>;
    /// Delete the video and its jobs; returns the row that was deleted.
    async fn delete_video(&self, project: &str, id: &str) -> RepoResult<Option<VideoRow>>;
    /// Videos whose retention has passed (for the sweeper).
    async fn expired_videos(&self, now_secs: i64, limit: u32) -> RepoResult<Vec<VideoRow>>;

    /// Claim the oldest runnable job: mark it running under `worker`'s lease, bump its
    /// attempt, and move its video to `in_progress`.
    async fn claim_job(&self, worker: &str, lease_ms: i64, now_ms: i64) -> RepoResult<Option<ClaimedJob>>;
    /// Extend the lease. False when the job is no longer ours (deleted, or reclaimed).
    async fn heartbeat(&self, job: &JobRow, lease_until_ms: i64) -> RepoResult<bool>;
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

/// Uploaded files' metadata. Every read hides files whose `expires_at` has passed, before
/// the sweeper gets to them.
#[async_trait]
pub trait FileRepo: Send + Sync + 'static {
    async fn create_file(&self, file: &FileRow) -> RepoResult<()>;
    async fn get_file(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<FileRow>>;
    /// One page, like `list_videos`, optionally only files of one `purpose`.
    async fn list_files(
        &self,
        project: &str,
        purpose: Option<&str>,
        after: Option<&str>,
        limit: u32,
        order: ListOrder,
        now_secs: i64,
    ) -> RepoResult<(Vec<FileRow>, bool)>;
    /// Delete the row; returns it. The caller removes the bytes.
    async fn delete_file(&self, project: &str, id: &str) -> RepoResult<Option<FileRow>>;
    /// Files whose `expires_at` has passed (for the sweeper).
    async fn expired_files(&self, now_secs: i64, limit: u32) -> RepoResult<Vec<FileRow>>;
}

/// Characters: created once, read by id; the contract has no list or delete.
#[async_trait]
pub trait CharacterRepo: Send + Sync + 'static {
    async fn create_character(&self, character: &CharacterRow) -> RepoResult<()>;
    async fn get_character(&self, project: &str, id: &str) -> RepoResult<Option<CharacterRow>>;
}
