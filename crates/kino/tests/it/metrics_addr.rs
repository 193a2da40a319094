//! `--metrics-addr`: `/metrics` on a listener of its own, no longer on the API's, stopped
//! with the server; and an address that cannot be bound stops the start.

use crate::common::{TestApp, error_of};
use kino::{AppState, Config, ModelRegistry};
use tokio_util::sync::CancellationToken;

/// A port that was free a moment ago: the server binds `--metrics-addr` itself.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

#[tokio::test]
async fn metrics_answer_on_their_own_address_and_not_on_the_api() {
    let addr = format!("127.0.0.1:{}", free_port());
    let metrics_url = format!("http://{addr}{}", kino::telemetry::METRICS_PATH);
    let app = TestApp::start_with(move |c| c.server.metrics_addr = Some(addr), ModelRegistry::builtin()).await;
    // An answer from the API means the server is past binding both listeners.
    assert_eq!(app.get("/v1/models").await.status(), 200);

    let resp = reqwest::get(&metrics_url).await.expect("the metrics address answers");
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = resp.text().await.unwrap();
    for name in [kino::telemetry::JOBS_RUNNING, kino::telemetry::HTTP_REQUESTS_TOTAL] {
        assert!(text.contains(name), "{name} missing from {metrics_url}:\n{text}");
    }

    let err = error_of(app.client.get(app.url("/metrics")).send().await.unwrap(), 404).await;
    assert_eq!(err["code"], "unknown_url", "{err}");

    app.stop().await;
    assert!(reqwest::get(&metrics_url).await.is_err(), "the metrics listener stops with the server");
}

#[tokio::test]
async fn a_metrics_address_in_use_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut config = Config::for_data_dir(dir.path());
    config.server.metrics_addr = Some(taken.local_addr().unwrap().to_string());
    let state = AppState::build(config, ModelRegistry::builtin()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = kino::serve(state, listener, CancellationToken::new()).await.expect_err("refused").to_string();
    assert!(err.contains("--metrics-addr"), "{err}");
}
