//! `usage`: the price table completed videos are priced at.
use std::path::PathBuf;

use clap::Args;

/// Usage and cost: what each completed video is priced at.
#[derive(Debug, Clone, Default, Args)]
pub struct UsageConfig {
    /// Price table (JSON: `{"batch_discount": 0.5, "models": {"MODEL": {"SIZE" or "*": USD_PER_SECOND}}}`)
    /// replacing the built-in one (OpenAI's published per-second prices).
    #[arg(id = "usage_prices", long = "prices", value_name = "FILE", env = "KINO_PRICES")]
    pub prices: Option<PathBuf>,
}
