//! Live progress as Server-Sent Events: a video's stream from its state now to its end,
//! resuming from `Last-Event-ID` without losing a state change, the project's stream, a
//! batch's stream, isolation between projects, a client that stops reading, and (on
//! PostgreSQL) events made by another process.
use std::sync::Arc;
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::pg::PgSchema;
use crate::common::sse::{SseEvent, SseReader};
use crate::common::{GateEngine, KEY, TestApp, error_of};
use kino::ModelRegistry;

const WAIT: Duration = Duration::from_secs(60);

async fn open(app: &TestApp, path: &str, last_event_id: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(path)).header("authorization", KEY);
    if let Some(id) = last_event_id {
        req = req.header("last-event-id", id);
    }
    req.send().await.expect("request")
}

async fn stream(app: &TestApp, path: &str, last_event_id: Option<&str>) -> SseReader {
    SseReader::new(open(app, path, last_event_id).await)
}

/// Every event until the server ends the stream.
async fn drain(reader: &mut SseReader) -> Vec<SseEvent> {
    let mut all = Vec::new();
    while let Some(e) = reader.next(WAIT).await {
        all.push(e);
    }
    all
}

fn statuses(events: &[SseEvent]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in events {
        let s = e.data["status"].as_str().unwrap_or(&e.event).to_string();
        if out.last() != Some(&s) {
            out.push(s);
        }
    }
    out
}

fn ids(events: &[SseEvent]) -> Vec<i64> {
    events.iter().map(|e| e.id.parse().expect("numeric event id")).collect()
}

#[tokio::test]
async fn a_video_stream_goes_from_now_to_the_end_and_resumes_without_losing_a_change() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let id = app
        .create(json!({"model": "kino-preview", "prompt": "a kite over the dunes", "size": "320x180", "seconds": "4"}))
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.wait_for(&id, WAIT, |v| v["status"] == "in_progress").await;

    let mut live = stream(&app, &format!("/v1/videos/{id}/events"), None).await;
    let first = live.next(WAIT).await.expect("the video as it is now");
    assert_eq!((first.event.as_str(), first.data["id"].as_str()), ("video", Some(id.as_str())));
    assert_eq!(first.data["status"], "in_progress");
    assert_eq!(first.data, app.video(&id).await, "the full Video object, as a GET shows it");

    // A second client reads one event and goes away; the render then finishes.
    let mut early = stream(&app, &format!("/v1/videos/{id}/events"), None).await;
    let seen = early.next(WAIT).await.unwrap();
    drop(early);
    gate.open();

    let mut rest = drain(&mut live).await;
    rest.insert(0, first);
    assert_eq!(statuses(&rest), ["in_progress", "completed"], "{rest:?}");
    let last = rest.last().unwrap();
    assert_eq!(last.data, app.video(&id).await, "ends on the video as it is");
    let progress: Vec<i64> = rest.iter().map(|e| e.data["progress"].as_i64().unwrap()).collect();
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {progress:?}");
    assert!(ids(&rest).windows(2).all(|w| w[0] < w[1]), "ids increase: {:?}", ids(&rest));

    // The client that left resumes: it gets what changed since, up to the end.
    let mut resumed = stream(&app, &format!("/v1/videos/{id}/events"), Some(&seen.id)).await;
    let missed = drain(&mut resumed).await;
    assert_eq!(missed.last().unwrap().data["status"], "completed", "{missed:?}");
    assert!(ids(&missed).iter().all(|n| *n > seen.id.parse::<i64>().unwrap()));
    // Resuming after the end: nothing more will come, and 204 tells EventSource to stop.
    let resp = open(&app, &format!("/v1/videos/{id}/events"), Some(&last.id)).await;
    assert_eq!(resp.status(), 204);
    // A finished video's stream is its final state, then the end.
    let mut again = stream(&app, &format!("/v1/videos/{id}/events"), None).await;
    assert_eq!(drain(&mut again).await.iter().map(|e| e.data["status"].clone()).collect::<Vec<_>>(), ["completed"]);
    app.stop().await;
}

