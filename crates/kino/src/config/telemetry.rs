//! `telemetry`: the log filter and format (global flags of every command; see
//! `crate::telemetry` for the metrics and `--metrics-addr` for where they are served).
use clap::Args;

pub const DEFAULT_LOG_FILTER: &str = "info";
pub const DEFAULT_LOG_FORMAT: &str = "text";

#[derive(Debug, Clone, Args)]
pub struct LogConfig {
    /// Log filter, e.g. `info` or `kino=debug,tower_http=info`.
    #[arg(long = "log", env = "KINO_LOG", default_value = DEFAULT_LOG_FILTER, global = true)]
    pub filter: String,
    /// Log format: `text` or `json`.
    #[arg(long = "log-format", env = "KINO_LOG_FORMAT", default_value = DEFAULT_LOG_FORMAT, global = true)]
    pub format: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self { filter: DEFAULT_LOG_FILTER.into(), format: DEFAULT_LOG_FORMAT.into() }
    }
}
