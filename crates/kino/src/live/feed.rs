//! The pump: one reader of the change feed per process, broadcasting each new row to the
//! streams. PostgreSQL announces every row at commit (`kino_changes`, relayed by
//! `jobs::relay_notices` as `Feed::wake`); SQLite, owned by this process, is looked at often
//! while a stream is open.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, broadcast};
use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::repo::ChangeRow;

/// Rows in flight between the pump and the streams, shared by all of them. A stream more
/// than this far behind re-reads its own changes from the table.
const RING: usize = 1024;
/// Rows read per query.
const READ: u32 = 512;
/// PostgreSQL announces each change; this poll only covers a notification lost to a
/// reconnect.
const POLL_SHARED: Duration = Duration::from_secs(1);
/// SQLite has no notifications: the pump looks this often while a stream is open…
const POLL_LOCAL_WATCHED: Duration = Duration::from_millis(100);
/// …and this often while none is (its cursor must keep up, so a new stream starts now).
const POLL_LOCAL_IDLE: Duration = Duration::from_secs(1);
/// PostgreSQL hands out a `seq` when a row is inserted, not when it commits, so a row may
/// appear after a higher one was read. A missing seq is looked for this long (a rolled-back
/// one never appears), and at most this many at once.
const GAP_WAIT: Duration = Duration::from_secs(10);
const MAX_GAPS: usize = 4096;

/// A change as the streams receive it. `late` marks a row that committed after rows with a
/// higher `seq` had been sent: a stream takes it even below its starting point.
#[derive(Debug, Clone)]
pub struct Change {
    pub row: ChangeRow,
    pub late: bool,
}

pub struct Feed {
    tx: broadcast::Sender<Arc<Change>>,
    wake: Notify,
    /// The highest `seq` the pump has passed: everything above it will be broadcast.
    cursor: AtomicI64,
    /// Fired at shutdown: streams end (their clients resume elsewhere), so the server's
    /// graceful stop does not wait on them.
    stopping: CancellationToken,
}

impl Feed {
    /// A feed whose pump will start after `seq` (the newest change when the process starts).
    pub fn starting_after(seq: i64) -> Self {
        let (tx, _) = broadcast::channel(RING);
        Self { tx, wake: Notify::new(), cursor: AtomicI64::new(seq), stopping: CancellationToken::new() }
    }

    /// Look at the table now (a notification arrived, or a stream opened).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Receive every change after the returned `seq`.
    pub fn subscribe(&self) -> (broadcast::Receiver<Arc<Change>>, i64) {
        let rx = self.tx.subscribe();
        // Read after subscribing: the pump moves the cursor before it broadcasts, so a row
        // above this value cannot have been sent before `rx` existed.
        let floor = self.cursor.load(Ordering::SeqCst);
        self.wake();
        (rx, floor)
    }

    /// Resolves when the process is stopping.
    pub async fn stopping(&self) {
        self.stopping.cancelled().await
    }

    /// Open streams in this process.
    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// Read new changes and broadcast them until `shutdown`.
pub async fn run(state: AppState, shutdown: CancellationToken) {
    let feed = &state.live;
    let mut gaps: BTreeMap<i64, Instant> = BTreeMap::new();
    loop {
        if let Err(e) = pump(&state, &mut gaps).await {
            tracing::warn!(error = %e, "change feed: read failed; retrying");
        }
        let poll = match (state.shared_db, feed.subscribers() > 0 || !gaps.is_empty()) {
            (true, _) => POLL_SHARED,
            (false, true) => POLL_LOCAL_WATCHED,
            (false, false) => POLL_LOCAL_IDLE,
        };
        tokio::select! {
            () = feed.wake.notified() => {}
            () = tokio::time::sleep(poll) => {}
            () = shutdown.cancelled() => {
                feed.stopping.cancel();
                return;
            }
        }
    }
}

async fn pump(state: &AppState, gaps: &mut BTreeMap<i64, Instant>) -> crate::repo::RepoResult<()> {
    let feed = &state.live;
    let now = Instant::now();
    gaps.retain(|_, until| *until > now);
    if !gaps.is_empty() {
        let wanted: Vec<i64> = gaps.keys().copied().collect();
        for row in state.repo.changes_among(&wanted).await? {
            gaps.remove(&row.seq);
            let _ = feed.tx.send(Arc::new(Change { row, late: true }));
        }
    }
    loop {
        let cursor = feed.cursor.load(Ordering::SeqCst);
        let rows = state.repo.changes_after(cursor, READ).await?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            return Ok(());
        };
        let full = rows.len() == READ as usize;
        let mut expected = cursor + 1;
        for row in &rows {
            for missing in expected..row.seq {
                if gaps.len() < MAX_GAPS {
                    gaps.insert(missing, now + GAP_WAIT);
                }
            }
            expected = row.seq + 1;
        }
        feed.cursor.store(last, Ordering::SeqCst);
        for row in rows {
            // No receiver is not an error: streams come and go.
            let _ = feed.tx.send(Arc::new(Change { row, late: false }));
        }
        if !full {
            return Ok(());
        }
    }
}