#[tokio::test]
async fn the_project_stream_carries_every_video_and_a_deletion() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let mut all = stream(&app, "/v1/videos/events", None).await;
    let a = app.create_prompt("first").await;
    let b = app.create_prompt("second").await;
    let mut seen: Vec<SseEvent> = Vec::new();
    while !seen.iter().any(|e| e.data["id"] == b.as_str()) {
        seen.push(all.next(WAIT).await.expect("the stream does not end"));
    }
    assert_eq!(seen[0].data["id"], a.as_str());
    assert_eq!(seen[0].data["status"], "queued");
    let resp = app.delete(&format!("/v1/videos/{b}")).await;
    assert_eq!(resp.status(), 200);
    gate.open();
    let (mut a_done, mut b_gone) = (false, false);
    while !(a_done && b_gone) {
        let e = all.next(WAIT).await.expect("the stream does not end");
        if e.event == "video.deleted" {
            assert_eq!(e.data, json!({"id": b, "object": "video.deleted", "deleted": true}));
            b_gone = true;
        } else if e.data["id"] == a.as_str() && e.data["status"] == "completed" {
            a_done = true;
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_batch_stream_counts_to_the_end() {
    let app = TestApp::start().await;
    let lines: Vec<Value> = (0..3)
        .map(|i| {
            let body = json!({"model": "kino-preview", "prompt": format!("a boat, take {i}"), "size": "320x180", "seconds": "4"});
            json!({"custom_id": format!("c{i}"), "method": "POST", "url": "/v1/videos", "body": body})
        })
        .collect();
    let data = lines.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes();
    let form = Form::new().text("purpose", "batch").part("file", Part::bytes(data).file_name("in.jsonl"));
    let resp = app.client.post(app.url("/v1/files")).header("authorization", KEY).multipart(form).send().await.unwrap();
    let file: Value = resp.json().await.unwrap();
    let body = json!({"input_file_id": file["id"], "endpoint": "/v1/videos", "completion_window": "24h"});
    let batch: Value = app.post_json("/v1/batches", &body).await.json().await.unwrap();
    let id = batch["id"].as_str().unwrap();

    let events = drain(&mut stream(&app, &format!("/v1/batches/{id}/events"), None).await).await;
    assert!(events.iter().all(|e| e.event == "batch" && e.data["id"] == id), "{events:?}");
    let last = &events.last().unwrap().data;
    assert_eq!(last["status"], "completed");
    assert_eq!(last["request_counts"], json!({"total": 3, "completed": 3, "failed": 0}));
    let done: Vec<i64> = events.iter().map(|e| e.data["request_counts"]["completed"].as_i64().unwrap()).collect();
    assert!(done.windows(2).all(|w| w[0] <= w[1]), "counts never go back: {done:?}");
    app.stop().await;
}

#[tokio::test]
async fn streams_answer_like_every_read_another_project_sees_nothing() {
    let app = TestApp::start().await;
    // Unknown ids (and another project's) are a 404 in the envelope; a bad Last-Event-ID a 400.
    error_of(open(&app, "/v1/videos/video_missing/events", None).await, 404).await;
    error_of(open(&app, "/v1/batches/batch_missing/events", None).await, 404).await;
    let id = app.create_prompt("mine").await;
    let e = error_of(open(&app, &format!("/v1/videos/{id}/events"), Some("yesterday")).await, 400).await;
    assert_eq!(e["param"], "Last-Event-ID");
    let resp = app.client.get(app.url(&format!("/v1/videos/{id}/events"))).send().await.unwrap();
    error_of(resp, 401).await;
    app.wait_terminal(&id).await;
    app.stop().await;
}

/// A flood of changes (far more than the feed's ring holds) while the client is not reading:
/// the stream sends the newest state, paced, never a backlog of every change.
#[tokio::test]
async fn a_client_that_stops_reading_catches_up_from_the_table() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let id = app.create_prompt("a slow reader").await;
    app.wait_for(&id, WAIT, |v| v["status"] == "in_progress").await;
    let mut stalled = stream(&app, &format!("/v1/videos/{id}/events"), None).await;
    assert_eq!(stalled.next(WAIT).await.unwrap().data["status"], "in_progress");

    // Far more changes than the feed's ring holds, written as a render would write them.
    let url = app.state.config.database_url();
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
    for p in 0..3000 {
        sqlx::query("UPDATE videos SET progress = ? WHERE id = ?")
            .bind(p % 90)
            .bind(&id)
            .execute(&mut db)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE videos SET progress = 93 WHERE id = ?").bind(&id).execute(&mut db).await.unwrap();
    // Catching up sends the newest state, paced: far fewer events than changes.
    let mut got = Vec::new();
    loop {
        let e = stalled.next(WAIT).await.expect("still streaming");
        let p = e.data["progress"].as_i64().unwrap();
        got.push(p);
        if p == 93 {
            break;
        }
    }
    assert!(got.len() < 100, "{} events for 3001 changes", got.len());
    gate.open();
    let rest = drain(&mut stalled).await;
    assert_eq!(rest.last().unwrap().data["status"], "completed");
    app.stop().await;
}

/// Two processes on one PostgreSQL database: a render in a worker process reaches a client
/// of an API process that renders nothing (`LISTEN`/`NOTIFY`).
#[tokio::test]
async fn events_cross_processes_on_postgres() {
    let Some(schema) = PgSchema::create().await else { return };
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let on_pg = |workers: usize| {
        let url = kino::config::DatabaseUrl(schema.url.clone());
        move |c: &mut kino::Config| {
            c.storage.database_url = Some(url);
            c.jobs.workers = workers;
        }
    };
    let worker = TestApp::start_in(dir.clone(), on_pg(1), ModelRegistry::builtin()).await;
    let api = TestApp::start_in(dir.clone(), on_pg(0), ModelRegistry::builtin()).await;
    let id = api
        .create(json!({"model": "kino-preview", "prompt": "a lantern festival", "size": "320x180", "seconds": "4"}))
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let events = drain(&mut stream(&api, &format!("/v1/videos/{id}/events"), None).await).await;
    assert_eq!(events.last().unwrap().data["status"], "completed", "{events:?}");
    assert_eq!(events.last().unwrap().data, api.video(&id).await);
    api.stop().await;
    worker.stop().await;
    schema.drop_schema().await;
}

/// A client that stops reading while thousands of videos change loses none of them: the
/// server holds no backlog of its own for it (the socket fills, the stream falls behind the
/// feed's ring) and, read again, the stream catches up from the table, each change once.
#[tokio::test]
async fn a_stalled_project_stream_loses_nothing() {
    // Rows written straight into the table: no job renders them.
    let app = TestApp::start().await;
    let mut all = stream(&app, "/v1/videos/events", None).await;
    let url = app.state.config.database_url();
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
    let mut made = std::collections::BTreeSet::new();
    let mut tx = sqlx::Connection::begin(&mut db).await.unwrap();
    for n in 0..5000 {
        let id = kino::ids::video_id();
        sqlx::query(
            "INSERT INTO videos (id, project_id, model, status, progress, created_at, size, seconds, seed, prompt) \
             VALUES (?, 'proj_default', 'sora-2', 'queued', 0, ?, '720x1280', '4', 1, ?)",
        )
        .bind(&id)
        .bind(kino::ids::now_secs())
        .bind(format!("a stalled reader, take {n} {}", "·".repeat(200)))
        .execute(&mut *tx)
        .await
        .unwrap();
        made.insert(id);
    }
    tx.commit().await.unwrap();
    // Not reading meanwhile: the server's writes back up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut seen = std::collections::BTreeSet::new();
    let mut events = 0;
    while seen.len() < made.len() {
        let e = all.next(WAIT).await.expect("the stream does not end");
        events += 1;
        seen.insert(e.data["id"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, made);
    assert_eq!(events, made.len(), "each change once");
    app.stop().await;
}
