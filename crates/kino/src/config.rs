//! One typed configuration, built once from flags and `KINO_*` environment variables,
//! logged at start-up with secrets redacted.
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use ipnet::IpNet;

#[derive(Debug, Clone, Args)]
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

/// Open-weights models served beside the built-in ones.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelsConfig {
    /// Serve a Wan checkpoint (diffusers format): `ID=DIR[,dtype=f32|bf16][,device=cpu|cuda:N]
    /// [,steps=N][,guidance=G][,long_side=PX][,max_frames=N][,offload_text_encoder=true]`.
    /// Repeatable; in the environment, separate models with `;`.
    #[arg(
        id = "model_spec",
        long = "model",
        value_name = "ID=DIR[,OPTION=VALUE...]",
        env = "KINO_MODELS",
        value_delimiter = ';'
    )]
    pub models: Vec<String>,
    /// Serve a model rendered by another video server (vLLM-Omni, SGLang Diffusion, FastVideo,
    /// another Kino): `ID=URL[,flavor=openai|sglang|vllm-omni][,model=NAME][,api_key_env=VAR]
    /// [,size=WxH][,fps=N][,concurrency=N][,render_timeout_s=S][,extra.FIELD=VALUE]…`, URL up to
    /// `/v1`. Repeatable; in the environment, separate them with `;`.
    #[arg(
        id = "upstream_spec",
        long = "upstream",
        value_name = "ID=URL[,OPTION=VALUE...]",
        env = "KINO_UPSTREAMS",
        value_delimiter = ';'
    )]
    pub upstreams: Vec<String>,
    /// The same as a TOML file: `[[model]]` tables with `id`, `path` and the options above,
    /// `[[upstream]]` tables with `id`, `url` and the upstream options.
    #[arg(id = "models_file", long = "models-file", value_name = "FILE", env = "KINO_MODELS_FILE")]
    pub file: Option<PathBuf>,
}

/// The content policy: built-in rules, changed by a deployment's policy file.
#[derive(Debug, Clone, Default, Args)]
pub struct PolicyConfig {
    /// Policy file (TOML) turning rules off, extending their lists or adding rules;
    /// `kino policy --policy FILE` shows the result.
    #[arg(id = "policy_file", long = "policy", value_name = "FILE", env = "KINO_POLICY")]
    pub file: Option<PathBuf>,
}

impl PolicyConfig {
    pub fn load(&self) -> anyhow::Result<kino_guard::Policy> {
        match &self.file {
            None => Ok(kino_guard::Policy::builtin()),
            Some(path) => Ok(kino_guard::Policy::load(path)?),
        }
    }
}

/// Usage and cost: what each completed video is priced at.
#[derive(Debug, Clone, Default, Args)]
pub struct UsageConfig {
    /// Price table (JSON: `{"batch_discount": 0.5, "models": {"MODEL": {"SIZE" or "*": USD_PER_SECOND}}}`)
    /// replacing the built-in one (OpenAI's published per-second prices).
    #[arg(id = "usage_prices", long = "prices", value_name = "FILE", env = "KINO_PRICES")]
    pub prices: Option<PathBuf>,
}

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
        default_value_t = 2
    )]
    pub concurrency: usize,
    /// How long a finished batch's videos and result files stay downloadable.
    #[arg(id = "batch_output_retention", long = "batch-output-retention", value_name = "DURATION", env = "KINO_BATCH_OUTPUT_RETENTION", value_parser = humantime::parse_duration, default_value = "24h")]
    pub output_retention: Duration,
}

