//! Shared application state: cheap to clone, built once.
use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::Config;
use crate::fetch::Fetcher;
use crate::jobs::control::JobControl;
use crate::models::ModelRegistry;
use crate::repo::ProjectRepo;
use crate::repo::{Dialect, Repo, SqlRepo};
use crate::storage::Storage;
use crate::tiers::TierTable;

/// How long a process trusts what the database said about an API key.
pub const KEY_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

pub struct App {
    pub config: Config,
    pub repo: Arc<dyn Repo>,
    pub storage: Storage,
    pub models: ModelRegistry,
    pub metrics: PrometheusHandle,
    pub jobs: JobControl,
    /// What renders cost (usage is priced by the repo with the same table).
    pub prices: Arc<crate::usage::PriceTable>,
    /// The change feed's fan-out to this process's event streams.
    pub live: crate::live::Feed,
    /// Who an API key's digest acts for (project id, project name, tier, key reference), as
    /// the database said less than `KEY_CACHE_TTL` ago: a revoked key stops within that.
    pub keys: crate::cache::TtlCache<Vec<u8>, (String, String, i64, String)>,
    /// Finished videos by id, as read: a finished video changes only by going (deleted here,
    /// which removes it; deleted elsewhere, whose notice removes it; or expired, which a read
    /// checks), so polls and downloads of it need no query.
    pub finished: crate::cache::TtlCache<String, crate::repo::VideoRow>,
    /// Unfinished videos by id, with the `Repo::videos_version` they were read at: current
    /// while the version has not moved (SQLite, where this process makes every write), so
    /// a storm of polls between two progress updates costs one query. The time to live is a
    /// backstop only.
    pub unfinished: crate::cache::TtlCache<String, (u64, crate::repo::VideoRow)>,
    /// The deployment's content-token secret, read from the database on first use.
    pub content_secret: tokio::sync::OnceCell<String>,
    /// Usage tiers: rate and render limits per project tier.
    pub tiers: TierTable,
    /// Fetches `image_url` references, refusing private addresses unless allowed.
    pub fetcher: Fetcher,
    /// The content policy every prompt and input is checked against.
    pub policy: Arc<kino_guard::Policy>,
    /// Render scratch files of this process.
    pub tmp_dir: std::path::PathBuf,
    /// Whether other processes share the database (PostgreSQL): then only leases say
    /// whether a job or delivery is abandoned.
    pub shared_db: bool,
    /// Held for the life of the process: one process per SQLite data directory.
    _data_lock: Option<std::fs::File>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl AppState {
    /// Open the data directory (database, blobs, temp files) and assemble the state.
    pub async fn build(config: Config, models: ModelRegistry) -> anyhow::Result<Self> {
        let dir = &config.storage.data_dir;
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create data dir {}: {e}", dir.display()))?;
        let prices = Arc::new(crate::usage::PriceTable::load(config.usage.prices.as_deref())?);
        let repo = SqlRepo::open(&config.database_url()).await?.with_prices(prices.clone());
        let shared_db = repo.dialect() == Dialect::Postgres;
        // SQLite and its data directory belong to one process, whose left-over scratch files
        // are useless (their jobs restart). With a shared database each process gets its own
        // scratch directory, removed when it stops.
        let (data_lock, tmp_dir) = if shared_db {
            (None, dir.join("tmp").join(crate::ids::worker_id()))
        } else {
            let lock = lock_data_dir(dir)?;
            let tmp = dir.join("tmp");
            std::fs::create_dir_all(&tmp)?;
            clear_dir(&tmp);
            (Some(lock), tmp)
        };
        std::fs::create_dir_all(&tmp_dir)?;
        let storage = Storage::from_config(&config.storage, &config.blob_dir()).await?;
        let tiers = match &config.auth.tiers {
            Some(path) => TierTable::from_file(path)?,
            None => TierTable::builtin(),
        };
        // Claims in every process read the render limits from the database.
        repo.sync_tiers(&tiers.render_limits()).await?;
        let live = crate::live::Feed::starting_after(crate::repo::ChangeRepo::last_change(&repo).await?);
        let policy = Arc::new(config.policy.load()?);
        let fetcher = Fetcher::new(&config.fetch).map_err(|e| anyhow::anyhow!("image fetcher: {e}"))?;
        Ok(Self(Arc::new(App {
            config,
            repo: Arc::new(repo),
            storage,
            models,
            metrics: crate::telemetry::metrics_handle(),
            jobs: JobControl::default(),
            prices,
            live,
            content_secret: tokio::sync::OnceCell::new(),
            keys: crate::cache::TtlCache::new(KEY_CACHE_TTL, 10_000),
            finished: crate::cache::TtlCache::new(std::time::Duration::from_secs(60), 10_000),
            unfinished: crate::cache::TtlCache::new(std::time::Duration::from_secs(1), 10_000),
            fetcher,
            policy,
            tiers,
            tmp_dir,
            shared_db,
            _data_lock: data_lock,
        })))
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if self.shared_db {
            let _ = std::fs::remove_dir_all(&self.tmp_dir);
        }
    }
}

/// SQLite and the local blob store belong to one process: a second `kino serve` on the same
/// directory would fight over leases. The lock also proves that any job still marked
/// running was left by a dead process, so it can be recovered at once.
fn lock_data_dir(dir: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let path = dir.join("kino.lock");
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            anyhow::bail!("another kino process is using the data directory {}", dir.display())
        }
        Err(std::fs::TryLockError::Error(e)) => Err(anyhow::anyhow!("cannot lock {}: {e}", path.display())),
    }
}

/// Left-over render files from a previous process are useless: their jobs restart.
fn clear_dir(dir: &std::path::Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
