//! `server`: where the API listens, and the limits and hints of its answers.
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
            max_body_mib: DEFAULT_MAX_BODY_MIB,
            max_file_mib: DEFAULT_MAX_FILE_MIB,
            poll_after_ms: DEFAULT_POLL_AFTER_MS,
        }
    }
}
