//! The Batch API for `/v1/videos`, in-process: the Batch object's shape, validation (per-line
//! body errors vs file-level failures), fan-out bounded by `--batch-concurrency` with
//! interactive jobs first, live `request_counts`, cancel, restart mid-batch, the result files.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::common::{GateEngine, KEY, TestApp, error_of};
use kino::ModelRegistry;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const BATCH_FIELDS: [&str; 22] = [
    "cancelled_at",
    "cancelling_at",
    "completed_at",
    "completion_window",
    "created_at",
    "endpoint",
    "error_file_id",
    "errors",
    "expired_at",
    "expires_at",
    "failed_at",
    "finalizing_at",
    "id",
    "in_progress_at",
    "input_file_id",
    "metadata",
    "model",
    "object",
    "output_file_id",
    "request_counts",
    "status",
    "usage",
];
const DAY: i64 = 24 * 3600;

fn line(custom_id: &str, body: Value) -> Value {
    json!({"custom_id": custom_id, "method": "POST", "url": "/v1/videos", "body": body})
}

/// The smallest render: what keeps these tests quick.
fn tiny(prompt: &str) -> Value {
    json!({"model": "kino-preview", "prompt": prompt, "size": "320x180", "seconds": "4"})
}

fn jsonl(lines: &[Value]) -> Vec<u8> {
    lines.iter().map(|l| format!("{l}\n")).collect::<String>().into_bytes()
}

