//! Metadata and the job queue. One narrow trait per resource, one file per resource
//! implementing it on `SqlRepo` (SQLite or PostgreSQL, see `db.rs`). Nothing here knows HTTP.
mod batch_rows;
mod batches;
mod changes;
mod characters;
mod db;
mod events;
mod files;
mod projects;
mod queue;
mod rows;
mod usage;
mod usage_rows;
mod videos;
mod webhooks;

use async_trait::async_trait;
use futures::stream::BoxStream;

pub use batch_rows::{BatchFileError, BatchFinish, BatchLine, BatchRow, BatchStatus, NewBatchLine, RequestCounts};
pub use changes::{ChangeRepo, ChangeRow, ChangeScope};
pub use db::{CHANGES_CHANNEL, Dialect, SqlRepo, redact};
pub use events::{EventType, SUBSCRIBABLE, is_subscribable};
pub use queue::JobQueue;
pub use rows::{
    ApiKeyRow, AttemptRecord, CharacterRow, ClaimedJob, DeliveryOutcome, DueDelivery, FileRow, JobRow, ListOrder,
    NewJob, ProjectRow, Reclaimed, VideoKind, VideoRow, VideoStatus, WebhookEndpointRow,
};
pub use usage_rows::{MonthSpend, UsageBucket, UsageFilter, UsageGroup};
pub use videos::{VideoFilter, VideoRepo};

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Config(String),
}

pub type RepoResult<T> = Result<T, RepoError>;

/// The project every migration creates: dev mode and `--api-keys` act for it.
pub const DEFAULT_PROJECT: &str = "proj_default";
pub const DEFAULT_PROJECT_NAME: &str = "default";

/// Everything stored, one narrow trait per resource, and what processes sharing the
/// database coordinate through: wake-ups and named leases.
#[async_trait]
pub trait Repo:
    VideoRepo
    + JobQueue
    + FileRepo
    + CharacterRepo
    + ProjectRepo
    + WebhookRepo
    + BatchRepo
    + UsageRepo
    + ChangeRepo
    + Send
    + Sync
    + 'static
{
    async fn ping(&self) -> RepoResult<()>;
    /// Wake-ups from other processes sharing the database (PostgreSQL `LISTEN`); None when
    /// this process owns it. The stream reconnects by itself and yields `Notice::Jobs` after
    /// a reconnect, as notices sent meanwhile are lost.
    async fn notices(&self) -> RepoResult<Option<BoxStream<'static, Notice>>>;
    /// A number that changes after every committed write to videos — when this process makes
    /// them all (SQLite); None when other processes write too (PostgreSQL). A video read after
    /// this gave N is current for as long as it still gives N.
    fn videos_version(&self) -> Option<u64>;
    /// Take or renew the named lease for `owner` until `now_ms + ttl_ms`; false while another
    /// owner's lease runs.
    async fn hold_lease(&self, name: &str, owner: &str, ttl_ms: i64, now_ms: i64) -> RepoResult<bool>;
    /// Give the lease up (at shutdown), if `owner` holds it.
    async fn drop_lease(&self, name: &str, owner: &str) -> RepoResult<()>;
}

/// A wake-up from another process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Jobs were queued: idle workers should look.
    Jobs,
    /// The render of this video must stop (it was deleted, or its batch stopped).
    Cancel(String),
    /// A video or batch changed (a row was added to the change feed).
    Changes,
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
    /// Newest first, after the `after` cursor; and whether more follow.
    async fn list_characters(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
    ) -> RepoResult<(Vec<CharacterRow>, bool)>;
}

