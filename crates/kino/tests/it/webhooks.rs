//! Webhooks end to end, in-process, against a real HTTP receiver: endpoint management,
//! Standard Webhooks signatures (checked here with an independent HMAC), at-least-once
//! delivery through a receiver outage and through a Kino restart, rotation overlap.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::common::hooks::{Received, Receiver, verifies};
use crate::common::{TestApp, error_of};
use kino::{Config, ModelRegistry};
use serde_json::{Value, json};

const RETRY_BASE: Duration = Duration::from_millis(200);
const RETRY_MAX: Duration = Duration::from_millis(800);

fn fast_retries(c: &mut Config) {
    c.fetch.allow = vec!["127.0.0.1/32".parse().unwrap()];
    c.webhooks.retry_base = RETRY_BASE;
    c.webhooks.retry_max = RETRY_MAX;
}

/// The least delay the schedule allows after failed attempt `attempt` (1-based): base ·
/// 2^(attempt-1), capped, less the 20 % jitter, in whole milliseconds as stored.
fn least_backoff_ms(attempt: i64) -> i64 {
    let nominal = RETRY_BASE.saturating_mul(2u32.pow(attempt.clamp(1, 30) as u32 - 1)).min(RETRY_MAX);
    (nominal.as_millis() as f64 * 0.8).floor() as i64 - 1
}