async fn upload(app: &TestApp, data: Vec<u8>, purpose: &str) -> String {
    let form = Form::new().text("purpose", purpose.to_string()).part("file", Part::bytes(data).file_name("in.jsonl"));
    let resp = app.client.post(app.url("/v1/files")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    resp.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

async fn create_batch(app: &TestApp, data: Vec<u8>) -> Value {
    let file = upload(app, data, "batch").await;
    let body = json!({"input_file_id": file, "endpoint": "/v1/videos", "completion_window": "24h"});
    let resp = app.post_json("/v1/batches", &body).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn batch(app: &TestApp, id: &str) -> Value {
    let resp = app.get(&format!("/v1/batches/{id}")).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn wait_batch(app: &TestApp, id: &str, timeout: Duration, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let b = batch(app, id).await;
        if done(&b) {
            return b;
        }
        assert!(start.elapsed() < timeout, "timed out waiting on {id}: {b}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn is_terminal(b: &Value) -> bool {
    ["completed", "failed", "cancelled", "expired"].contains(&b["status"].as_str().unwrap())
}

async fn file_lines(app: &TestApp, file_id: &str) -> Vec<Value> {
    let resp = app.get(&format!("/v1/files/{file_id}/content")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/jsonl");
    let text = resp.text().await.unwrap();
    text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

async fn db(app: &TestApp) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("kino.sqlite").display())).await.unwrap()
}

fn assert_batch_shape(b: &Value) {
    let mut keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    let mut want = BATCH_FIELDS.to_vec();
    want.sort();
    assert_eq!(keys, want, "exactly the Batch fields: {b}");
    assert_eq!(b["object"], "batch");
    assert!(b["id"].as_str().unwrap().starts_with("batch_"));
    assert!(b["usage"].is_null());
    assert_eq!(b["expires_at"].as_i64().unwrap(), b["created_at"].as_i64().unwrap() + DAY);
    let counts = b["request_counts"].as_object().unwrap();
    assert_eq!(counts.len(), 3, "{b}");
}

#[tokio::test]
async fn small_batch_end_to_end() {
    let app = TestApp::start_with(|c| c.jobs.workers = 2, ModelRegistry::builtin()).await;
    let lines: Vec<Value> = (0..6).map(|i| line(&format!("shot-{i}"), tiny(&format!("a red fox, take {i}")))).collect();
    let file = upload(&app, jsonl(&lines), "batch").await;
    let resp = app
        .post_json(
            "/v1/batches",
            &json!({"input_file_id": file, "endpoint": "/v1/videos", "completion_window": "24h", "metadata": {"job": "nightly"}}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let created: Value = resp.json().await.unwrap();
    assert_batch_shape(&created);
    assert_eq!(created["status"], "validating");
    assert_eq!(created["request_counts"], json!({"total": 0, "completed": 0, "failed": 0}));
    assert_eq!(created["metadata"], json!({"job": "nightly"}));
    for key in ["in_progress_at", "finalizing_at", "completed_at", "output_file_id", "error_file_id", "errors", "model"]
    {
        assert!(created[key].is_null(), "{key} null at first: {created}");
    }
    let id = created["id"].as_str().unwrap();

    let done = wait_batch(&app, id, Duration::from_secs(120), is_terminal).await;
    assert_batch_shape(&done);
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["model"], "kino-preview");
    assert_eq!(done["request_counts"], json!({"total": 6, "completed": 6, "failed": 0}));
    assert!(done["errors"].is_null() && done["error_file_id"].is_null());
    for key in ["in_progress_at", "finalizing_at", "completed_at"] {
        assert!(done[key].is_i64(), "{key}: {done}");
    }
    for key in ["failed_at", "expired_at", "cancelling_at", "cancelled_at"] {
        assert!(done[key].is_null(), "{key}: {done}");
    }
    let completed_at = done["completed_at"].as_i64().unwrap();

    let out_id = done["output_file_id"].as_str().unwrap();
    let file: Value = app.get(&format!("/v1/files/{out_id}")).await.json().await.unwrap();
    assert_eq!(file["purpose"], "batch_output");
    assert_eq!(file["expires_at"].as_i64().unwrap(), file["created_at"].as_i64().unwrap() + DAY);
    let listed: Value = app.get("/v1/files?purpose=batch_output").await.json().await.unwrap();
    assert!(listed["data"].as_array().unwrap().iter().any(|f| f["id"] == out_id));

    let out = file_lines(&app, out_id).await;
    assert_eq!(out.len(), 6);
    let mut seen = HashSet::new();
    for entry in &out {
        let keys: HashSet<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, HashSet::from(["id", "custom_id", "response", "error"]));
        assert!(entry["id"].as_str().unwrap().starts_with("batch_req_"));
        assert!(entry["error"].is_null());
        assert!(seen.insert(entry["custom_id"].as_str().unwrap().to_string()));
        let resp = &entry["response"];
        assert_eq!(resp["status_code"], 200);
        assert!(resp["request_id"].as_str().unwrap().starts_with("req_"));
        let video = &resp["body"];
        assert_eq!((video["status"].as_str(), video["size"].as_str()), (Some("completed"), Some("320x180")));
        assert_eq!(video["expires_at"].as_i64().unwrap(), completed_at + DAY, "kept a day after the batch");
        // The final object, exactly as GET shows it, and its content downloads.
        let vid = video["id"].as_str().unwrap();
        assert_eq!(&app.video(vid).await, video);
        let content = app.get(&format!("/v1/videos/{vid}/content")).await;
        assert_eq!(content.status(), 200);
    }
    assert_eq!(seen, (0..6).map(|i| format!("shot-{i}")).collect());

    let pool = db(&app).await;
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM videos WHERE batch_id = ?").bind(id).fetch_one(&pool).await.unwrap();
    assert_eq!(n, 6, "every batch video carries its batch id");
    let events: Vec<(String,)> =
        sqlx::query_as("SELECT type FROM events WHERE data_id = ?").bind(id).fetch_all(&pool).await.unwrap();
    assert_eq!(events, [("batch.completed".to_string(),)]);

    let err = error_of(app.post_json(&format!("/v1/batches/{id}/cancel"), &json!({})).await, 400).await;
    assert!(err["message"].as_str().unwrap().contains("'completed'"), "{err}");
    let list: Value = app.get("/v1/batches?limit=1").await.json().await.unwrap();
    assert_eq!(
        (list["object"].as_str(), list["first_id"].as_str(), list["has_more"].as_bool()),
        (Some("list"), Some(id), Some(false))
    );
}

#[tokio::test]
async fn body_errors_fail_only_their_line() {
    let app = TestApp::start_with(|c| c.jobs.workers = 2, ModelRegistry::builtin()).await;
    // A reference image from the project's files, exactly the requested size.
    let mut png = Vec::new();
    image::RgbImage::from_pixel(320, 180, image::Rgb([40, 120, 200]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let reference = upload(&app, png, "vision").await;
    let lines = vec![
        line("ok", tiny("a lighthouse")),
        line(
            "with-ref",
            json!({"model": "kino-preview", "prompt": "p", "size": "320x180", "input_reference": {"file_id": reference}}),
        ),
        // Fetched like the API fetches it, and refused like the API refuses it (no private addresses).
        line(
            "private-url",
            json!({"model": "kino-preview", "prompt": "p", "size": "320x180", "input_reference": {"image_url": "http://127.0.0.1:9/x.png"}}),
        ),
        line("bad-seconds", json!({"model": "kino-preview", "prompt": "p", "size": "320x180", "seconds": "7"})),
        line("bad-size", json!({"model": "sora-2", "prompt": "p", "size": "320x180"})),
        line("no-prompt", json!({"model": "kino-preview", "size": "320x180"})),
        // Passes the rules; the file is looked up only when the line is run: a 404, like the API.
        line(
            "no-file",
            json!({"model": "kino-preview", "prompt": "p", "size": "320x180", "input_reference": {"file_id": "file-0000000000AAAAAAAAAAAAAA"}}),
        ),
    ];
    let mut data = jsonl(&lines);
    data.extend_from_slice(b"\n   \n"); // blank lines are skipped, not requests
    let created = create_batch(&app, data).await;
    let id = created["id"].as_str().unwrap();
    let done = wait_batch(&app, id, Duration::from_secs(120), is_terminal).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["request_counts"], json!({"total": 7, "completed": 2, "failed": 5}));
    let out = file_lines(&app, done["output_file_id"].as_str().unwrap()).await;
    let ok: HashSet<&str> = out.iter().map(|l| l["custom_id"].as_str().unwrap()).collect();
    assert_eq!(ok, HashSet::from(["ok", "with-ref"]));
    let errors = file_lines(&app, done["error_file_id"].as_str().unwrap()).await;
    let by_id: HashMap<&str, &Value> = errors.iter().map(|e| (e["custom_id"].as_str().unwrap(), e)).collect();
    for (custom_id, status, param) in [
        ("bad-seconds", 400, "seconds"),
        ("bad-size", 400, "size"),
        ("no-prompt", 400, "prompt"),
        ("no-file", 404, "input_reference.file_id"),
        ("private-url", 400, "input_reference.image_url"),
    ] {
        let e = by_id[custom_id];
        assert!(e["error"].is_null(), "{e}");
        assert_eq!(e["response"]["status_code"], status, "{e}");
        assert!(e["response"]["request_id"].as_str().unwrap().starts_with("req_"));
        let err = &e["response"]["body"]["error"];
        assert_eq!(err["param"], param, "{e}");
        assert_eq!(err["type"], "invalid_request_error");
        assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()) && err.get("code").is_some());
    }
}

#[tokio::test]
async fn file_level_problems_fail_the_batch_with_their_code_and_line() {
    let app = TestApp::start().await;
    let ok = |c: &str| line(c, tiny("p")).to_string();
    let many: String = (0..50_001).map(|i| format!("{}\n", line(&format!("c{i}"), json!({"prompt": "p"})))).collect();
    let cases: Vec<(String, &str, Option<i64>)> = vec![
        (format!("{}\n{{not json\n", ok("a")), "invalid_json_line", Some(2)),
        (format!("{}\n{}\n", ok("a"), ok("a")), "duplicate_custom_id", Some(2)),
        (
            format!("{}\n", json!({"custom_id": "a", "method": "GET", "url": "/v1/videos", "body": tiny("p")})),
            "invalid_method",
            Some(1),
        ),
        (
            format!(
                "\n{}\n",
                json!({"custom_id": "a", "method": "POST", "url": "/v1/images/generations", "body": tiny("p")})
            ),
            "invalid_url",
            Some(2),
        ),
        (
            format!("{}\n", json!({"method": "POST", "url": "/v1/videos", "body": tiny("p")})),
            "missing_custom_id",
            Some(1),
        ),
        ("\n\n".to_string(), "empty_file", None),
        (
            format!("{}\n{}\n", ok("a"), line("b", json!({"model": "sora-2", "prompt": "p"}))),
            "mismatched_model",
            Some(2),
        ),
        (format!("{}\n{}\n", ok("a"), "x".repeat(1024 * 1024 + 1)), "line_too_long", Some(2)),
        (many, "too_many_requests", Some(50_001)),
    ];
    let mut ids = Vec::new();
    for (data, code, line_no) in cases {
        let b = create_batch(&app, data.into_bytes()).await;
        ids.push((b["id"].as_str().unwrap().to_string(), code, line_no));
    }
    let pool = db(&app).await;
    for (id, code, line_no) in ids {
        let b = wait_batch(&app, &id, Duration::from_secs(120), is_terminal).await;
        assert_batch_shape(&b);
        assert_eq!(b["status"], "failed", "{code}: {b}");
        assert!(b["failed_at"].is_i64() && b["in_progress_at"].is_null());
        assert_eq!(b["request_counts"], json!({"total": 0, "completed": 0, "failed": 0}));
        assert!(b["output_file_id"].is_null() && b["error_file_id"].is_null());
        assert_eq!(b["errors"]["object"], "list");
        let first = &b["errors"]["data"][0];
        assert_eq!(first["code"], code, "{b}");
        assert_eq!(first["line"].as_i64(), line_no, "{b}");
        assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()) && first.get("param").is_some());
        let events: Vec<(String,)> =
            sqlx::query_as("SELECT type FROM events WHERE data_id = ?").bind(&id).fetch_all(&pool).await.unwrap();
        assert_eq!(events, [("batch.failed".to_string(),)], "{code}");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM batch_requests WHERE batch_id = ?")
            .bind(&id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 0, "a failed batch keeps no lines");
    }
}

#[tokio::test]
async fn create_and_lookup_errors() {
    let app = TestApp::start().await;
    let input = upload(&app, jsonl(&[line("a", tiny("p"))]), "batch").await;
    let vision = upload(&app, b"{}\n".to_vec(), "vision").await;
    let base = json!({"input_file_id": input, "endpoint": "/v1/videos", "completion_window": "24h"});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (body, status, param) in [
        (with("endpoint", json!("/v1/chat/completions")), 400, "endpoint"),
        (with("completion_window", json!("1h")), 400, "completion_window"),
        (with("input_file_id", json!(vision)), 400, "input_file_id"),
        (with("input_file_id", json!("file-0000000000AAAAAAAAAAAAAA")), 404, "input_file_id"),
        (with("metadata", json!({"k": 5})), 400, "metadata.k"),
        (json!({"endpoint": "/v1/videos", "completion_window": "24h"}), 400, "input_file_id"),
    ] {
        let err = error_of(app.post_json("/v1/batches", &body).await, status).await;
        assert_eq!(err["param"], param, "{body}");
    }
    let err = error_of(app.post_json("/v1/batches", &with("endpoint", json!("/v1/embeddings"))).await, 400).await;
    assert_eq!(err["message"], "Invalid value: '/v1/embeddings'. Supported values are: '/v1/videos'.");
    let missing = "batch_0000000000000000000000000000000";
    error_of(app.get(&format!("/v1/batches/{missing}")).await, 404).await;
    error_of(app.post_json(&format!("/v1/batches/{missing}/cancel"), &json!({})).await, 404).await;
    error_of(app.get("/v1/batches?limit=101").await, 400).await;
    error_of(app.get("/v1/batches?after=file-x").await, 400).await;

    // Paging: newest first, `after` = the last id of the previous page.
    let mut made = Vec::new();
    for _ in 0..3 {
        let resp = app.post_json("/v1/batches", &base).await;
        made.push(resp.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string());
    }
    let page: Value = app.get("/v1/batches?limit=2").await.json().await.unwrap();
    let ids: Vec<&str> = page["data"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [made[2].as_str(), made[1].as_str()]);
    assert_eq!(page["has_more"], true);
    let next: Value = app.get(&format!("/v1/batches?limit=2&after={}", made[1])).await.json().await.unwrap();
    assert_eq!(next["data"][0]["id"], made[0].as_str());
    assert_eq!(next["has_more"], false);

    // Every lookup is scoped to the caller's project: another project sees none of these.
    let repo = &app.state.repo;
    assert!(repo.get_batch(kino::api::DEFAULT_PROJECT, &made[0]).await.unwrap().is_some());
    assert!(repo.get_batch("proj_other", &made[0]).await.unwrap().is_none());
    assert!(repo.cancel_batch("proj_other", &made[0], 0).await.unwrap().is_none());
    assert!(repo.list_batches("proj_other", None, 100).await.unwrap().0.is_empty());
    assert_eq!(batch(&app, &made[0]).await["status"].as_str().map(|s| s != "cancelling"), Some(true));
}

#[tokio::test]
async fn cancel_stops_renders_and_reports_every_line() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let lines: Vec<Value> = (0..5).map(|i| line(&format!("c{i}"), tiny("p"))).collect();
    let created = create_batch(&app, jsonl(&lines)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let start = Instant::now();
    while gate.started.load(Ordering::SeqCst) == 0 {
        assert!(start.elapsed() < Duration::from_secs(30), "no batch render started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let running = batch(&app, &id).await;
    assert_eq!(running["status"], "in_progress");
    assert_eq!(running["request_counts"], json!({"total": 5, "completed": 0, "failed": 0}));

    let resp = app.post_json(&format!("/v1/batches/{id}/cancel"), &json!({})).await;
    assert_eq!(resp.status(), 200);
    let cancelling: Value = resp.json().await.unwrap();
    assert_eq!(cancelling["status"], "cancelling");
    assert!(cancelling["cancelling_at"].is_i64());
    let done = wait_batch(&app, &id, Duration::from_secs(30), is_terminal).await;
    assert_eq!(done["status"], "cancelled", "{done}");
    assert!(done["cancelled_at"].is_i64());
    assert_eq!(done["request_counts"], json!({"total": 5, "completed": 0, "failed": 5}));
    assert!(gate.cancelled.load(Ordering::SeqCst) >= 1, "the running render was stopped");
    assert!(done["output_file_id"].is_null());
    let errors = file_lines(&app, done["error_file_id"].as_str().unwrap()).await;
    assert_eq!(errors.len(), 5);
    for e in &errors {
        assert!(e["response"].is_null());
        assert_eq!(e["error"]["code"], "batch_cancelled", "{e}");
    }
    // Cancelling again answers the same batch; nothing is left to render.
    let again: Value = app.post_json(&format!("/v1/batches/{id}/cancel"), &json!({})).await.json().await.unwrap();
    assert_eq!(again["status"], "cancelled");
    let pool = db(&app).await;
    let (jobs,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM jobs j JOIN videos v ON v.id = j.video_id WHERE v.batch_id = ?")
            .bind(&id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(jobs, 0, "no job of a cancelled batch remains");
    let videos: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT status, error_code FROM videos WHERE batch_id = ?")
            .bind(&id)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(!videos.is_empty());
    assert!(videos.iter().all(|v| v == &("failed".to_string(), Some("batch_cancelled".to_string()))), "{videos:?}");
    let events: Vec<(String,)> =
        sqlx::query_as("SELECT type FROM events WHERE data_id = ?").bind(&id).fetch_all(&pool).await.unwrap();
    assert_eq!(events, [("batch.cancelled".to_string(),)]);
    gate.open();
}

#[tokio::test]
async fn a_restart_mid_batch_carries_on() {
    let tweak = |c: &mut kino::Config| c.batches.concurrency = 1;
    let app = TestApp::start_with(tweak, ModelRegistry::builtin()).await;
    let lines: Vec<Value> = (0..8).map(|i| line(&format!("r{i}"), tiny(&format!("a river, take {i}")))).collect();
    let created = create_batch(&app, jsonl(&lines)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let mid =
        wait_batch(&app, &id, Duration::from_secs(60), |b| b["request_counts"]["completed"].as_i64() >= Some(1)).await;
    assert_eq!(mid["status"], "in_progress", "stopped mid-batch: {mid}");
    let dir = app.stop().await;

    let app = TestApp::start_in(dir, tweak, ModelRegistry::builtin()).await;
    let done = wait_batch(&app, &id, Duration::from_secs(120), is_terminal).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["request_counts"], json!({"total": 8, "completed": 8, "failed": 0}));
    let out = file_lines(&app, done["output_file_id"].as_str().unwrap()).await;
    let custom: HashSet<&str> = out.iter().map(|l| l["custom_id"].as_str().unwrap()).collect();
    assert_eq!(custom, (0..8).map(|i| format!("r{i}")).collect::<HashSet<_>>().iter().map(String::as_str).collect());
    let pool = db(&app).await;
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM videos WHERE batch_id = ?").bind(&id).fetch_one(&pool).await.unwrap();
    assert_eq!(n, 8, "no line was rendered twice");
}

#[tokio::test]
async fn expiry_stops_the_batch_and_reports_unfinished_lines() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let lines: Vec<Value> = (0..3).map(|i| line(&format!("e{i}"), tiny("p"))).collect();
    let id = create_batch(&app, jsonl(&lines)).await["id"].as_str().unwrap().to_string();
    let start = Instant::now();
    while gate.started.load(Ordering::SeqCst) == 0 {
        assert!(start.elapsed() < Duration::from_secs(30), "no batch render started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The 24 h window, run out.
    let pool = db(&app).await;
    sqlx::query("UPDATE batches SET expires_at = created_at WHERE id = ?").bind(&id).execute(&pool).await.unwrap();
    let done = wait_batch(&app, &id, Duration::from_secs(30), is_terminal).await;
    assert_eq!(done["status"], "expired", "{done}");
    assert!(done["expired_at"].is_i64() && done["completed_at"].is_null());
    assert_eq!(done["request_counts"], json!({"total": 3, "completed": 0, "failed": 3}));
    let errors = file_lines(&app, done["error_file_id"].as_str().unwrap()).await;
    assert_eq!(errors.len(), 3);
    for e in &errors {
        assert!(e["response"].is_null());
        assert_eq!(
            e["error"],
            json!({"code": "batch_expired", "message": "This request could not be executed before the completion window expired."})
        );
    }
    assert!(gate.cancelled.load(Ordering::SeqCst) >= 1, "the running render was stopped");
    let events: Vec<(String,)> =
        sqlx::query_as("SELECT type FROM events WHERE data_id = ?").bind(&id).fetch_all(&pool).await.unwrap();
    assert_eq!(events, [("batch.expired".to_string(),)]);
}

#[tokio::test]
async fn results_expire_and_the_batch_stays_coherent() {
    // Long enough to read the result file after completion on a loaded machine (1 s was not).
    let app =
        TestApp::start_with(|c| c.batches.output_retention = Duration::from_secs(4), ModelRegistry::builtin()).await;
    let id = create_batch(&app, jsonl(&[line("x", tiny("p"))])).await["id"].as_str().unwrap().to_string();
    let done = wait_batch(&app, &id, Duration::from_secs(60), is_terminal).await;
    assert_eq!(done["status"], "completed");
    let out_id = done["output_file_id"].as_str().unwrap().to_string();
    let video_id = file_lines(&app, &out_id).await[0]["response"]["body"]["id"].as_str().unwrap().to_string();
    // Past the retention the sweeper removes the video and the file, metadata and bytes.
    let start = Instant::now();
    loop {
        let file = app.get(&format!("/v1/files/{out_id}")).await.status();
        let video = app.get(&format!("/v1/videos/{video_id}")).await.status();
        if file == 404 && video == 404 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "results never expired ({file}, {video})");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let pool = db(&app).await;
    let start = Instant::now();
    loop {
        let (rows,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM videos WHERE batch_id = ?").bind(&id).fetch_one(&pool).await.unwrap();
        if rows == 0 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "expired batch video rows were never swept");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let after = batch(&app, &id).await;
    assert_eq!(after["request_counts"], done["request_counts"], "frozen counts survive the sweep");
    assert_eq!(after["output_file_id"], done["output_file_id"]);
    assert_eq!(after["status"], "completed");
}

#[tokio::test]
async fn fan_out_is_bounded_counts_are_monotonic_and_interactive_jobs_go_first() {
    const K: i64 = 4;
    const LINES: i64 = 12;
    let app = TestApp::start_with(|c| c.batches.concurrency = K as usize, ModelRegistry::builtin()).await;
    let lines: Vec<Value> = (0..LINES).map(|i| line(&format!("m{i}"), tiny(&format!("a meadow, take {i}")))).collect();
    let created = create_batch(&app, jsonl(&lines)).await;
    let id = created["id"].as_str().unwrap().to_string();
    let pool = db(&app).await;
    let mut last = (0i64, 0i64);
    let mut interactive: Option<String> = None;
    let mut max_unfinished = 0;
    let start = Instant::now();
    loop {
        let b = batch(&app, &id).await;
        let c = &b["request_counts"];
        let (total, completed, failed) =
            (c["total"].as_i64().unwrap(), c["completed"].as_i64().unwrap(), c["failed"].as_i64().unwrap());
        if b["status"] != "validating" {
            assert_eq!(total, LINES, "{b}");
        }
        assert!(completed >= last.0 && failed >= last.1, "counts went back: {last:?} → {c}");
        assert!(completed + failed <= total, "{c}");
        last = (completed, failed);
        let (unfinished,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM videos WHERE batch_id = ? AND status IN ('queued', 'in_progress')")
                .bind(&id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert!(unfinished <= K, "{unfinished} batch videos unfinished at once");
        max_unfinished = max_unfinished.max(unfinished);
        // Once the batch fills its slots, an interactive request arrives.
        if interactive.is_none() && unfinished == K {
            let v = app.create(json!({"model": "kino-preview", "prompt": "now please", "size": "320x180"})).await;
            interactive = Some(v["id"].as_str().unwrap().to_string());
        }
        if is_terminal(&b) {
            assert_eq!(b["status"], "completed");
            assert_eq!((completed, failed), (LINES, 0));
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(180), "batch did not finish: {b}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(max_unfinished, K, "the driver keeps every slot busy");
    let interactive = interactive.expect("an interactive video was made mid-batch");
    assert_eq!(app.wait_terminal(&interactive).await["status"], "completed");
    // One worker: between the interactive request and its completion, at most the batch
    // render already running may finish; the queued batch jobs wait (job times are in ms).
    let (overtaking,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM jobs j JOIN videos v ON v.id = j.video_id WHERE v.batch_id = ? \
         AND j.status = 'succeeded' AND j.updated_at > (SELECT created_at FROM jobs WHERE video_id = ?) \
         AND j.updated_at <= (SELECT updated_at FROM jobs WHERE video_id = ?)",
    )
    .bind(&id)
    .bind(&interactive)
    .bind(&interactive)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(overtaking <= 1, "the interactive video waited behind {overtaking} batch renders");
}
