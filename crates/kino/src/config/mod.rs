//! One typed configuration, built once from flags and `KINO_*` environment variables,
//! logged at start-up with secrets redacted. One file per section; each default is a
//! `DEFAULT_*` const of its section, read by both the flag and `Default`.
pub mod auth;
pub mod batches;
pub mod database;
pub mod fetch;
pub mod jobs;
pub mod models;
pub mod policy;
pub mod server;
pub mod storage;
pub mod telemetry;
pub mod usage;
pub mod webhooks;

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

pub use auth::AuthConfig;
pub use batches::BatchConfig;
pub use database::{DatabaseUrl, database_url};
pub use fetch::FetchConfig;
pub use jobs::JobsConfig;
pub use models::ModelsConfig;
pub use policy::PolicyConfig;
pub use server::ServerConfig;
pub use storage::{DEFAULT_DATA_DIR, S3Location, StorageConfig};
pub use telemetry::LogConfig;
pub use usage::UsageConfig;
pub use webhooks::WebhookConfig;

#[derive(Debug, Clone, Default, Args)]
pub struct Config {
    #[command(flatten)]
    pub server: ServerConfig,
    #[command(flatten)]
    pub storage: StorageConfig,
    #[command(flatten)]
    pub jobs: JobsConfig,
    #[command(flatten)]
    pub auth: AuthConfig,
    #[command(flatten)]
    pub fetch: FetchConfig,
    #[command(flatten)]
    pub webhooks: WebhookConfig,
    #[command(flatten)]
    pub batches: BatchConfig,
    #[command(flatten)]
    pub usage: UsageConfig,
    #[command(flatten)]
    pub policy: PolicyConfig,
    #[command(flatten)]
    pub models: ModelsConfig,
}

impl Config {
    /// A config for tests and embedding: the given data dir, port 0 (the caller brings its
    /// own listener), and every other value the default `kino serve` has.
    pub fn for_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        let mut config = Self { storage: StorageConfig::new(data_dir), ..Self::default() };
        config.server.port = 0;
        config
    }

    pub fn dev_mode(&self) -> bool {
        self.auth.api_keys.iter().all(|k| k.trim().is_empty())
    }

    /// Refuse settings that make no sense or are unsafe, before anything starts.
    pub fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.jobs.max_attempts >= 1, "--max-attempts must be at least 1");
        anyhow::ensure!(self.batches.concurrency >= 1, "--batch-concurrency must be at least 1");
        anyhow::ensure!(self.jobs.lease >= Duration::from_secs(1), "--lease must be at least 1s");
        anyhow::ensure!(self.server.max_body_mib >= 1, "--max-body-mib must be at least 1");
        anyhow::ensure!(self.server.max_file_mib >= 1, "--max-file-mib must be at least 1");
        anyhow::ensure!(self.fetch.max_mib >= 1, "--fetch-max-mib must be at least 1");
        anyhow::ensure!(self.webhooks.concurrency >= 1, "--webhook-concurrency must be at least 1");
        anyhow::ensure!(!self.webhooks.retry_base.is_zero(), "--webhook-retry-base must be more than 0s");
        anyhow::ensure!(!self.fetch.timeout.is_zero(), "--fetch-timeout must be more than 0s");
        let ttl = self.storage.download_redirect_ttl;
        anyhow::ensure!(
            ttl >= Duration::from_secs(1) && ttl <= Duration::from_secs(7 * 24 * 3600),
            "--download-redirect-ttl must be between 1s and 7d (the most a presigned S3 URL allows)"
        );
        Ok(())
    }

    /// Refuse to serve the network in dev mode (no key in the config or the database) unless
    /// --insecure-dev-mode says so.
    pub fn check_exposure(&self, keys_in_db: bool) -> anyhow::Result<()> {
        if self.dev_mode() && !keys_in_db && !self.auth.allow_open_dev_mode {
            let loopback =
                self.server.host == "localhost" || self.server.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            anyhow::ensure!(
                loopback,
                "no API keys (--api-keys, or `kino keys create`) and --host {} is not loopback: create a key \
                 or pass --insecure-dev-mode to accept any key from the network",
                self.server.host
            );
        }
        Ok(())
    }

    pub fn max_body_bytes(&self) -> usize {
        self.server.max_body_mib * 1024 * 1024
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.server.max_file_mib * 1024 * 1024
    }

    /// The database to open: `--database-url`, else SQLite in the data directory.
    pub fn database_url(&self) -> String {
        database_url(self.storage.database_url.as_ref(), &self.storage.data_dir)
    }

    pub fn blob_dir(&self) -> PathBuf {
        self.storage.data_dir.join("blobs")
    }
}

/// A duration default (written as its flag's default is, e.g. `30s`) as a `Duration`.
fn duration(text: &'static str) -> Duration {
    match humantime::parse_duration(text) {
        Ok(d) => d,
        Err(e) => panic!("built-in default duration '{text}': {e}"),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Flags {
        #[command(flatten)]
        config: Config,
        #[command(flatten)]
        log: LogConfig,
    }

    /// The flags' defaults and `Default` are the same values: both read the `DEFAULT_*` consts.
    #[test]
    fn flag_defaults_are_the_default_config() {
        if std::env::vars().any(|(k, _)| k.starts_with("KINO_")) {
            eprintln!("skipped: KINO_* variables are set and would change the flags' values");
            return;
        }
        let flags = Flags::try_parse_from(["kino"]).unwrap();
        assert_eq!(format!("{:?}", flags.config), format!("{:?}", Config::default()));
        assert_eq!(format!("{:?}", flags.log), format!("{:?}", LogConfig::default()));
        assert_eq!(flags.config.server.poll_after_ms, 500, "what `kino serve` has always sent");
        let tests = Config::for_data_dir("/tmp/d");
        assert_eq!((tests.server.port, tests.server.poll_after_ms), (0, server::DEFAULT_POLL_AFTER_MS));
    }
}
