//! `WebhookRepo`: endpoints with their event types, and leasing deliveries.
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::db::{SqlRepo, query, query_scalar};
use super::videos::after_clause;
use super::{AttemptRecord, DeliveryOutcome, DueDelivery, RepoResult, WebhookEndpointRow, WebhookRepo};

const ENDPOINT_COLUMNS: &str =
    "id, project_id, name, url, secret, old_secret, old_secret_expires_at, created_at, updated_at";

impl SqlRepo {
    /// The endpoint in `r`, with its subscriptions (a table of their own).
    async fn endpoint(&self, r: &AnyRow) -> RepoResult<WebhookEndpointRow> {
        let mut endpoint = WebhookEndpointRow::from_row(r)?;
        endpoint.event_types = self.event_types_of(&endpoint.id).await?;
        Ok(endpoint)
    }

    async fn event_types_of(&self, endpoint_id: &str) -> RepoResult<Vec<String>> {
        Ok(query_scalar("SELECT event_type FROM webhook_endpoint_events WHERE endpoint_id = ? ORDER BY event_type")
            .bind(endpoint_id)
            .fetch_all(&self.pool)
            .await?)
    }
}

async fn set_event_types(tx: &mut sqlx::AnyConnection, id: &str, types: &[String]) -> RepoResult<()> {
    query("DELETE FROM webhook_endpoint_events WHERE endpoint_id = ?").bind(id).execute(&mut *tx).await?;
    for t in types {
        query("INSERT INTO webhook_endpoint_events (endpoint_id, event_type) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .bind(id)
            .bind(t)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

#[async_trait]
impl WebhookRepo for SqlRepo {
    async fn create_webhook(&self, e: &WebhookEndpointRow) -> RepoResult<()> {
        let mut tx = self.pool.begin().await?;
        query(format!("INSERT INTO webhook_endpoints ({ENDPOINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
            .bind(&e.id)
            .bind(&e.project_id)
            .bind(&e.name)
            .bind(&e.url)
            .bind(&e.secret)
            .bind(&e.old_secret)
            .bind(e.old_secret_expires_at)
            .bind(e.created_at)
            .bind(e.updated_at)
            .execute(&mut *tx)
            .await?;
        set_event_types(&mut tx, &e.id, &e.event_types).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn get_webhook(&self, project: &str, id: &str) -> RepoResult<Option<WebhookEndpointRow>> {
        let row = query(format!("SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE project_id = ? AND id = ?"))
            .bind(project)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => Ok(Some(self.endpoint(&r).await?)),
            None => Ok(None),
        }
    }

    async fn list_webhooks(
        &self,
        project: &str,
        after: Option<&str>,
        limit: u32,
    ) -> RepoResult<(Vec<WebhookEndpointRow>, bool)> {
        let mut q = query(format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE project_id = ? {} ORDER BY id DESC LIMIT ?",
            after_clause(after, "id", "<")
        ))
        .bind(project);
        if let Some(after) = after {
            q = q.bind(after);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let has_more = rows.len() > limit as usize;
        let mut out = Vec::with_capacity(rows.len().min(limit as usize));
        for r in rows.iter().take(limit as usize) {
            out.push(self.endpoint(r).await?);
        }
        Ok((out, has_more))
    }

    async fn update_webhook(&self, e: &WebhookEndpointRow) -> RepoResult<bool> {
        let mut tx = self.pool.begin().await?;
        let done = query(
            "UPDATE webhook_endpoints SET name = ?, url = ?, secret = ?, old_secret = ?, old_secret_expires_at = ?, \
             updated_at = ? WHERE project_id = ? AND id = ?",
        )
        .bind(&e.name)
        .bind(&e.url)
        .bind(&e.secret)
        .bind(&e.old_secret)
        .bind(e.old_secret_expires_at)
        .bind(e.updated_at)
        .bind(&e.project_id)
        .bind(&e.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            // A dropped transaction only rolls back when its connection is next used:
            // end it now, or the write lock stays held by an idle pooled connection.
            tx.rollback().await?;
            return Ok(false);
        }
        set_event_types(&mut tx, &e.id, &e.event_types).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn delete_webhook(&self, project: &str, id: &str) -> RepoResult<bool> {
        // Deliveries and event types go with it (ON DELETE CASCADE).
        let done = query("DELETE FROM webhook_endpoints WHERE project_id = ? AND id = ?")
            .bind(project)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn claim_deliveries(
        &self,
        worker: &str,
        lease_ms: i64,
        now_ms: i64,
        limit: u32,
    ) -> RepoResult<Vec<DueDelivery>> {
        // A plain read first: the sender polls often, and most polls find nothing to lock for.
        let any: Option<i64> =
            query_scalar("SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1")
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await?;
        if any.is_none() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let ids: Vec<String> = query_scalar(format!(
            "UPDATE webhook_deliveries SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? \
               AND (lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY next_attempt_at LIMIT ?{}) \
             RETURNING id",
            self.dialect.skip_locked(None)
        ))
        .bind(worker)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(now_ms)
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let r = query(
                "SELECT d.id, d.attempts, d.created_at, d.endpoint_id, v.type, v.payload, e.url, e.secret, \
                 e.old_secret, e.old_secret_expires_at FROM webhook_deliveries d \
                 JOIN events v ON v.id = d.event_id JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?",
            )
            .bind(&id)
            .fetch_one(&mut *tx)
            .await?;
            let mut secrets = vec![r.try_get::<String, _>("secret")?];
            let old: Option<String> = r.try_get("old_secret")?;
            let old_until: Option<i64> = r.try_get("old_secret_expires_at")?;
            if let (Some(old), Some(until)) = (old, old_until)
                && until * 1000 > now_ms
            {
                secrets.push(old);
            }
            out.push(DueDelivery {
                id: r.try_get("id")?,
                event_type: r.try_get("type")?,
                endpoint_id: r.try_get("endpoint_id")?,
                url: r.try_get("url")?,
                payload: r.try_get("payload")?,
                secrets,
                attempt: r.try_get("attempts")?,
                created_at_ms: r.try_get("created_at")?,
            });
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn prune_events(&self, before_secs: i64) -> RepoResult<u64> {
        let done = query(
            "DELETE FROM events WHERE created_at < ? AND NOT EXISTS \
             (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id AND d.status = 'pending')",
        )
        .bind(before_secs)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn release_delivery_leases(&self) -> RepoResult<u64> {
        let done = query(
            "UPDATE webhook_deliveries SET lease_owner = NULL, lease_expires_at = NULL \
             WHERE status = 'pending' AND lease_owner IS NOT NULL",
        )
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn finish_delivery(
        &self,
        d: &DueDelivery,
        worker: &str,
        outcome: DeliveryOutcome,
        record: &AttemptRecord,
    ) -> RepoResult<bool> {
        let mut tx = self.begin_write().await?;
        let (status, next, delivered_at) = match outcome {
            DeliveryOutcome::Delivered => ("delivered", None, Some(record.started_at_ms + record.duration_ms)),
            DeliveryOutcome::Retry { next_attempt_at_ms } => ("pending", Some(next_attempt_at_ms), None),
            DeliveryOutcome::GaveUp => ("failed", None, None),
        };
        let done = query(
            "UPDATE webhook_deliveries SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), \
             lease_owner = NULL, lease_expires_at = NULL, last_status_code = ?, last_error = ?, delivered_at = ? \
             WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'pending'",
        )
        .bind(status)
        .bind(next)
        .bind(record.status_code.map(i64::from))
        .bind(&record.error)
        .bind(delivered_at)
        .bind(&d.id)
        .bind(worker)
        .bind(d.attempt)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        query(
            "INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id, attempt) DO UPDATE SET started_at = excluded.started_at, \
             duration_ms = excluded.duration_ms, status_code = excluded.status_code, error = excluded.error",
        )
        .bind(&d.id)
        .bind(d.attempt)
        .bind(record.started_at_ms)
        .bind(record.duration_ms)
        .bind(record.status_code.map(i64::from))
        .bind(&record.error)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
