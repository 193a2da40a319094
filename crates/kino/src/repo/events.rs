//! The event outbox. `record_event` runs inside the caller's transaction — the one
//! that makes the state change the event reports — and fans the event out to a delivery per
//! subscribed endpoint, so a commit means the webhook will be sent (at least once).
use sqlx::AnyConnection;

use super::RepoResult;
use super::db::{Dialect, query};

/// The events this server emits, and so the ones an endpoint may subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    VideoCompleted,
    VideoFailed,
    BatchCompleted,
    BatchFailed,
    BatchExpired,
    BatchCancelled,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        Self::VideoCompleted,
        Self::VideoFailed,
        Self::BatchCompleted,
        Self::BatchFailed,
        Self::BatchExpired,
        Self::BatchCancelled,
    ];

    /// The name on the wire (`type` in the payload, `event_types` of an endpoint).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VideoCompleted => "video.completed",
            Self::VideoFailed => "video.failed",
            Self::BatchCompleted => "batch.completed",
            Self::BatchFailed => "batch.failed",
            Self::BatchExpired => "batch.expired",
            Self::BatchCancelled => "batch.cancelled",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// Every name, in order.
    pub fn names() -> [&'static str; 6] {
        Self::ALL.map(Self::as_str)
    }
}

/// Every event type the current SDKs let an endpoint subscribe to (openai-python 3.63's
/// `WebhookCreateParams.event_types`, in its order). Registration scripts written for
/// OpenAI list these, so an endpoint may store any of them; Kino delivers the ones it
/// emits (`EventType`), and the rest wait for a feature that makes them.
pub const SUBSCRIBABLE: [&str; 29] = [
    "health.alert.triggered",
    "health.alert.resolved",
    "batch.completed",
    "batch.failed",
    "batch.expired",
    "batch.cancelled",
    "response.completed",
    "response.failed",
    "response.cancelled",
    "response.incomplete",
    "eval.run.succeeded",
    "eval.run.failed",
    "eval.run.canceled",
    "fine_tuning.job.succeeded",
    "fine_tuning.job.failed",
    "fine_tuning.job.cancelled",
    "realtime.call.incoming",
    "video.completed",
    "video.failed",
    "agent.environment.ready",
    "agent.environment.failed",
    "agent.environment.suspended",
    "agent.environment.expired",
    "agent.session.created",
    "agent.session.action_required",
    "agent.session.in_progress",
    "agent.session.idle",
    "agent.session.failed",
    "safety.alert.created",
];

/// Whether `name` is an event type an endpoint may subscribe to.
pub fn is_subscribable(name: &str) -> bool {
    SUBSCRIBABLE.contains(&name)
}

/// What happened, to whom. `data_id` is the object the event is about (a video or batch id).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub project_id: &'a str,
    pub event_type: EventType,
    pub data_id: &'a str,
}

/// Record `event` and its deliveries in `conn`'s open transaction. Returns the event id.
pub async fn record_event(conn: &mut AnyConnection, event: &NewEvent<'_>, now_ms: i64) -> RepoResult<String> {
    let id = crate::ids::event_id();
    let created_at = now_ms / 1000;
    let payload = serde_json::json!({
        "id": id,
        "object": "event",
        "created_at": created_at,
        "type": event.event_type.as_str(),
        "data": {"id": event.data_id},
    })
    .to_string();
    query("INSERT INTO events (id, project_id, type, data_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&id)
        .bind(event.project_id)
        .bind(event.event_type.as_str())
        .bind(event.data_id)
        .bind(&payload)
        .bind(created_at)
        .execute(&mut *conn)
        .await?;
    // One delivery per subscribed endpoint; the random id doubles as the webhook-id header.
    let random_id = Dialect::of(conn).random_hex();
    query(format!(
        "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at) \
         SELECT 'msg_' || {random_id}, ?, e.id, 'pending', ?, ? \
         FROM webhook_endpoints e JOIN webhook_endpoint_events t ON t.endpoint_id = e.id \
         WHERE e.project_id = ? AND t.event_type = ?"
    ))
    .bind(&id)
    .bind(now_ms)
    .bind(now_ms)
    .bind(event.project_id)
    .bind(event.event_type.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
