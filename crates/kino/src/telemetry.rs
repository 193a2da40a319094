//! Logs and metrics. Every metric name lives here, described once; labels stay bounded
//! (matched route, method, status class; job kind and outcome). `/metrics` is served on the
//! API's listener, or on its own with `--metrics-addr` (`api::metrics`).
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

use crate::config::LogConfig;
use crate::config::telemetry::DEFAULT_LOG_FILTER;

pub const METRICS_PATH: &str = "/metrics";

pub const HTTP_REQUESTS_TOTAL: &str = "kino_http_requests_total";
pub const HTTP_REQUEST_DURATION_SECONDS: &str = "kino_http_request_duration_seconds";
pub const JOBS_TOTAL: &str = "kino_jobs_total";
pub const JOB_DURATION_SECONDS: &str = "kino_job_duration_seconds";
pub const QUEUE_DEPTH: &str = "kino_queue_depth";
pub const JOBS_RUNNING: &str = "kino_jobs_running";
pub const RENDER_FPS: &str = "kino_render_fps";
pub const RENDERED_FRAMES_TOTAL: &str = "kino_rendered_frames_total";
pub const WEBHOOK_ATTEMPTS_TOTAL: &str = "kino_webhook_attempts_total";

pub fn init_tracing(cfg: &LogConfig) {
    let filter = EnvFilter::try_new(&cfg.filter).unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi);
    let _ = if cfg.format == "json" { builder.json().try_init() } else { builder.try_init() };
}

/// Install the Prometheus recorder once per process; later calls (tests start many apps
/// in one process) reuse the first handle.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(JOB_DURATION_SECONDS.into()),
                    &[0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0],
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(HTTP_REQUEST_DURATION_SECONDS.into()),
                        &[0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0],
                    )
                })
                .expect("static bucket lists are non-empty");
            let handle = match builder.install_recorder() {
                Ok(h) => h,
                // Another recorder is already installed (embedding): keep a detached one.
                Err(_) => PrometheusBuilder::new().build_recorder().handle(),
            };
            describe();
            handle
        })
        .clone()
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(HTTP_REQUESTS_TOTAL, "HTTP requests by route, method and status");
    describe_histogram!(HTTP_REQUEST_DURATION_SECONDS, "HTTP request latency");
    describe_counter!(JOBS_TOTAL, "Finished job attempts by kind and outcome");
    describe_histogram!(JOB_DURATION_SECONDS, "Wall time of a job attempt");
    describe_gauge!(QUEUE_DEPTH, "Jobs waiting to be claimed");
    describe_gauge!(JOBS_RUNNING, "Jobs running in this process");
    describe_gauge!(RENDER_FPS, "Frames per second of the last finished render");
    describe_counter!(RENDERED_FRAMES_TOTAL, "Frames rendered and encoded");
    describe_counter!(WEBHOOK_ATTEMPTS_TOTAL, "Webhook delivery attempts by outcome (delivered, retry, gave_up)");
}