impl Default for BatchConfig {
    fn default() -> Self {
        Self { concurrency: 2, output_retention: Duration::from_secs(24 * 3600) }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServerConfig {
    /// Address to bind.
    #[arg(long, env = "KINO_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to bind (0 picks a free one).
    #[arg(long, env = "KINO_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Largest request body accepted, in MiB (uploads included); larger gets 413.
    #[arg(long, env = "KINO_MAX_BODY_MIB", default_value_t = 64)]
    pub max_body_mib: usize,
    /// Largest file accepted by `POST /v1/files`, in MiB; larger gets 413. Uploads stream to
    /// the store, so this bounds disk use, not memory (`--max-body-mib` does not apply).
    #[arg(long, env = "KINO_MAX_FILE_MIB", default_value_t = 512)]
    pub max_file_mib: u64,
    /// `openai-poll-after-ms` sent while a video is unfinished: how often SDK pollers ask.
    #[arg(long, env = "KINO_POLL_AFTER_MS", default_value_t = 500)]
    pub poll_after_ms: u64,
}

#[derive(Debug, Clone, Args)]
pub struct StorageConfig {
    /// Directory for the SQLite database, the blobs and render scratch files.
    #[arg(long, env = "KINO_DATA_DIR", default_value = "./kino-data")]
    pub data_dir: PathBuf,
    /// The database: unset, SQLite in the data directory (one process); `postgres://…` for
    /// several API and worker processes on one database.
    #[arg(id = "database_url", long = "database-url", value_name = "URL", env = "KINO_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Keep finished videos this long (e.g. `24h`, `7d`), then delete their content and
    /// metadata together. Unset: keep forever (`expires_at` stays null).
    #[arg(long, env = "KINO_RETENTION", value_parser = humantime::parse_duration)]
    pub retention: Option<Duration>,
    /// Where blobs go. Unset: files under --data-dir. `s3://BUCKET` or `s3://BUCKET/PREFIX`:
    /// an S3-compatible bucket (every key under PREFIX). Credentials come from the standard
    /// AWS environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
    /// web identity, container or instance roles), never from flags.
    #[arg(long = "object-store", value_name = "URL", env = "KINO_OBJECT_STORE", value_parser = parse_object_store)]
    pub object_store: Option<S3Location>,
    /// S3 endpoint for non-AWS servers (MinIO, Ceph, moto...), e.g. `http://127.0.0.1:9000`;
    /// `AWS_ENDPOINT_URL` when unset. An `http://` endpoint is allowed as such.
    #[arg(id = "s3_endpoint", long = "s3-endpoint", value_name = "URL", env = "KINO_S3_ENDPOINT", value_parser = parse_endpoint)]
    pub s3_endpoint: Option<String>,
    /// S3 region; `AWS_REGION` or `AWS_DEFAULT_REGION` when unset, else `us-east-1`.
    #[arg(id = "s3_region", long = "s3-region", value_name = "REGION", env = "KINO_S3_REGION")]
    pub s3_region: Option<String>,
    /// Path-style requests (`ENDPOINT/BUCKET/KEY`) instead of virtual-hosted ones
    /// (`BUCKET.ENDPOINT/KEY`): most self-hosted servers need this. An endpoint given as an IP
    /// address always gets path style.
    #[arg(id = "s3_path_style", long = "s3-path-style", env = "KINO_S3_PATH_STYLE", default_value_t = false)]
    pub s3_path_style: bool,
    /// With S3, answer `GET /v1/videos/{id}/content` with `302 Found` to a presigned URL of the
    /// object instead of streaming it through Kino. No effect with local files.
    #[arg(long = "download-redirect", env = "KINO_DOWNLOAD_REDIRECT", default_value_t = false)]
    pub download_redirect: bool,
    /// How long a presigned download URL stays valid.
    #[arg(long = "download-redirect-ttl", value_name = "DURATION", env = "KINO_DOWNLOAD_REDIRECT_TTL", value_parser = humantime::parse_duration, default_value = "5m")]
    pub download_redirect_ttl: Duration,
}

impl StorageConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            database_url: None,
            retention: None,
            object_store: None,
            s3_endpoint: None,
            s3_region: None,
            s3_path_style: false,
            download_redirect: false,
            download_redirect_ttl: Duration::from_secs(300),
        }
    }
}

/// `--object-store s3://BUCKET[/PREFIX]`, checked: the prefix has no empty, `.` or `..` segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    pub bucket: String,
    /// Segments joined by `/`, no leading or trailing slash; empty for the bucket's root.
    pub prefix: String,
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.prefix.is_empty() {
            true => write!(f, "s3://{}", self.bucket),
            false => write!(f, "s3://{}/{}", self.bucket, self.prefix),
        }
    }
}