async fn endpoint(app: &TestApp, url: &str, events: &[&str]) -> Value {
    let resp =
        app.post_json("/v1/webhook_endpoints", &json!({"name": "test", "url": url, "event_types": events})).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

fn events_of(all: &[Received], kind: &str) -> Vec<Value> {
    all.iter().map(|r| serde_json::from_str::<Value>(&r.body).unwrap()).filter(|v| v["type"] == kind).collect()
}

#[tokio::test]
async fn endpoints_are_managed_and_a_completed_video_is_delivered_signed() {
    let rx = Receiver::start().await;
    let app = TestApp::start_with(fast_retries, ModelRegistry::builtin()).await;
    let ep = endpoint(&app, &rx.url(), &["video.completed", "video.failed"]).await;
    let secret = ep["signing_secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(ep["object"], "webhook_endpoint");
    assert_eq!(ep["event_types"], json!(["video.completed", "video.failed"]));
    let id = ep["id"].as_str().unwrap();

    // Reads hide the secret and show a hint.
    let got: Value = app.get(&format!("/v1/webhook_endpoints/{id}")).await.json().await.unwrap();
    assert!(got.get("signing_secret").is_none());
    assert!(got["signing_secret_hint"].as_str().unwrap().ends_with(&secret[secret.len() - 4..]));
    let list: Value = app.get("/v1/webhook_endpoints?limit=1").await.json().await.unwrap();
    assert_eq!((list["data"][0]["id"].as_str(), list["has_more"].as_bool()), (Some(id), Some(false)));
    let types: Value = app.get("/v1/webhook_event_types").await.json().await.unwrap();
    // Every type the SDKs list (openai-python 3.63 lists 29), the ones Kino emits among them.
    let types: Vec<&str> = types["data"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(types.len(), 29, "{types:?}");
    for t in ["video.completed", "video.failed", "batch.completed", "response.completed", "health.alert.triggered"] {
        assert!(types.contains(&t), "{t} missing from {types:?}");
    }

    let video = app.create(json!({"prompt": "a red balloon over a field"})).await;
    let vid = video["id"].as_str().unwrap().to_string();
    let all =
        rx.wait_for("video.completed", Duration::from_secs(90), |a| !events_of(a, "video.completed").is_empty()).await;
    let r = all.iter().find(|r| r.body.contains(&vid)).unwrap();
    assert!(verifies(&secret, r), "signature: {r:?}");
    assert!(r.id.starts_with("msg_"));
    let ev: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!((ev["object"].as_str(), ev["data"]["id"].as_str()), (Some("event"), Some(vid.as_str())));
    assert!(ev["id"].as_str().unwrap().starts_with("evt_"));
    assert_eq!(app.video(&vid).await["status"], "completed");

    // Update, test, delete.
    let upd: Value =
        app.post_json(&format!("/v1/webhook_endpoints/{id}"), &json!({"name": "renamed"})).await.json().await.unwrap();
    assert_eq!((upd["name"].as_str(), upd["url"].as_str()), (Some("renamed"), Some(rx.url().as_str())));
    let test: Value = app
        .post_json(&format!("/v1/webhook_endpoints/{id}/test"), &json!({"event_type": "batch.completed"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((test["success"].as_bool(), test["status_code"].as_u64()), (Some(true), Some(200)));
    rx.status.store(500, Ordering::SeqCst);
    let e = error_of(
        app.post_json(&format!("/v1/webhook_endpoints/{id}/test"), &json!({"event_type": "video.failed"})).await,
        400,
    )
    .await;
    assert_eq!(e["code"], "webhook_test_failed");
    let del: Value = app.delete(&format!("/v1/webhook_endpoints/{id}")).await.json().await.unwrap();
    assert_eq!(del, json!({"id": id, "object": "webhook_endpoint.deleted", "deleted": true}));
    error_of(app.get(&format!("/v1/webhook_endpoints/{id}")).await, 404).await;
}

#[tokio::test]
async fn bad_endpoints_are_refused() {
    let app = TestApp::start().await;
    let cases = [
        (json!({"name": "x", "url": "http://10.0.0.1/hook", "event_types": ["video.completed"]}), "url"),
        (json!({"name": "x", "url": "http://127.0.0.1:9/hook", "event_types": ["video.completed"]}), "url"),
        (json!({"name": "x", "url": "ftp://example.com/", "event_types": ["video.completed"]}), "url"),
        (json!({"name": "x", "url": "http://127.0.0.1:9/hook", "event_types": ["video.exploded"]}), "event_types"),
        (json!({"name": "x", "url": "http://127.0.0.1:9/hook", "event_types": ["video.completed", 7]}), "event_types"),
        (json!({"name": "x", "url": "http://127.0.0.1:9/hook", "event_types": []}), "event_types"),
        (json!({"url": "http://127.0.0.1:9/hook", "event_types": ["video.completed"]}), "name"),
        (json!({"name": "x", "event_types": ["video.completed"]}), "url"),
    ];
    for (body, param) in cases {
        let e = error_of(app.post_json("/v1/webhook_endpoints", &body).await, 400).await;
        assert_eq!(e["param"], param, "{body}: {e}");
    }
}

#[tokio::test]
async fn a_receiver_that_is_down_gets_every_event_when_it_comes_back_even_across_a_restart() {
    let rx = Receiver::start().await;
    rx.status.store(503, Ordering::SeqCst);
    let app = TestApp::start_with(fast_retries, ModelRegistry::builtin()).await;
    let ep = endpoint(&app, &rx.url(), &["video.completed"]).await;
    let secret = ep["signing_secret"].as_str().unwrap().to_string();
    let first = app.create(json!({"prompt": "a lighthouse at night"})).await["id"].as_str().unwrap().to_string();
    // Retried while down: the same webhook-id every time (the spacing is checked below, on
    // the attempts recorded in the database).
    let tries = rx.wait_for("three refused attempts", Duration::from_secs(90), |a| a.len() >= 3).await;
    assert!(tries.iter().all(|r| r.id == tries[0].id), "one webhook-id across retries");

    // Restart Kino while the receiver is still down; a second video completes after it.
    let dir = app.stop().await;
    let app = TestApp::start_in(dir, fast_retries, ModelRegistry::builtin()).await;
    let second = app.create(json!({"prompt": "a sailboat at dawn"})).await["id"].as_str().unwrap().to_string();
    app.wait_terminal(&second).await;
    rx.status.store(200, Ordering::SeqCst);
    let all = rx
        .wait_for("both events after recovery", Duration::from_secs(60), |a| {
            let ok: Vec<&Received> = a.iter().filter(|r| r.body.contains("video.completed")).collect();
            [&first, &second].iter().all(|v| ok.iter().any(|r| r.body.contains(v.as_str())))
        })
        .await;
    for r in &all {
        assert!(verifies(&secret, r));
    }
    let first_ids: Vec<&str> = all.iter().filter(|r| r.body.contains(&first)).map(|r| r.id.as_str()).collect();
    assert!(first_ids.iter().all(|i| *i == first_ids[0]), "the same delivery, retried");
    let db =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("kino.sqlite").display())).await.unwrap();
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status != 'delivered'")
        .fetch_one(&db)
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut pending = pending;
    while pending > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        pending = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_deliveries WHERE status != 'delivered'")
            .fetch_one(&db)
            .await
            .unwrap();
    }
    assert_eq!(pending, 0);
    // Every attempt is on record: the refusals and the deliveries.
    let attempts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_attempts").fetch_one(&db).await.unwrap();
    assert!(attempts >= tries.len() as i64 + 2, "{attempts} attempts recorded");
    // Spaced by the backoff: each refused attempt scheduled the next no sooner than the
    // schedule's least delay after it ended (the recorded start times, not measured ones).
    let recorded: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT attempt, started_at, duration_ms, status_code FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt",
    )
    .bind(&tries[0].id)
    .fetch_all(&db)
    .await
    .unwrap();
    let spaced: Vec<_> = recorded.windows(2).filter(|w| w[1].0 == w[0].0 + 1 && w[0].3 == Some(503)).collect();
    assert!(!spaced.is_empty(), "consecutive refused attempts on record: {recorded:?}");
    for w in spaced {
        let ((attempt, started, took, _), (_, next, _, _)) = (w[0], w[1]);
        let gap = next - (started + took);
        assert!(gap >= least_backoff_ms(attempt), "attempt {attempt} → {}: {gap} ms apart: {recorded:?}", attempt + 1);
    }
    // Once delivered and old enough, events and their logs are pruned together.
    assert_eq!(app.state.repo.prune_events(kino::ids::now_secs() - 3600).await.unwrap(), 0, "too young");
    assert!(app.state.repo.prune_events(kino::ids::now_secs() + 10).await.unwrap() >= 2);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_attempts").fetch_one(&db).await.unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn rotation_with_overlap_signs_with_both_secrets() {
    let rx = Receiver::start().await;
    let app = TestApp::start_with(fast_retries, ModelRegistry::builtin()).await;
    let ep = endpoint(&app, &rx.url(), &["video.completed"]).await;
    let id = ep["id"].as_str().unwrap();
    let old = ep["signing_secret"].as_str().unwrap().to_string();
    let rotated: Value = app
        .post_json(
            &format!("/v1/webhook_endpoints/{id}/rotate_secret"),
            &json!({"keep_old_secret_active_for_24_hours": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    let new = rotated["signing_secret"].as_str().unwrap().to_string();
    assert_ne!(old, new);
    app.create(json!({"prompt": "a kite"})).await;
    let all = rx.wait_for("a delivery", Duration::from_secs(90), |a| !a.is_empty()).await;
    assert!(verifies(&old, &all[0]) && verifies(&new, &all[0]), "{:?}", all[0]);
    assert_eq!(all[0].signature.split(' ').count(), 2);

    let again: Value =
        app.post_json(&format!("/v1/webhook_endpoints/{id}/rotate_secret"), &json!({})).await.json().await.unwrap();
    let newest = again["signing_secret"].as_str().unwrap().to_string();
    app.create(json!({"prompt": "a second kite"})).await;
    let all = rx.wait_for("a second delivery", Duration::from_secs(90), |a| a.len() >= 2).await;
    assert!(verifies(&newest, &all[1]) && !verifies(&new, &all[1]) && !verifies(&old, &all[1]));
}

#[tokio::test]
async fn a_configured_endpoint_is_registered_once_and_signs_with_its_secret() {
    let rx = Receiver::start().await;
    let secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    let spec = format!("{}|{secret}", rx.url());
    let configure = |c: &mut Config| {
        fast_retries(c);
        c.webhooks.url = Some(spec.clone());
        c.webhooks.events = vec!["video.completed".into()];
    };
    let app = TestApp::start_with(configure, ModelRegistry::builtin()).await;
    let dir = app.stop().await;
    let app = TestApp::start_in(dir, configure, ModelRegistry::builtin()).await;
    let list: Value = app.get("/v1/webhook_endpoints").await.json().await.unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["data"][0]["event_types"], json!(["video.completed"]));
    app.create(json!({"prompt": "a bus"})).await;
    let all = rx.wait_for("a delivery", Duration::from_secs(90), |a| !a.is_empty()).await;
    assert!(verifies(secret, &all[0]));
}
