//! Kino: a self-hosted server for OpenAI's Videos API.
//!
//! `run` is the whole server: the binary and the tests call it the same way, with a
//! listener and a shutdown token of their own.
pub mod api;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod create;
pub mod fetch;
pub mod ids;
pub mod jobs;
pub mod live;
pub mod models;
pub mod repo;
pub mod shutdown;
pub mod storage;
pub mod telemetry;
pub mod tiers;
pub mod upstream;
pub mod usage;
pub mod webhooks;
pub mod wire;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use app::AppState;
pub use config::Config;
pub use models::ModelRegistry;

/// Build the state from `config`, with the models it names beside the built-in ones, and
/// serve until `shutdown`.
pub async fn run(config: Config, listener: TcpListener, shutdown: CancellationToken) -> anyhow::Result<()> {
    let models = crate::models::registry(&config.models)?;
    let state = AppState::build(config, models).await?;
    serve(state, listener, shutdown).await
}

/// Serve the API (and `/metrics`, on its own listener with `--metrics-addr`) and run the
/// workers on `state` until `shutdown`; then stop taking requests and jobs, let in-flight
/// renders finish within the grace period, and release the rest for the next process.
pub async fn serve(state: AppState, listener: TcpListener, shutdown: CancellationToken) -> anyhow::Result<()> {
    let addr = listener.local_addr()?;
    anyhow::ensure!(
        state.config.jobs.workers >= 1 || state.shared_db,
        "--workers 0 leaves renders to `kino worker` processes, which need a shared database (--database-url postgres://…)"
    );
    tracing::info!(config = ?state.config, "effective configuration");
    let keys_in_db = state.repo.any_keys().await?;
    state.config.check_exposure(keys_in_db)?;
    if state.config.dev_mode() && !keys_in_db {
        tracing::warn!("dev mode: any API key accepted (create one with `kino keys create` to require keys)");
    }
    webhooks::register_configured(&state).await?;
    let metrics = api::metrics::spawn_metrics_listener(&state, &shutdown).await?;
    let workers = jobs::start(state.clone(), shutdown.clone()).await;
    tracing::info!(%addr, "kino listening; OpenAI base_url = http://{addr}/v1");
    axum::serve(listener, api::router(state.clone()))
        .with_graceful_shutdown(shutdown.clone().cancelled_owned())
        .await?;
    workers.wait().await;
    if let Some(metrics) = metrics {
        metrics.await??;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Run the workers (renders, sweeper, batch driver, webhook sender) without the API, on a
/// database other processes share, until `shutdown`; then finish or release in-flight work.
/// With `--metrics-addr`, `/metrics` is served there meanwhile.
pub async fn work(state: AppState, shutdown: CancellationToken) -> anyhow::Result<()> {
    anyhow::ensure!(
        state.shared_db,
        "`kino worker` needs a shared database (--database-url postgres://…); with SQLite, `kino serve` runs the workers"
    );
    anyhow::ensure!(state.config.jobs.workers >= 1, "--workers must be at least 1 for `kino worker`");
    tracing::info!(config = ?state.config, "effective configuration");
    webhooks::register_configured(&state).await?;
    let metrics = api::metrics::spawn_metrics_listener(&state, &shutdown).await?;
    let workers = jobs::start(state.clone(), shutdown).await;
    tracing::info!(workers = state.config.jobs.workers, "kino worker running");
    workers.wait().await;
    if let Some(metrics) = metrics {
        metrics.await??;
    }
    tracing::info!("stopped");
    Ok(())
}