fn parse_object_store(s: &str) -> Result<S3Location, String> {
    let s = s.trim();
    let Some(rest) = s.strip_prefix("s3://") else {
        return Err(format!(
            "'{s}' is not an s3://BUCKET[/PREFIX] URL (leave it unset to keep blobs under --data-dir)"
        ));
    };
    if rest.contains(['?', '#', '@', '\\']) {
        return Err(format!("'{s}': no query, fragment or credentials here (use the AWS_* environment for keys)"));
    }
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !bucket_ok {
        return Err(format!("'{bucket}' is not a bucket name (3-63 lowercase letters, digits, '.' or '-')"));
    }
    let prefix = prefix.trim_matches('/');
    if !prefix.is_empty() && prefix.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return Err(format!("'{prefix}' is not a key prefix (empty, '.' or '..' segment)"));
    }
    Ok(S3Location { bucket: bucket.to_string(), prefix: prefix.to_string() })
}

/// An `http(s)://host[:port][/path]` URL with no credentials in it (they would be logged).
fn parse_endpoint(s: &str) -> Result<String, String> {
    let url = url::Url::parse(s.trim()).map_err(|e| format!("'{s}' is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("'{s}' is not an http:// or https:// URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("no credentials in the endpoint URL: use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("'{s}': an endpoint has no query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[derive(Debug, Clone, Args)]
pub struct JobsConfig {
    /// Renders run at once in this process (each uses about two cores: render + encode);
    /// 0 serves the API only, leaving renders to `kino worker` processes.
    #[arg(long, env = "KINO_WORKERS", default_value_t = 1)]
    pub workers: usize,
    /// A claimed job's lease; a worker that stops heartbeating loses the job after this.
    #[arg(long, env = "KINO_LEASE", value_parser = humantime::parse_duration, default_value = "30s")]
    pub lease: Duration,
    /// Attempts per job before it fails visibly (crashes and retryable errors count).
    #[arg(long, env = "KINO_MAX_ATTEMPTS", default_value_t = 3)]
    pub max_attempts: u32,
    /// On SIGTERM, how long in-flight renders may run on before they are released for
    /// another process to resume.
    #[arg(long, env = "KINO_SHUTDOWN_GRACE", value_parser = humantime::parse_duration, default_value = "20s")]
    pub shutdown_grace: Duration,
}

#[derive(Clone, Args)]
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

/// Webhook delivery: at-least-once, retried with exponential backoff and jitter until
/// `max_age` after the event. Endpoint URLs obey the `--fetch-allow` address rules.
#[derive(Debug, Clone, Args)]
pub struct WebhookConfig {
    /// Give up on a delivery this long after its event (the receiver was never reachable).
    #[arg(long = "webhook-max-age", env = "KINO_WEBHOOK_MAX_AGE", value_parser = humantime::parse_duration, default_value = "72h")]
    pub max_age: Duration,
    /// First retry delay; it doubles per attempt (with ±20 % jitter) up to --webhook-retry-max.
    #[arg(long = "webhook-retry-base", env = "KINO_WEBHOOK_RETRY_BASE", value_parser = humantime::parse_duration, default_value = "5s")]
    pub retry_base: Duration,
    #[arg(long = "webhook-retry-max", env = "KINO_WEBHOOK_RETRY_MAX", value_parser = humantime::parse_duration, default_value = "1h")]
    pub retry_max: Duration,
    /// How long a receiver may take to answer one delivery.
    #[arg(id = "webhook_timeout", long = "webhook-timeout", env = "KINO_WEBHOOK_TIMEOUT", value_parser = humantime::parse_duration, default_value = "15s")]
    pub timeout: Duration,
    /// Deliveries sent at once.
    #[arg(long = "webhook-concurrency", env = "KINO_WEBHOOK_CONCURRENCY", default_value_t = 8)]
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
            max_age: Duration::from_secs(72 * 3600),
            retry_base: Duration::from_secs(5),
            retry_max: Duration::from_secs(3600),
            timeout: Duration::from_secs(15),
            concurrency: 8,
            url: None,
            events: Vec::new(),
        }
    }
}

/// Fetching `input_reference.image_url` for clients: limits, and which internal
/// addresses may be reached (none by default, so clients cannot probe the network).
#[derive(Debug, Clone, Args)]
pub struct FetchConfig {
    /// Comma-separated CIDRs (a bare address means just it) that image URLs may reach
    /// even though they are private, loopback or otherwise not public, e.g. `10.1.0.0/16`.
    #[arg(long = "fetch-allow", env = "KINO_FETCH_ALLOW", value_delimiter = ',', value_parser = parse_cidr)]
    pub allow: Vec<IpNet>,
    /// Longest an image fetch may take, redirects and body included.
    #[arg(long = "fetch-timeout", env = "KINO_FETCH_TIMEOUT", value_parser = humantime::parse_duration, default_value = "20s")]
    pub timeout: Duration,
    /// Largest image accepted from a URL or a data: URL, in MiB.
    #[arg(long = "fetch-max-mib", env = "KINO_FETCH_MAX_MIB", default_value_t = 20)]
    pub max_mib: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self { allow: Vec::new(), timeout: Duration::from_secs(20), max_mib: 20 }
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

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("api_keys", &format_args!("[{} redacted]", self.api_keys.len()))
            .field("tiers", &self.tiers)
            .field("insecure_dev_mode", &self.allow_open_dev_mode)
            .finish()
    }
}

