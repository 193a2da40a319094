//! The sender: lease due deliveries, POST them signed, record every attempt, and retry
//! anything but a 2xx with exponential backoff and jitter until the event is `max_age` old.
//! The `webhook-id` is the delivery's id, the same on every retry, so receivers can dedupe.
//! A sender that dies mid-attempt loses its lease and the delivery is sent again: at least once.
use std::time::{Duration, Instant};

use futures::future::join_all;
use rand::Rng;
use tokio_util::sync::CancellationToken;

use super::sign::signature_header;
use crate::app::AppState;
use crate::config::WebhookConfig;
use crate::fetch::FetchError;
use crate::ids;
use crate::repo::{AttemptRecord, DeliveryOutcome, DueDelivery};

const POLL: Duration = Duration::from_millis(200);

pub async fn run(state: AppState, shutdown: CancellationToken) {
    let worker = ids::worker_id();
    let cfg = state.config.webhooks.clone();
    // Long enough to cover one attempt; a dead sender's deliveries are due again after it.
    let lease_ms = (cfg.timeout + Duration::from_secs(30)).as_millis() as i64;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(POLL) => {}
        }
        let due = match state.repo.claim_deliveries(&worker, lease_ms, ids::now_millis(), cfg.concurrency).await {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "claiming webhook deliveries failed");
                continue;
            }
        };
        if due.is_empty() {
            continue;
        }
        let sends = join_all(due.iter().map(|d| attempt(&state, &cfg, &worker, d)));
        tokio::select! {
            // Unfinished attempts keep their lease and are sent again after it: none is lost.
            _ = shutdown.cancelled() => return,
            _ = sends => {}
        }
    }
}

async fn attempt(state: &AppState, cfg: &WebhookConfig, worker: &str, d: &DueDelivery) {
    let started_at_ms = ids::now_millis();
    let clock = Instant::now();
    let result = send_now(state, &d.url, &d.id, &d.secrets, &d.payload, cfg.timeout).await;
    let duration_ms = clock.elapsed().as_millis() as i64;
    let (status_code, error) = match &result {
        Ok(code) if (200..300).contains(code) => (Some(*code), None),
        Ok(code) => (Some(*code), Some(format!("HTTP {code}"))),
        Err(e) => (None, Some(e.to_string())),
    };
    let now = ids::now_millis();
    let outcome = if error.is_none() {
        DeliveryOutcome::Delivered
    } else {
        let next = now + backoff(cfg, d.attempt).as_millis() as i64;
        if next - d.created_at_ms > cfg.max_age.as_millis() as i64 {
            DeliveryOutcome::GaveUp
        } else {
            DeliveryOutcome::Retry { next_attempt_at_ms: next }
        }
    };
    let label = match outcome {
        DeliveryOutcome::Delivered => "delivered",
        DeliveryOutcome::Retry { .. } => "retry",
        DeliveryOutcome::GaveUp => "gave_up",
    };
    match outcome {
        DeliveryOutcome::Delivered => {
            tracing::info!(delivery = %d.id, event = %d.event_type, endpoint = %d.endpoint_id, attempt = d.attempt, "webhook delivered")
        }
        _ => tracing::warn!(
            delivery = %d.id, event = %d.event_type, endpoint = %d.endpoint_id, attempt = d.attempt,
            error = error.as_deref().unwrap_or(""), outcome = label, "webhook delivery failed"
        ),
    }
    metrics::counter!(crate::telemetry::WEBHOOK_ATTEMPTS_TOTAL, "outcome" => label).increment(1);
    let record = AttemptRecord { started_at_ms, duration_ms, status_code, error };
    if let Err(e) = state.repo.finish_delivery(d, worker, outcome, &record).await {
        tracing::warn!(delivery = %d.id, error = %e, "recording a webhook attempt failed; it will be retried");
    }
}

/// Sign and POST one payload now; returns the receiver's status code.
pub async fn send_now(
    state: &AppState,
    url: &str,
    webhook_id: &str,
    secrets: &[String],
    payload: &str,
    timeout: Duration,
) -> Result<u16, FetchError> {
    let timestamp = ids::now_secs();
    let headers = [
        ("webhook-id", webhook_id.to_string()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signature_header(secrets, webhook_id, timestamp, payload)),
    ];
    state.fetcher.post_json(url, &headers, payload.to_string(), timeout).await
}

/// Delay before attempt `attempt + 1`: base · 2^(attempt-1), capped, ±20 % jitter.
pub fn backoff(cfg: &WebhookConfig, attempt: i64) -> Duration {
    let exp = 2u32.saturating_pow(attempt.clamp(1, 30) as u32 - 1);
    let delay = cfg.retry_base.saturating_mul(exp).min(cfg.retry_max);
    delay.mul_f64(rand::rng().random_range(0.8..1.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let cfg = WebhookConfig {
            retry_base: Duration::from_secs(5),
            retry_max: Duration::from_secs(60),
            ..Default::default()
        };
        for (attempt, nominal) in [(1, 5.0), (2, 10.0), (3, 20.0), (4, 40.0), (5, 60.0), (40, 60.0)] {
            let d = backoff(&cfg, attempt).as_secs_f64();
            assert!(d >= nominal * 0.8 - 1e-9 && d <= nominal * 1.2 + 1e-9, "attempt {attempt}: {d}");
        }
    }
}
