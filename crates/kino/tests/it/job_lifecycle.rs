//! The queue's promises: failures are visible, retryable ones are retried with a limit,
//! shutdown hands unfinished work to the next process, retention removes content and
//! metadata together.

use crate::common;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::common::{FailEngine, GateEngine, TestApp};
use kino::ModelRegistry;

#[tokio::test]
async fn a_fatal_engine_error_fails_the_video_with_its_code() {
    let engine = Arc::new(FailEngine { retryable: false, calls: Default::default() });
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(engine.clone())).await;
    let id = app.create_prompt("rejected").await;
    let v = app.wait_terminal(&id).await;
    assert_eq!(v["status"], "failed");
    assert_eq!(v["error"]["code"], "moderation_blocked");
    assert!(v["completed_at"].is_i64());
    assert_eq!(engine.calls.load(Ordering::SeqCst), 1, "fatal errors are not retried");
    common::error_of(app.get(&format!("/v1/videos/{id}/content")).await, 404).await;
    app.stop().await;
}

#[tokio::test]
async fn retryable_errors_are_retried_then_fail_visibly() {
    let engine = Arc::new(FailEngine { retryable: true, calls: Default::default() });
    let app = TestApp::start_with(|c| c.jobs.max_attempts = 2, ModelRegistry::with_engine(engine.clone())).await;
    let id = app.create_prompt("flaky").await;
    let v = app.wait_for(&id, Duration::from_secs(30), |v| v["status"] == "failed").await;
    assert_eq!(v["error"]["code"], "engine_error");
    assert_eq!(engine.calls.load(Ordering::SeqCst), 2);
    app.stop().await;
}

#[tokio::test]
async fn shutdown_releases_an_unfinished_render_and_the_next_start_finishes_it() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(
        |c| c.jobs.shutdown_grace = Duration::from_millis(200),
        ModelRegistry::with_engine(gate.clone()),
    )
    .await;
    let id = app.create_prompt("interrupted by a deploy").await;
    app.wait_for(&id, Duration::from_secs(10), |v| v["status"] == "in_progress").await;
    let dir = app.stop().await;
    assert_eq!(gate.cancelled.load(Ordering::SeqCst), 1, "the render was withdrawn after the grace period");

    gate.open();
    let app = TestApp::start_in(dir, |_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let v = app.wait_terminal(&id).await;
    assert_eq!(v["status"], "completed", "{v}");
    app.stop().await;
}

#[tokio::test]
async fn shutdown_lets_a_render_that_fits_the_grace_period_finish() {
    let app = TestApp::start_with(|c| c.jobs.shutdown_grace = Duration::from_secs(30), ModelRegistry::builtin()).await;
    let id = app.create_prompt("finish me").await;
    app.wait_for(&id, Duration::from_secs(10), |v| v["status"] == "in_progress").await;
    let dir = app.stop().await;
    let app = TestApp::start_in(dir, |_| {}, ModelRegistry::builtin()).await;
    let v = app.video(&id).await;
    assert_eq!(v["status"], "completed", "finished during shutdown: {v}");
    app.stop().await;
}

#[tokio::test]
async fn retention_expires_content_and_metadata_together() {
    let app =
        TestApp::start_with(|c| c.storage.retention = Some(Duration::from_secs(2)), ModelRegistry::builtin()).await;
    let id = app.create_prompt("short-lived").await;
    let v = app.wait_terminal(&id).await;
    assert_eq!(v["status"], "completed");
    let (completed, expires) = (v["completed_at"].as_i64().unwrap(), v["expires_at"].as_i64().unwrap());
    assert_eq!(expires - completed, 2);
    assert_eq!(app.get(&format!("/v1/videos/{id}/content")).await.status(), 200);
    tokio::time::sleep(Duration::from_secs(4)).await;
    common::error_of(app.get(&format!("/v1/videos/{id}")).await, 404).await;
    common::error_of(app.get(&format!("/v1/videos/{id}/content")).await, 404).await;
    let blobs = app.dir.path().join("blobs/videos").join(&id);
    let start = std::time::Instant::now();
    while blobs.exists() && std::fs::read_dir(&blobs).map(|mut d| d.next().is_some()).unwrap_or(false) {
        assert!(start.elapsed() < Duration::from_secs(5), "sweeper removed the blobs");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.stop().await;
}
