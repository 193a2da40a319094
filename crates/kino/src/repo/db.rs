//! The database behind every repo trait: SQLite (the default, one file in the data
//! directory) or PostgreSQL (scale-out: many API and worker processes on one database).
//! One implementation serves both through sqlx's `Any` driver; queries are written once
//! with `?` placeholders and the few places where the dialects differ ask `Dialect`.
//! Each backend has its own migrations.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyArguments, AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::query::{Query, QueryScalar};
use sqlx::{Any, AnyConnection, AnyPool, Executor, FromRow, Transaction};

use async_trait::async_trait;
use futures::StreamExt;
use futures::stream::BoxStream;

use super::{Notice, Repo, RepoError, RepoResult};
use crate::usage::PriceTable;

/// The advisory lock that serialises migrations (any constant no other code uses).
const MIGRATION_LOCK: i64 = 0x006b_696e_6f6d_6967; // "kinomig"

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub fn of(conn: &AnyConnection) -> Self {
        if conn.backend_name() == "PostgreSQL" { Dialect::Postgres } else { Dialect::Sqlite }
    }

    /// Appended to a `SELECT` that picks rows to change (of table alias `of`, or all):
    /// on PostgreSQL concurrent claimers skip each other's rows instead of queueing behind
    /// them (SQLite has one writer: its `BEGIN IMMEDIATE` is the lock).
    pub fn skip_locked(self, of: Option<&str>) -> String {
        match (self, of) {
            (Dialect::Sqlite, _) => String::new(),
            (Dialect::Postgres, None) => " FOR UPDATE SKIP LOCKED".to_string(),
            (Dialect::Postgres, Some(t)) => format!(" FOR UPDATE OF {t} SKIP LOCKED"),
        }
    }

    /// A random hex id of 24 characters, as SQL.
    pub fn random_hex(self) -> &'static str {
        match self {
            Dialect::Sqlite => "lower(hex(randomblob(12)))",
            Dialect::Postgres => "substr(md5(random()::text || clock_timestamp()::text), 1, 24)",
        }
    }
}

#[derive(Clone, Debug)]
pub struct SqlRepo {
    pub(super) pool: AnyPool,
    pub(super) dialect: Dialect,
    /// Where the database is (its password removed), for LISTEN connections and logs.
    pub(super) url: String,
    /// Prices completed videos as their usage is recorded.
    pub(super) prices: Arc<PriceTable>,
    /// Counts the methods that wrote `videos`, as each returns (after its commit).
    video_writes: Arc<AtomicU64>,
}

/// Held by a method that writes `videos`: counts the write when the method is done, after
/// its commit (declare it first, so that it is dropped last).
pub(super) struct VideoWrite<'a>(&'a AtomicU64);

