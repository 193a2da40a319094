//! One client's event stream: a video, every video of a project, or a batch. It sends the
//! object as it is now (or replays from `Last-Event-ID`), then every status change at once
//! and progress at most `PROGRESS_INTERVAL` apart per object, and ends after a terminal state.
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

use super::PROGRESS_INTERVAL;
use super::feed::Change;
use super::pace::Pace;
use crate::app::AppState;
use crate::ids;
use crate::repo::{BatchRow, ChangeRow, ChangeScope, RepoResult, VideoStatus};
use crate::wire::{Batch, Video, VideoDeleted};

/// What a stream follows. Ids are checked against the caller's project before opening.
#[derive(Debug, Clone)]
pub enum Scope {
    Video(String),
    Videos,
    Batch(String),
}

/// One server-sent event: `id` is the change's `seq`, `name` its `event:` field.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub name: &'static str,
    pub data: String,
}

/// Rows replayed per read (a resume, or a stream that fell behind the feed's ring).
const REPLAY: u32 = 256;

pub struct EventStream {
    state: AppState,
    project: String,
    scope: Scope,
    rx: broadcast::Receiver<Arc<Change>>,
    /// The highest `seq` taken; replays read after it, and the ring's rows at or below it
    /// are already reflected (unless they committed late).
    read: i64,
    /// Replay from the table before taking the ring again.
    replaying: bool,
    backlog: VecDeque<ChangeRow>,
    /// Per object: the state last sent (`status:progress`, or a batch's counts), and the
    /// progress waiting for its turn.
    sent: HashMap<String, String>,
    pace: Pace<ChangeRow>,
    ready: VecDeque<Event>,
    done: bool,
}

/// `open`'s answer: a stream, or nothing left to say (a resume of a finished object, which
/// the API answers `204 No Content` so `EventSource` stops reconnecting).
pub enum Opened {
    Stream(Box<EventStream>),
    Finished,
}

impl EventStream {
    /// Open a stream of `scope` for `project`, resuming after `last_event_id` if given.
    pub async fn open(
        state: AppState,
        project: String,
        scope: Scope,
        last_event_id: Option<i64>,
    ) -> RepoResult<Opened> {
        let (rx, floor) = state.live.subscribe();
        let mut s = EventStream {
            state,
            project,
            scope,
            rx,
            read: floor,
            replaying: false,
            backlog: VecDeque::new(),
            sent: HashMap::new(),
            pace: Pace::new(PROGRESS_INTERVAL),
            ready: VecDeque::new(),
            done: false,
        };
        match (last_event_id, s.scope.clone()) {
            (Some(after), scope) => {
                s.read = after;
                s.replaying = true;
                s.refill().await?;
                if s.backlog.is_empty() && s.finished(&scope).await? {
                    return Ok(Opened::Finished);
                }
            }
            // A new client first gets the object as it is now, under the newest change's
            // `seq`: read before the object, so every change it reflects is at or below it
            // and the ring's copies of them are skipped.
            (None, Scope::Video(id)) => {
                s.read = s.state.repo.last_change().await?.max(floor);
                s.emit_video(&id, None, s.read).await?;
            }
            (None, Scope::Batch(id)) => {
                s.read = s.state.repo.last_change().await?.max(floor);
                s.emit_batch(&id, s.read).await?;
            }
            (None, Scope::Videos) => {}
        }
        Ok(Opened::Stream(Box::new(s)))
    }