impl Config {
    /// A config for tests and embedding: loopback, port 0, the given data dir.
    pub fn for_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            server: ServerConfig {
                host: "127.0.0.1".into(),
                port: 0,
                max_body_mib: 64,
                max_file_mib: 512,
                poll_after_ms: 100,
            },
            storage: StorageConfig::new(data_dir),
            jobs: JobsConfig {
                workers: 1,
                lease: Duration::from_secs(30),
                max_attempts: 3,
                shutdown_grace: Duration::from_secs(20),
            },
            auth: AuthConfig { api_keys: Vec::new(), tiers: None, allow_open_dev_mode: false },
            fetch: FetchConfig::default(),
            webhooks: WebhookConfig::default(),
            batches: BatchConfig::default(),
            usage: UsageConfig::default(),
            policy: PolicyConfig::default(),
            models: ModelsConfig::default(),
        }
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

/// `--database-url`, else the SQLite file in `data_dir` (shared by `serve` and the admin
/// commands, so they always open the same database).
pub fn database_url(url: Option<&DatabaseUrl>, data_dir: &std::path::Path) -> String {
    match url {
        Some(url) => url.0.clone(),
        None => format!("sqlite://{}", data_dir.join("kino.sqlite").display()),
    }
}

/// A database URL, which may carry a password: logged without it.
#[derive(Clone)]
pub struct DatabaseUrl(pub String);

impl std::str::FromStr for DatabaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = ["postgres://", "postgresql://", "sqlite:"].iter().any(|p| s.starts_with(p));
        if ok { Ok(Self(s.to_string())) } else { Err("expected postgres://… or sqlite://PATH".into()) }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::repo::redact(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_store_urls() {
        let loc = parse_object_store("s3://videos").unwrap();
        assert_eq!((loc.bucket.as_str(), loc.prefix.as_str()), ("videos", ""));
        let loc = parse_object_store("s3://my-bucket.eu/kino/prod/").unwrap();
        assert_eq!((loc.bucket.as_str(), loc.prefix.as_str()), ("my-bucket.eu", "kino/prod"));
        assert_eq!(loc.to_string(), "s3://my-bucket.eu/kino/prod");
        for bad in [
            "videos",
            "file:///tmp",
            "s3://",
            "s3://Videos",
            "s3://b",
            "s3://bucket/a//b",
            "s3://bucket/../x",
            "s3://k:s@bucket",
        ] {
            assert!(parse_object_store(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoints() {
        assert_eq!(parse_endpoint("http://127.0.0.1:9000/").unwrap(), "http://127.0.0.1:9000");
        assert_eq!(parse_endpoint("https://s3.example.com").unwrap(), "https://s3.example.com");
        for bad in ["127.0.0.1:9000", "ftp://host", "http://key:secret@host", "http://host/?x=1"] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }
}
