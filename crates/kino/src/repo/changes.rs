//! `ChangeRepo`: reads of the change feed the triggers write (see the `changes` migration).
//! The live streams learn of new rows from one reader per process (`live::Feed`); these
//! queries serve that reader, a client resuming from `Last-Event-ID`, and the sweeper.
use async_trait::async_trait;
use sqlx::FromRow;

use super::RepoResult;
use super::db::{SqlRepo, query, query_scalar};

const CHANGE_COLUMNS: &str = "seq, project_id, object, object_id, status, progress, created_at";

/// One change: a video's status or progress (`status` and `progress` as they became, or
/// status `deleted`), or a batch's row or counts (read the batch for what it is now).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ChangeRow {
    pub seq: i64,
    pub project_id: String,
    pub object: String,
    pub object_id: String,
    pub status: Option<String>,
    pub progress: Option<i64>,
    pub created_at: i64,
}

/// Whose changes a resuming stream replays.
#[derive(Debug, Clone, Copy)]
pub enum ChangeScope<'a> {
    /// One video or batch (ids are unique across kinds).
    Object(&'a str),
    /// Every object of `kind` (`video` or `batch`) in a project.
    Project { project: &'a str, object: &'a str },
}

#[async_trait]
pub trait ChangeRepo: Send + Sync + 'static {
    /// The newest `seq` (0 when there is none): where a reader that starts now begins.
    async fn last_change(&self) -> RepoResult<i64>;
    /// Every project's changes after `seq`, oldest first, at most `limit`.
    async fn changes_after(&self, seq: i64, limit: u32) -> RepoResult<Vec<ChangeRow>>;
    /// The changes among `seqs` that exist now (a reader's gaps, filled by late commits).
    async fn changes_among(&self, seqs: &[i64]) -> RepoResult<Vec<ChangeRow>>;
    /// `scope`'s changes after `seq`, oldest first, at most `limit`.
    async fn changes_of(&self, scope: ChangeScope<'_>, seq: i64, limit: u32) -> RepoResult<Vec<ChangeRow>>;
    /// Forget changes made before `before_ms`; returns how many.
    async fn prune_changes(&self, before_ms: i64) -> RepoResult<u64>;
}

#[async_trait]
impl ChangeRepo for SqlRepo {
    async fn last_change(&self) -> RepoResult<i64> {
        Ok(query_scalar::<Option<i64>>("SELECT MAX(seq) FROM changes").fetch_one(&self.pool).await?.unwrap_or(0))
    }

    async fn changes_after(&self, seq: i64, limit: u32) -> RepoResult<Vec<ChangeRow>> {
        let rows = query(format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"))
            .bind(seq)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(ChangeRow::from_row).collect::<Result<_, _>>()?)
    }

    async fn changes_among(&self, seqs: &[i64]) -> RepoResult<Vec<ChangeRow>> {
        if seqs.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; seqs.len()].join(", ");
        let mut q = query(format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE seq IN ({marks}) ORDER BY seq"));
        for seq in seqs {
            q = q.bind(*seq);
        }
        let rows = q.fetch_all(&self.pool).await?;
        Ok(rows.iter().map(ChangeRow::from_row).collect::<Result<_, _>>()?)
    }

    async fn changes_of(&self, scope: ChangeScope<'_>, seq: i64, limit: u32) -> RepoResult<Vec<ChangeRow>> {
        let rows = match scope {
            ChangeScope::Object(id) => {
                query(format!(
                    "SELECT {CHANGE_COLUMNS} FROM changes WHERE object_id = ? AND seq > ? ORDER BY seq LIMIT ?"
                ))
                .bind(id)
                .bind(seq)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
            ChangeScope::Project { project, object } => {
                query(format!(
                    "SELECT {CHANGE_COLUMNS} FROM changes WHERE project_id = ? AND object = ? AND seq > ? \
                     ORDER BY seq LIMIT ?"
                ))
                .bind(project)
                .bind(object)
                .bind(seq)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
        };
        Ok(rows.iter().map(ChangeRow::from_row).collect::<Result<_, _>>()?)
    }

    async fn prune_changes(&self, before_ms: i64) -> RepoResult<u64> {
        let done = query("DELETE FROM changes WHERE created_at < ?").bind(before_ms).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}
