//! `fetch`: fetching `input_reference.image_url` for clients.
use std::net::IpAddr;
use std::time::Duration;

use clap::Args;
use ipnet::IpNet;

use super::duration;

pub const DEFAULT_FETCH_TIMEOUT: &str = "20s";
pub const DEFAULT_FETCH_MAX_MIB: u64 = 20;

/// Fetching `input_reference.image_url` for clients: limits, and which internal
/// addresses may be reached (none by default, so clients cannot probe the network).
#[derive(Debug, Clone, Args)]
pub struct FetchConfig {
    /// Comma-separated CIDRs (a bare address means just it) that image URLs may reach
    /// even though they are private, loopback or otherwise not public, e.g. `10.1.0.0/16`.
    #[arg(long = "fetch-allow", env = "KINO_FETCH_ALLOW", value_delimiter = ',', value_parser = parse_cidr)]
    pub allow: Vec<IpNet>,
    /// Longest an image fetch may take, redirects and body included.
    #[arg(long = "fetch-timeout", env = "KINO_FETCH_TIMEOUT", value_parser = humantime::parse_duration, default_value = DEFAULT_FETCH_TIMEOUT)]
    pub timeout: Duration,
    /// Largest image accepted from a URL or a data: URL, in MiB.
    #[arg(long = "fetch-max-mib", env = "KINO_FETCH_MAX_MIB", default_value_t = DEFAULT_FETCH_MAX_MIB)]
    pub max_mib: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self { allow: Vec::new(), timeout: duration(DEFAULT_FETCH_TIMEOUT), max_mib: DEFAULT_FETCH_MAX_MIB }
    }
}

impl FetchConfig {
    pub fn max_bytes(&self) -> u64 {
        self.max_mib.saturating_mul(1024 * 1024)
    }
}

/// `10.0.0.0/8`, or a bare `10.1.2.3` meaning that one address.
fn parse_cidr(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    s.parse::<IpNet>()
        .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("'{s}' is not a CIDR (e.g. 10.0.0.0/8) or an IP address"))
}