    /// The next event, or None when the stream is over.
    pub async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.step().await {
                // The client resumes from the last id it got.
                tracing::warn!(error = %e, "event stream: read failed; closing it");
                return None;
            }
        }
    }

    async fn step(&mut self) -> RepoResult<()> {
        if let Some(row) = self.backlog.pop_front() {
            self.read = self.read.max(row.seq);
            return self.take(row).await;
        }
        if self.replaying {
            return self.refill().await;
        }
        let due = self.pace.next_due();
        tokio::select! {
            msg = self.rx.recv() => match msg {
                Ok(change) => {
                    if self.wants(&change.row) && (change.row.seq > self.read || change.late) {
                        self.read = self.read.max(change.row.seq);
                        self.take(change.row.clone()).await?;
                    }
                }
                // Fell behind the ring: read our own changes from the table instead.
                Err(RecvError::Lagged(_)) => self.replaying = true,
                Err(RecvError::Closed) => self.done = true,
            },
            () = sleep_until(due) => self.flush_due().await?,
            () = self.state.live.stopping() => self.done = true,
        }
        Ok(())
    }

    async fn refill(&mut self) -> RepoResult<()> {
        let scope = match &self.scope {
            Scope::Video(id) | Scope::Batch(id) => ChangeScope::Object(id),
            Scope::Videos => ChangeScope::Project { project: &self.project, object: "video" },
        };
        let rows = self.state.repo.changes_of(scope, self.read, REPLAY).await?;
        self.replaying = rows.len() == REPLAY as usize;
        self.backlog.extend(rows);
        Ok(())
    }

    fn wants(&self, row: &ChangeRow) -> bool {
        match &self.scope {
            Scope::Video(id) | Scope::Batch(id) => row.object_id == *id,
            Scope::Videos => row.object == "video" && row.project_id == self.project,
        }
    }

    /// Whether the object is in a final state (or gone), so a resume has nothing to wait for.
    async fn finished(&self, scope: &Scope) -> RepoResult<bool> {
        Ok(match scope {
            Scope::Video(id) => self
                .state
                .repo
                .get_video(&self.project, id, ids::now_secs())
                .await?
                .is_none_or(|v| v.status.is_terminal()),
            Scope::Batch(id) => {
                self.state.repo.get_batch(&self.project, id).await?.is_none_or(|b| b.status.event_type().is_some())
            }
            Scope::Videos => false,
        })
    }

    /// Send `row` now, or hold it while its object's last event is too recent. A video's
    /// status change always goes at once; a batch's changes are all paced (each one is read
    /// afresh when it goes).
    async fn take(&mut self, row: ChangeRow) -> RepoResult<()> {
        let urgent = row.object == "video"
            && self.sent.get(&row.object_id).is_none_or(|s| s.split(':').next() != row.status.as_deref());
        let key = row.object_id.clone();
        match self.pace.offer(&key, row, urgent, Instant::now()) {
            Some(row) => self.emit(row).await,
            None => Ok(()),
        }
    }

    async fn flush_due(&mut self) -> RepoResult<()> {
        for row in self.pace.take_due(Instant::now()) {
            self.emit(row).await?;
        }
        Ok(())
    }

    async fn emit(&mut self, row: ChangeRow) -> RepoResult<()> {
        if row.object == "batch" {
            self.emit_batch(&row.object_id, row.seq).await
        } else {
            self.emit_video(&row.object_id, Some(&row), row.seq).await
        }
    }

    /// Queue the video as `change` left it (as it is now without one), unless the client
    /// already has that state.
    async fn emit_video(&mut self, id: &str, change: Option<&ChangeRow>, seq: i64) -> RepoResult<()> {
        if change.is_some_and(|c| c.status.as_deref() == Some("deleted")) {
            let gone = VideoDeleted { id: id.to_string(), object: "video.deleted", deleted: true };
            self.push(id, "deleted".to_string(), Event { id: seq, name: "video.deleted", data: to_json(&gone) });
            self.finish(id);
            return Ok(());
        }
        let Some(row) = self.state.repo.get_video(&self.project, id, ids::now_secs()).await? else {
            // Deleted or expired meanwhile: its own change row says so.
            return Ok(());
        };
        let mut video = Video::from(row);
        if let Some(status) = change.and_then(|c| c.status.as_deref()).and_then(VideoStatus::parse) {
            video.status = status.as_str();
            video.progress = change.and_then(|c| c.progress).unwrap_or(video.progress).clamp(0, 100);
            // Before its end a video had neither a completion time nor an error.
            if !status.is_terminal() {
                video.completed_at = None;
                video.error = None;
            }
        }
        let state = format!("{}:{}", video.status, video.progress);
        if self.sent.get(id).is_some_and(|s| *s == state) {
            return Ok(());
        }
        let terminal = VideoStatus::parse(video.status).is_some_and(VideoStatus::is_terminal);
        self.push(id, state, Event { id: seq, name: "video", data: to_json(&video) });
        if terminal {
            self.finish(id);
        }
        Ok(())
    }

    async fn emit_batch(&mut self, id: &str, seq: i64) -> RepoResult<()> {
        let Some(row): Option<BatchRow> = self.state.repo.get_batch(&self.project, id).await? else {
            return Ok(());
        };
        let terminal = row.status.event_type().is_some();
        let batch = Batch::from(row);
        let c = &batch.request_counts;
        let state = format!("{}:{}:{}:{}", batch.status, c.total, c.completed, c.failed);
        if self.sent.get(id).is_some_and(|s| *s == state) {
            return Ok(());
        }
        self.push(id, state, Event { id: seq, name: "batch", data: to_json(&batch) });
        if terminal {
            self.finish(id);
        }
        Ok(())
    }

    fn push(&mut self, id: &str, state: String, event: Event) {
        self.pace.sent(id, Instant::now());
        self.sent.insert(id.to_string(), state);
        self.ready.push_back(event);
    }

    /// `id` reached its end: a single-object stream is over; a project stream forgets it.
    fn finish(&mut self, id: &str) {
        match self.scope {
            Scope::Video(_) | Scope::Batch(_) => self.done = true,
            Scope::Videos => {
                self.sent.remove(id);
                self.pace.forget(id);
            }
        }
    }
}

async fn sleep_until(due: Option<Instant>) {
    match due {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("wire objects serialize")
}
