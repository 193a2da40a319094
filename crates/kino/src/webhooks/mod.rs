//! Webhooks: the events Kino emits, how deliveries are signed, and the sender that drains the
//! outbox. Events are written by the state changes themselves (`repo::events`), in
//! the same transaction, with one delivery per subscribed endpoint; this module only sends.
mod deliver;
pub mod sign;

pub use deliver::{backoff, run, send_now};

pub use crate::repo::{EventType, SUBSCRIBABLE, is_subscribable};

/// Register `--webhook-url` for the default project, once: an endpoint with the same URL is
/// updated (events, and the secret when one is configured) rather than duplicated.
pub async fn register_configured(state: &crate::AppState) -> anyhow::Result<()> {
    let cfg = &state.config.webhooks;
    let Some(spec) = cfg.url.as_deref() else {
        return Ok(());
    };
    let (url, secret) = match spec.split_once('|') {
        Some((u, s)) => (u.trim(), Some(s.trim().to_string())),
        None => (spec.trim(), None),
    };
    let url = state.fetcher.check_url(url).await.map_err(|e| anyhow::anyhow!("--webhook-url {url}: {e}"))?.to_string();
    let mut events: Vec<String> = if cfg.events.is_empty() {
        EventType::names().map(String::from).to_vec()
    } else {
        cfg.events.iter().map(|s| s.trim().to_string()).collect()
    };
    if let Some(bad) = events.iter().find(|e| !is_subscribable(e)) {
        anyhow::bail!("--webhook-events: '{bad}' is not a webhook event type ({})", SUBSCRIBABLE.join(", "));
    }
    events.sort();
    events.dedup();
    // Processes sharing a database often start together: one at a time registers, so the
    // URL gets one endpoint (two would mean every event delivered twice, with two ids).
    let owner = crate::ids::worker_id();
    let deadline = std::time::Instant::now() + CONFIG_LEASE_TTL;
    while !state
        .repo
        .hold_lease(CONFIG_LEASE, &owner, CONFIG_LEASE_TTL.as_millis() as i64, crate::ids::now_millis())
        .await?
    {
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "--webhook-url: another process kept the registration lease"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let registered = upsert_configured(state, url, secret, events).await;
    state.repo.drop_lease(CONFIG_LEASE, &owner).await?;
    registered
}

const CONFIG_LEASE: &str = "webhook-config";
const CONFIG_LEASE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// Update the endpoint registered for `url` or create it.
async fn upsert_configured(
    state: &crate::AppState,
    url: String,
    secret: Option<String>,
    events: Vec<String>,
) -> anyhow::Result<()> {
    let project = crate::repo::DEFAULT_PROJECT;
    let (existing, _) = state.repo.list_webhooks(project, None, 100).await?;
    let now = crate::ids::now_secs();
    if let Some(mut row) = existing.into_iter().find(|e| e.url == url) {
        row.event_types = events;
        if let Some(secret) = secret {
            row.secret = secret;
        }
        row.updated_at = now;
        state.repo.update_webhook(&row).await?;
        tracing::info!(endpoint = %row.id, %url, "configured webhook endpoint updated");
    } else {
        let row = crate::repo::WebhookEndpointRow {
            id: crate::ids::webhook_endpoint_id(),
            project_id: project.to_string(),
            name: "configured".into(),
            url: url.clone(),
            event_types: events,
            secret: secret.unwrap_or_else(sign::new_secret),
            old_secret: None,
            old_secret_expires_at: None,
            created_at: now,
            updated_at: now,
        };
        state.repo.create_webhook(&row).await?;
        tracing::info!(endpoint = %row.id, %url, "configured webhook endpoint registered (its secret is in the API: rotate it to read it)");
    }
    Ok(())
}
