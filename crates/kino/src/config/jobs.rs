//! `jobs`: the render workers of this process and the queue's leases and retries.
use std::time::Duration;

use clap::Args;

use super::duration;

pub const DEFAULT_WORKERS: usize = 1;
pub const DEFAULT_LEASE: &str = "30s";
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
pub const DEFAULT_SHUTDOWN_GRACE: &str = "20s";

#[derive(Debug, Clone, Args)]
pub struct JobsConfig {
    /// Renders run at once in this process (each uses about two cores: render + encode);
    /// 0 serves the API only, leaving renders to `kino worker` processes.
    #[arg(long, env = "KINO_WORKERS", default_value_t = DEFAULT_WORKERS)]
    pub workers: usize,
    /// A claimed job's lease; a worker that stops heartbeating loses the job after this.
    #[arg(long, env = "KINO_LEASE", value_parser = humantime::parse_duration, default_value = DEFAULT_LEASE)]
    pub lease: Duration,
    /// Attempts per job before it fails visibly (crashes and retryable errors count).
    #[arg(long, env = "KINO_MAX_ATTEMPTS", default_value_t = DEFAULT_MAX_ATTEMPTS)]
    pub max_attempts: u32,
    /// On SIGTERM, how long in-flight renders may run on before they are released for
    /// another process to resume.
    #[arg(long, env = "KINO_SHUTDOWN_GRACE", value_parser = humantime::parse_duration, default_value = DEFAULT_SHUTDOWN_GRACE)]
    pub shutdown_grace: Duration,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self {
            workers: DEFAULT_WORKERS,
            lease: duration(DEFAULT_LEASE),
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            shutdown_grace: duration(DEFAULT_SHUTDOWN_GRACE),
        }
    }
}
