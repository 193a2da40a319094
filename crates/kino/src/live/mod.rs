//! Live progress: the change feed (rows the database triggers write, see the `changes`
//! migration) read by one pump per process and fanned out to every event stream here.
//!
//! Memory stays bounded whatever the clients do: the pump's broadcast ring is shared and
//! fixed in size, each stream holds a cursor and at most one pending event per object, and a
//! stream that falls behind the ring re-reads its own changes from the table (the same path a
//! client's `Last-Event-ID` takes).
mod feed;
mod pace;
mod stream;

pub use feed::{Feed, run};
pub use stream::{Event, EventStream, Opened, Scope};

use std::time::Duration;

/// Progress-only events of one object are sent at most this often (4 a second).
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(250);

/// How long the change feed keeps rows: the window a client can resume in.
pub const RESUME_WINDOW: Duration = Duration::from_secs(24 * 3600);
