//! The event outbox. `record_event` runs inside the caller's transaction — the one
//! that makes the state change the event reports — and fans the event out to a delivery per
//! subscribed endpoint, so a commit means the webhook will be sent (at least once).
use sqlx::AnyConnection;

use super::RepoResult;
use super::db::{Dialect, query};

/// What happened, to whom. `data_id` is the object the event is about (a video or batch id).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub project_id: &'a str,
    pub event_type: &'static str,
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
        "type": event.event_type,
        "data": {"id": event.data_id},
    })
    .to_string();
    query("INSERT INTO events (id, project_id, type, data_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&id)
        .bind(event.project_id)
        .bind(event.event_type)
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
    .bind(event.event_type)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
