//! `batches`: the Batch API's share of the renders, and how long its results stay.
use std::time::Duration;

use clap::Args;

use super::duration;

pub const DEFAULT_BATCH_CONCURRENCY: usize = 2;
pub const DEFAULT_BATCH_OUTPUT_RETENTION: &str = "24h";

/// The Batch API: how many batch renders may wait or run at once (interactive requests are
/// always claimed first), and how long batch results stay downloadable.
#[derive(Debug, Clone, Args)]
pub struct BatchConfig {
    /// Batch videos queued or rendering at once, across all batches.
    #[arg(
        id = "batch_concurrency",
        long = "batch-concurrency",
        value_name = "N",
        env = "KINO_BATCH_CONCURRENCY",
        default_value_t = DEFAULT_BATCH_CONCURRENCY
    )]
    pub concurrency: usize,
    /// How long a finished batch's videos and result files stay downloadable.
    #[arg(id = "batch_output_retention", long = "batch-output-retention", value_name = "DURATION", env = "KINO_BATCH_OUTPUT_RETENTION", value_parser = humantime::parse_duration, default_value = DEFAULT_BATCH_OUTPUT_RETENTION)]
    pub output_retention: Duration,
}

impl Default for BatchConfig {
    fn default() -> Self {
        Self { concurrency: DEFAULT_BATCH_CONCURRENCY, output_retention: duration(DEFAULT_BATCH_OUTPUT_RETENTION) }
    }
}
