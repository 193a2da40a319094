//! `GET /metrics`: on the API's router, or on a listener of its own with `--metrics-addr`.
use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::telemetry::{JOBS_RUNNING, METRICS_PATH};

/// `GET /metrics`: this process's metrics in the Prometheus text format.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "Operations",
    operation_id = "metrics",
    summary = "Prometheus metrics (on `--metrics-addr` instead when set)",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String)),
    security(())
)]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    metrics::gauge!(JOBS_RUNNING).set(state.jobs.running_count() as f64);
    ([(CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render())
}

/// `/metrics` for the API's router: there unless `--metrics-addr` serves it on its own listener.
pub fn api_metrics_routes(config: &crate::Config) -> Router<AppState> {
    match config.server.metrics_addr {
        None => Router::new().route(METRICS_PATH, get(metrics)),
        Some(_) => Router::new(),
    }
}

/// With `--metrics-addr`, bind it (a taken address stops the start) and serve `/metrics`
/// there until `shutdown`; the handle ends when that listener has stopped. None without it.
pub async fn spawn_metrics_listener(
    state: &AppState,
    shutdown: &CancellationToken,
) -> anyhow::Result<Option<JoinHandle<std::io::Result<()>>>> {
    let Some(addr) = &state.config.server.metrics_addr else { return Ok(None) };
    let listener = tokio::net::TcpListener::bind(addr.as_str())
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (--metrics-addr): {e}"))?;
    let bound = listener.local_addr()?;
    tracing::info!(addr = %bound, "metrics on http://{bound}{METRICS_PATH}");
    let app = Router::new().route(METRICS_PATH, get(metrics)).with_state(state.clone());
    let shutdown = shutdown.clone().cancelled_owned();
    Ok(Some(tokio::spawn(async move { axum::serve(listener, app).with_graceful_shutdown(shutdown).await })))
}
