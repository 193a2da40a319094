//! `auth`: the configured API keys (redacted in logs), usage tiers, and whether dev mode
//! may face the network.
use std::path::PathBuf;

use clap::Args;

#[derive(Clone, Default, Args)]
pub struct AuthConfig {
    /// Comma-separated API keys for the default project (besides keys made with `kino keys
    /// create`). None anywhere: dev mode, any bearer token is accepted (on a loopback bind
    /// only, unless --insecure-dev-mode).
    #[arg(long, env = "KINO_API_KEYS", value_delimiter = ',')]
    pub api_keys: Vec<String>,
    /// Usage tiers (JSON; see `tiers.rs`); default: the built-in table.
    #[arg(id = "tiers_file", long = "tiers", env = "KINO_TIERS")]
    pub tiers: Option<PathBuf>,
    /// Allow dev mode (no keys anywhere: any bearer token acts for the default project) on a
    /// non-loopback address.
    #[arg(
        long = "insecure-dev-mode",
        visible_alias = "allow-open-dev-mode",
        env = "KINO_INSECURE_DEV_MODE",
        default_value_t = false
    )]
    pub allow_open_dev_mode: bool,
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("api_keys", &format_args!("[{} redacted]", self.api_keys.len()))
            .field("tiers", &self.tiers)
            .field("insecure_dev_mode", &self.allow_open_dev_mode)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_not_logged() {
        let auth = AuthConfig { api_keys: vec!["sk-secret-one".into(), "sk-secret-two".into()], ..Default::default() };
        let shown = format!("{auth:?}");
        assert!(!shown.contains("secret") && shown.contains("[2 redacted]"), "{shown}");
    }
}
