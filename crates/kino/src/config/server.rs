//! `server`: where the API listens (and, optionally, `/metrics` apart from it), and the
//! limits and hints of its answers.
use clap::Args;

pub const DEFAULT_HOST: &str = "127.0.0.1";
pub const DEFAULT_PORT: u16 = 8080;
pub const DEFAULT_MAX_BODY_MIB: usize = 64;
pub const DEFAULT_MAX_FILE_MIB: u64 = 512;
pub const DEFAULT_POLL_AFTER_MS: u64 = 500;

#[derive(Debug, Clone, Args)]
pub struct ServerConfig {
    /// Address to bind.
    #[arg(long, env = "KINO_HOST", default_value = DEFAULT_HOST)]
    pub host: String,
    /// Port to bind (0 picks a free one).
    #[arg(long, env = "KINO_PORT", default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Serve `/metrics` (Prometheus) on this address (`HOST:PORT`, e.g. `0.0.0.0:9090`) instead of
    /// the API's: scrapers reach it without reaching the API, and the API port no longer answers
    /// it. Unset: `/metrics` on the API's address. `kino worker` serves it too when set.
    #[arg(long, value_name = "HOST:PORT", env = "KINO_METRICS_ADDR", value_parser = parse_listen_addr)]
    pub metrics_addr: Option<String>,
    /// Largest request body accepted, in MiB (uploads included); larger gets 413.
    #[arg(long, env = "KINO_MAX_BODY_MIB", default_value_t = DEFAULT_MAX_BODY_MIB)]
    pub max_body_mib: usize,
    /// Largest file accepted by `POST /v1/files`, in MiB; larger gets 413. Uploads stream to
    /// the store, so this bounds disk use, not memory (`--max-body-mib` does not apply).
    #[arg(long, env = "KINO_MAX_FILE_MIB", default_value_t = DEFAULT_MAX_FILE_MIB)]
    pub max_file_mib: u64,
    /// `openai-poll-after-ms` sent while a video is unfinished: how often SDK pollers ask.
    #[arg(long, env = "KINO_POLL_AFTER_MS", default_value_t = DEFAULT_POLL_AFTER_MS)]
    pub poll_after_ms: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            host: DEFAULT_HOST.into(),
            port: DEFAULT_PORT,
            metrics_addr: None,
            max_body_mib: DEFAULT_MAX_BODY_MIB,
            max_file_mib: DEFAULT_MAX_FILE_MIB,
            poll_after_ms: DEFAULT_POLL_AFTER_MS,
        }
    }
}

/// `HOST:PORT` (a name, an IPv4 address or a bracketed IPv6 one, and a port number).
fn parse_listen_addr(s: &str) -> Result<String, String> {
    let s = s.trim();
    match s.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => Ok(s.to_string()),
        _ => Err(format!("'{s}' is not HOST:PORT (e.g. 0.0.0.0:9090)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses() {
        for ok in ["0.0.0.0:9090", "127.0.0.1:0", "localhost:9090", "[::1]:9090"] {
            assert_eq!(parse_listen_addr(ok).as_deref(), Ok(ok));
        }
        for bad in ["9090", ":9090", "localhost", "host:http", "host:70000"] {
            assert!(parse_listen_addr(bad).is_err(), "{bad}");
        }
    }
}