impl Drop for VideoWrite<'_> {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl SqlRepo {
    /// Open `url` (`sqlite://PATH` or `postgres://…`), creating the SQLite file if needed,
    /// and bring its schema up to date.
    pub async fn open(url: &str) -> RepoResult<Self> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            return Err(RepoError::Config(format!(
                "unsupported database URL (expected sqlite://PATH or postgres://…): {}",
                redact(url)
            )));
        };
        let pool = match dialect {
            Dialect::Sqlite => {
                let url = if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
                let opts: AnyConnectOptions = url.parse()?;
                AnyPoolOptions::new()
                    .max_connections(8)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL so readers never wait for the writer; synchronous=FULL so a
                            // commit survives power loss, not only a process crash.
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = FULL",
                                "PRAGMA busy_timeout = 10000",
                                "PRAGMA foreign_keys = ON",
                            ] {
                                conn.execute(pragma).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect_with(opts)
                    .await?
            }
            Dialect::Postgres => {
                let opts: AnyConnectOptions = url.parse()?;
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?
            }
        };
        match dialect {
            Dialect::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
            Dialect::Postgres => {
                // Processes that start together would race to create sqlx's bookkeeping table
                // (its own lock is taken only after that): one migrates at a time, holding
                // our lock on a connection of its own while the migrator uses the pool.
                // (Migrating on that same connection, `run(&mut *conn)`, makes callers'
                // futures fail rustc's `Send` proof: `tokio::spawn(kino::run(..))` breaks.)
                let mut lock = pool.acquire().await?;
                query("SELECT pg_advisory_lock(?)").bind(MIGRATION_LOCK).execute(&mut *lock).await?;
                let migrated = sqlx::migrate!("./migrations/postgres").run(&pool).await;
                query("SELECT pg_advisory_unlock(?)").bind(MIGRATION_LOCK).execute(&mut *lock).await?;
                migrated?;
            }
        }
        Ok(Self {
            pool,
            dialect,
            url: url.to_string(),
            prices: Arc::new(PriceTable::default()),
            video_writes: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Every method that changes a row of `videos` starts with this (see `Repo::videos_version`).
    pub(super) fn writing_videos(&self) -> VideoWrite<'_> {
        VideoWrite(&self.video_writes)
    }

    /// Price completions with `prices` instead of the built-in table.
    pub fn with_prices(mut self, prices: Arc<PriceTable>) -> Self {
        self.prices = prices;
        self
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// A transaction that will write. On SQLite it takes the write lock at once, so two
    /// writers never deadlock upgrading read locks; PostgreSQL locks rows as it goes.
    pub(super) async fn begin_write(&self) -> RepoResult<Transaction<'static, Any>> {
        Ok(match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.pool.begin().await?,
        })
    }

    /// Notices on our channels, from a connection of its own (PostgreSQL only).
    pub(super) async fn listen(&self) -> RepoResult<Option<BoxStream<'static, Notice>>> {
        if self.dialect != Dialect::Postgres {
            return Ok(None);
        }
        let mut listener = sqlx::postgres::PgListener::connect(&self.url).await?;
        listener.listen_all([JOBS_CHANNEL, CANCEL_CHANNEL, CHANGES_CHANNEL]).await?;
        let notices = futures::stream::unfold(listener, |mut listener| async move {
            let notice = match listener.recv().await {
                Ok(n) if n.channel() == CANCEL_CHANNEL => Notice::Cancel(n.payload().to_string()),
                Ok(n) if n.channel() == CHANGES_CHANNEL => Notice::Changes,
                Ok(_) => Notice::Jobs,
                Err(e) => {
                    // The next recv reconnects; what was sent meanwhile is lost, so look once.
                    tracing::warn!(error = %e, "database notifications interrupted; reconnecting");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    Notice::Jobs
                }
            };
            Some((notice, listener))
        });
        Ok(Some(notices.boxed()))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Channels of cross-process wake-ups (PostgreSQL `NOTIFY`, sent at commit).
pub const JOBS_CHANNEL: &str = "kino_jobs";
pub const CANCEL_CHANNEL: &str = "kino_cancel";
/// Sent by the `changes` triggers (see their migration), with the new row's `seq`.
pub const CHANGES_CHANNEL: &str = "kino_changes";

/// Tell other processes, when `conn`'s transaction commits, that `channel` has news. A
/// no-op on SQLite, where one process owns the database and wakes itself.
pub(super) async fn notify(conn: &mut AnyConnection, channel: &str, payload: &str) -> RepoResult<()> {
    if Dialect::of(conn) == Dialect::Postgres {
        query("SELECT pg_notify(?, ?)").bind(channel).bind(payload).execute(conn).await?;
    }
    Ok(())
}

/// `url` without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Our SQL is written with `?` placeholders (and assembled only from constant fragments;
/// values are always bound). PostgreSQL wants `$1, $2, …`, which SQLite also reads, so
/// every statement is numbered the same way for both.
pub(super) fn sql(query: &str) -> sqlx::AssertSqlSafe<String> {
    let mut out = String::with_capacity(query.len() + 16);
    let mut n = 0;
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    sqlx::AssertSqlSafe(out)
}

pub(super) fn query<'q>(text: impl AsRef<str>) -> Query<'q, Any, AnyArguments> {
    sqlx::query(sql(text.as_ref()))
}

pub(super) fn query_scalar<'q, O>(text: impl AsRef<str>) -> QueryScalar<'q, Any, O, AnyArguments>
where
    (O,): for<'r> FromRow<'r, AnyRow>,
{
    sqlx::query_scalar(sql(text.as_ref()))
}

#[async_trait]
impl Repo for SqlRepo {
    async fn ping(&self) -> RepoResult<()> {
        query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn notices(&self) -> RepoResult<Option<BoxStream<'static, Notice>>> {
        self.listen().await
    }

    fn videos_version(&self) -> Option<u64> {
        // SQLite is one process's: every write of a video passes through this repo.
        (self.dialect == Dialect::Sqlite).then(|| self.video_writes.load(Ordering::SeqCst))
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
}

#[cfg(test)]
mod tests {
    use super::sql;

    #[test]
    fn placeholders_are_numbered_outside_literals() {
        assert_eq!(sql("SELECT ? WHERE a = '?' AND b IN (?, ?)").0, "SELECT $1 WHERE a = '?' AND b IN ($2, $3)");
        assert_eq!(sql("SELECT 'it''s' || ?").0, "SELECT 'it''s' || $1");
    }
}
