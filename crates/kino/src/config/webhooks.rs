//! `webhooks`: delivery retries, limits, and an endpoint registered at start.
use std::time::Duration;

use clap::Args;

use super::duration;

pub const DEFAULT_WEBHOOK_MAX_AGE: &str = "72h";
pub const DEFAULT_WEBHOOK_RETRY_BASE: &str = "5s";
pub const DEFAULT_WEBHOOK_RETRY_MAX: &str = "1h";
pub const DEFAULT_WEBHOOK_TIMEOUT: &str = "15s";
pub const DEFAULT_WEBHOOK_CONCURRENCY: u32 = 8;

/// Webhook delivery: at-least-once, retried with exponential backoff and jitter until
/// `max_age` after the event. Endpoint URLs obey the `--fetch-allow` address rules.
#[derive(Clone, Args)]
pub struct WebhookConfig {
    /// Give up on a delivery this long after its event (the receiver was never reachable).
    #[arg(long = "webhook-max-age", env = "KINO_WEBHOOK_MAX_AGE", value_parser = humantime::parse_duration, default_value = DEFAULT_WEBHOOK_MAX_AGE)]
    pub max_age: Duration,
    /// First retry delay; it doubles per attempt (with ±20 % jitter) up to --webhook-retry-max.
    #[arg(long = "webhook-retry-base", env = "KINO_WEBHOOK_RETRY_BASE", value_parser = humantime::parse_duration, default_value = DEFAULT_WEBHOOK_RETRY_BASE)]
    pub retry_base: Duration,
    #[arg(long = "webhook-retry-max", env = "KINO_WEBHOOK_RETRY_MAX", value_parser = humantime::parse_duration, default_value = DEFAULT_WEBHOOK_RETRY_MAX)]
    pub retry_max: Duration,
    /// How long a receiver may take to answer one delivery.
    #[arg(id = "webhook_timeout", long = "webhook-timeout", env = "KINO_WEBHOOK_TIMEOUT", value_parser = humantime::parse_duration, default_value = DEFAULT_WEBHOOK_TIMEOUT)]
    pub timeout: Duration,
    /// Deliveries sent at once.
    #[arg(long = "webhook-concurrency", env = "KINO_WEBHOOK_CONCURRENCY", default_value_t = DEFAULT_WEBHOOK_CONCURRENCY)]
    pub concurrency: u32,
    /// An endpoint to register for the default project at start (idempotent, by URL), for
    /// setups without API calls: `URL` or `URL|whsec_secret` ; events: --webhook-events.
    #[arg(long = "webhook-url", env = "KINO_WEBHOOK_URL")]
    pub url: Option<String>,
    /// Event types for --webhook-url (comma-separated; default: every type Kino emits).
    #[arg(long = "webhook-events", env = "KINO_WEBHOOK_EVENTS", value_delimiter = ',')]
    pub events: Vec<String>,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            max_age: duration(DEFAULT_WEBHOOK_MAX_AGE),
            retry_base: duration(DEFAULT_WEBHOOK_RETRY_BASE),
            retry_max: duration(DEFAULT_WEBHOOK_RETRY_MAX),
            timeout: duration(DEFAULT_WEBHOOK_TIMEOUT),
            concurrency: DEFAULT_WEBHOOK_CONCURRENCY,
            url: None,
            events: Vec::new(),
        }
    }
}

/// `--webhook-url URL|whsec_…` carries the endpoint's signing secret: logged without it.
impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = self.url.as_deref().map(|u| match u.split_once('|') {
            Some((url, _secret)) => format!("{url}|[redacted]"),
            None => u.to_string(),
        });
        f.debug_struct("WebhookConfig")
            .field("max_age", &self.max_age)
            .field("retry_base", &self.retry_base)
            .field("retry_max", &self.retry_max)
            .field("timeout", &self.timeout)
            .field("concurrency", &self.concurrency)
            .field("url", &url)
            .field("events", &self.events)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signing_secret_is_not_logged() {
        let config =
            WebhookConfig { url: Some("https://hooks.example/kino|whsec_c2VjcmV0".into()), ..Default::default() };
        let shown = format!("{config:?}");
        assert!(shown.contains("https://hooks.example/kino|[redacted]") && !shown.contains("whsec_"), "{shown}");
    }
}