/// Webhook endpoints and the delivery side of the event outbox (events are recorded by the
/// state changes themselves, in their transactions).
#[async_trait]
pub trait WebhookRepo: Send + Sync + 'static {
    async fn create_webhook(&self, endpoint: &WebhookEndpointRow) -> RepoResult<()>;
    async fn get_webhook(&self, project: &str, id: &str) -> RepoResult<Option<WebhookEndpointRow>>;
    /// Newest first; `after` is the id of the last endpoint of the previous page.
    async fn list_webhooks(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
    ) -> RepoResult<(Vec<WebhookEndpointRow>, bool)>;
    /// Replace name, url, event types and secrets; false when it no longer exists.
    async fn update_webhook(&self, endpoint: &WebhookEndpointRow) -> RepoResult<bool>;
    /// Delete it with its pending deliveries; false when it did not exist.
    async fn delete_webhook(&self, project: &str, id: &str) -> RepoResult<bool>;
    /// Lease up to `limit` due deliveries for one attempt each. A delivery whose lease runs
    /// out (its sender died) is due again.
    async fn claim_deliveries(
        &self,
        worker: &str,
        lease_ms: i64,
        now_ms: i64,
        limit: u32,
    ) -> RepoResult<Vec<DueDelivery>>;
    /// Delete events older than `before_secs` whose deliveries are all finished (with their
    /// deliveries and attempt logs). Returns how many events went.
    async fn prune_events(&self, before_secs: i64) -> RepoResult<u64>;
    /// Free every delivery lease (at start, when no other process can hold one: SQLite's
    /// data directory is locked to this process). Returns how many were held.
    async fn release_delivery_leases(&self) -> RepoResult<u64>;
    /// Log the attempt and move the delivery on, fenced by `worker`'s lease and the attempt.
    async fn finish_delivery(
        &self,
        delivery: &DueDelivery,
        worker: &str,
        outcome: DeliveryOutcome,
        record: &AttemptRecord,
    ) -> RepoResult<bool>;
}

/// Batches and their input lines. Lines become videos (with `videos.batch_id` set and a
/// batch-priority job) a few at a time; `request_counts` are read from the lines and their
/// videos, never kept as counters that could drift.
#[async_trait]
pub trait BatchRepo: Send + Sync + 'static {
    async fn create_batch(&self, batch: &BatchRow) -> RepoResult<()>;
    async fn get_batch(&self, project: &str, id: &str) -> RepoResult<Option<BatchRow>>;
    /// Newest first; `after` is the id of the last batch of the previous page.
    async fn list_batches(&self, project: &str, after: Option<&str>, limit: u32) -> RepoResult<(Vec<BatchRow>, bool)>;
    /// `validating`/`in_progress` → `cancelling`; returns the batch as it now is (any status).
    async fn cancel_batch(&self, project: &str, id: &str, now_secs: i64) -> RepoResult<Option<BatchRow>>;
    /// Batches with work left for the driver, oldest first (their `counts` are left at zero).
    async fn active_batches(&self) -> RepoResult<Vec<BatchRow>>;
    /// Drop a batch's lines (a validation to redo, or a batch stopped before it started).
    async fn clear_batch_lines(&self, batch_id: &str) -> RepoResult<()>;
    /// Store checked lines; returns the line numbers whose `custom_id` was already taken.
    async fn insert_batch_lines(&self, batch_id: &str, lines: &[NewBatchLine]) -> RepoResult<Vec<i64>>;
    /// `validating` → `in_progress`; false when the batch moved on meanwhile.
    async fn start_batch(&self, batch_id: &str, model: Option<&str>, now_secs: i64) -> RepoResult<bool>;
    /// `validating` → `failed` with file-level `errors` (JSON); its lines are dropped.
    async fn fail_batch(&self, batch_id: &str, errors: &str, now_secs: i64) -> RepoResult<bool>;
    /// Batch videos queued or rendering, across all batches: what the fan-out bound counts.
    async fn unfinished_batch_videos(&self) -> RepoResult<i64>;
    async fn pending_batch_lines(&self, batch_id: &str, limit: u32) -> RepoResult<Vec<BatchLine>>;
    /// Insert the line's video and its job and mark the line dispatched, in one transaction;
    /// false when the line was no longer pending.
    async fn dispatch_batch_line(&self, batch_id: &str, line: i64, video: &VideoRow, job: &NewJob) -> RepoResult<bool>;
    /// A pending line that could not become a video: it goes to the error file with `outcome`.
    async fn fail_batch_line(&self, batch_id: &str, line: i64, outcome: &str) -> RepoResult<bool>;
    /// Settle dispatched lines whose video finished (or was deleted: `gone_outcome`);
    /// returns how many lines are still pending or rendering.
    async fn settle_batch_lines(&self, batch_id: &str, gone_outcome: &str) -> RepoResult<i64>;
    /// Cancel or expiry: fail every unfinished line with `outcome`, and its unfinished video
    /// with `code`/`message` (its job removed). Returns the stopped video ids.
    async fn stop_batch_lines(
        &self,
        batch_id: &str,
        code: &str,
        message: &str,
        outcome: &str,
        now_secs: i64,
    ) -> RepoResult<Vec<String>>;
    /// Fix the result files' ids the first time (later calls return the same ones).
    async fn plan_batch_files(&self, batch_id: &str, output: &str, error: &str) -> RepoResult<(String, String)>;
    /// `in_progress` → `finalizing`.
    async fn finalize_batch(&self, batch_id: &str, now_secs: i64) -> RepoResult<bool>;
    /// Lines after `after_line` in order, each with its video while that exists.
    async fn batch_lines_page(
        &self,
        batch_id: &str,
        after_line: i64,
        limit: u32,
    ) -> RepoResult<Vec<(BatchLine, Option<VideoRow>)>>;
    /// The terminal state: result files, frozen counts, the videos' expiry, status and event,
    /// in one transaction fenced by `finish.from`.
    async fn finish_batch(&self, batch_id: &str, finish: &BatchFinish) -> RepoResult<bool>;
}

/// Projects, their API keys, and the shared state of rate limiting.
#[async_trait]
pub trait ProjectRepo: Send + Sync + 'static {
    /// The project called `name`, created with `tier` if it does not exist yet.
    async fn ensure_project(&self, name: &str, tier: i64) -> RepoResult<ProjectRow>;
    async fn get_project(&self, id: &str) -> RepoResult<Option<ProjectRow>>;
    /// By id or by name.
    async fn find_project(&self, id_or_name: &str) -> RepoResult<Option<ProjectRow>>;
    /// Set (or clear, with None) a project's monthly budget in USD.
    async fn set_budget(&self, project_id: &str, usd: Option<f64>) -> RepoResult<()>;
    async fn create_key(&self, key: &ApiKeyRow) -> RepoResult<()>;
    /// Keys of one project (or all), newest first, revoked ones included.
    async fn list_keys(&self, project: Option<&str>) -> RepoResult<Vec<ApiKeyRow>>;
    /// Revoke by key id or prefix; returns how many keys it revoked.
    async fn revoke_key(&self, id_or_prefix: &str, now_secs: i64) -> RepoResult<u64>;
    /// The live key with this digest, with its project.
    async fn key_by_digest(&self, digest: &[u8]) -> RepoResult<Option<(ApiKeyRow, ProjectRow)>>;
    /// The live key with this id, with its project.
    async fn key_by_id(&self, id: &str) -> RepoResult<Option<(ApiKeyRow, ProjectRow)>>;
    /// The deployment's secret `name`, made (from `fresh`) by whichever process asks first.
    async fn secret(&self, name: &str, fresh: &str) -> RepoResult<String>;
    /// Whether any key was ever made, revoked ones included: then dev mode is off for good
    /// (revoking the last key must not open the server).
    async fn any_keys(&self) -> RepoResult<bool>;
    /// Write the tier table's render limits (at start).
    async fn sync_tiers(&self, tiers: &[(i64, Option<u32>, Option<u32>)]) -> RepoResult<()>;
    /// Count one request in the fixed window starting at `window_start`, unless it would
    /// pass `limit`. Returns (admitted, count after).
    async fn count_request(&self, project: &str, model: &str, window_start: i64, limit: u32)
    -> RepoResult<(bool, u32)>;
    /// Requests counted so far in a window (for the headers of reads).
    async fn requests_in_window(&self, project: &str, model: &str, window_start: i64) -> RepoResult<u32>;
    /// Videos of the project not yet finished (queued or rendering).
    async fn unfinished_videos(&self, project: &str) -> RepoResult<u32>;
}

/// Usage of completed videos (recorded by `complete_job`, kept after the videos go).
#[async_trait]
pub trait UsageRepo: Send + Sync + 'static {
    /// Sums of the rows `filter` covers, one per group of `group_by` (no groups: one total,
    /// or nothing when no row matched), sorted by day, model, size, batch.
    async fn usage(&self, filter: &UsageFilter, group_by: &[UsageGroup]) -> RepoResult<Vec<UsageBucket>>;
    /// The project's monthly budget and this calendar month's spend (UTC, as of `now_secs`);
    /// None when it has no budget.
    async fn month_spend(&self, project: &str, now_secs: i64) -> RepoResult<Option<MonthSpend>>;
}
