//! Usage and cost, in-process: every completed video (batch ones at the discount) has its
//! usage priced at completion; `GET /v1/usage/videos` groups and filters it; a deleted video
//! still counts; `kino usage` prints the same totals; a spent monthly budget turns renders
//! into `insufficient_quota` 429s, and not a request earlier.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{KEY, TestApp, error_of};
use kino::ModelRegistry;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// USD per second, kept exact in binary so float sums compare equal: the preview model at its
/// two tiny sizes (the built-in table prices it at 0).
const PRICES: &str = r#"{"batch_discount": 0.5, "models": {"kino-preview": {"320x180": 0.125, "180x320": 0.25}}}"#;

fn price_per_second(size: &str) -> f64 {
    match size {
        "320x180" => 0.125,
        "180x320" => 0.25,
        other => panic!("unpriced size {other}"),
    }
}

async fn start(dir_for_prices: &Path) -> TestApp {
    let prices = dir_for_prices.join("prices.json");
    std::fs::write(&prices, PRICES).unwrap();
    TestApp::start_with(move |c| c.usage.prices = Some(prices), ModelRegistry::builtin()).await
}

fn tiny(prompt: &str, size: &str, seconds: u32) -> Value {
    json!({"model": "kino-preview", "prompt": prompt, "size": size, "seconds": seconds.to_string()})
}

async fn render(app: &TestApp, body: Value) -> Value {
    let id = app.create(body).await["id"].as_str().unwrap().to_string();
    let done = app.wait_terminal(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    done
}

/// A batch of one line, run to completion; returns its video.
async fn render_in_batch(app: &TestApp, body: Value) -> Value {
    let line = json!({"custom_id": "only", "method": "POST", "url": "/v1/videos", "body": body});
    let form = Form::new()
        .text("purpose", "batch")
        .part("file", Part::bytes(format!("{line}\n").into_bytes()).file_name("in.jsonl"));
    let resp = app.client.post(app.url("/v1/files")).header("authorization", KEY).multipart(form).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let file = resp.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let body = json!({"input_file_id": file, "endpoint": "/v1/videos", "completion_window": "24h"});
    let resp = app.post_json("/v1/batches", &body).await;
    assert_eq!(resp.status(), 200);
    let id = resp.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let start = Instant::now();
    let batch = loop {
        let b: Value = app.get(&format!("/v1/batches/{id}")).await.json().await.unwrap();
        if ["completed", "failed", "cancelled", "expired"].contains(&b["status"].as_str().unwrap()) {
            break b;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "batch stuck: {b}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(batch["status"], "completed", "{batch}");
    let out = batch["output_file_id"].as_str().unwrap();
    let text = app.get(&format!("/v1/files/{out}/content")).await.text().await.unwrap();
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    line["response"]["body"].clone()
}

async fn usage(app: &TestApp, query: &str) -> Value {
    let resp = app.get(&format!("/v1/usage/videos{query}")).await;
    assert_eq!(resp.status(), 200, "{query}");
    let report: Value = resp.json().await.unwrap();
    assert_eq!(report["object"], "list");
    assert_eq!(report["currency"], "usd");
    report
}

/// (model, size, batch) → (videos, seconds, cost) of a report's data.
fn rows(report: &Value) -> HashMap<(Value, Value, Value), (i64, i64, f64)> {
    report["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let key = (e["model"].clone(), e["size"].clone(), e["batch"].clone());
            (key, (e["videos"].as_i64().unwrap(), e["seconds"].as_i64().unwrap(), e["cost_usd"].as_f64().unwrap()))
        })
        .collect()
}

fn totals(report: &Value) -> (i64, i64, f64) {
    let t = &report["total"];
    (t["videos"].as_i64().unwrap(), t["seconds"].as_i64().unwrap(), t["cost_usd"].as_f64().unwrap())
}

async fn kino_cli(args: &[&str]) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_kino")).args(args).output().await.expect("run kino")
}

#[tokio::test]
async fn usage_is_priced_at_completion_grouped_filtered_and_outlives_deletes() {
    let prices_dir = tempfile::tempdir().unwrap();
    let app = start(prices_dir.path()).await;
    let mut videos = vec![
        render(&app, tiny("a red kite", "320x180", 4)).await,
        render(&app, tiny("a blue boat", "180x320", 8)).await,
        render(&app, tiny("a green field", "320x180", 12)).await,
    ];
    let batched = render_in_batch(&app, tiny("a yellow taxi", "320x180", 4)).await;
    assert_eq!(batched["status"], "completed");
    videos.push(batched.clone());

    // What the completed videos cost, by the table: the batch one at half price.
    let expected_cost: f64 = videos
        .iter()
        .map(|v| {
            let full =
                price_per_second(v["size"].as_str().unwrap()) * v["seconds"].as_str().unwrap().parse::<f64>().unwrap();
            if v["id"] == batched["id"] { full * 0.5 } else { full }
        })
        .sum();
    let expected_seconds: i64 = videos.iter().map(|v| v["seconds"].as_str().unwrap().parse::<i64>().unwrap()).sum();
    assert_eq!(expected_cost, 0.5 + 2.0 + 1.5 + 0.25);

    // Default grouping: model, size and day; batch is not a group, so it is null.
    let report = usage(&app, "").await;
    assert_eq!(totals(&report), (4, expected_seconds, expected_cost));
    for e in report["data"].as_array().unwrap() {
        assert_eq!(e["model"], "kino-preview");
        assert!(e["day"].as_str().is_some_and(|d| d.len() == 10 && d.as_bytes()[4] == b'-'), "{e}");
        assert!(e["batch"].is_null(), "{e}");
    }
    let sum: f64 = report["data"].as_array().unwrap().iter().map(|e| e["cost_usd"].as_f64().unwrap()).sum();
    assert_eq!(sum, expected_cost, "the rows add up to the total");

    let by_size = rows(&usage(&app, "?group_by=model,size").await);
    assert_eq!(by_size.len(), 2, "{by_size:?}");
    assert_eq!(by_size[&(json!("kino-preview"), json!("320x180"), Value::Null)], (3, 20, 0.5 + 1.5 + 0.25));
    assert_eq!(by_size[&(json!("kino-preview"), json!("180x320"), Value::Null)], (1, 8, 2.0));

    let by_batch = rows(&usage(&app, "?group_by=batch").await);
    assert_eq!(by_batch[&(Value::Null, Value::Null, json!(true))], (1, 4, 0.25));
    assert_eq!(by_batch[&(Value::Null, Value::Null, json!(false))], (3, 24, 4.0));

    // Filters bound `completed_at`: [since, until), unix seconds or whole UTC days.
    let completed: Vec<i64> = videos.iter().map(|v| v["completed_at"].as_i64().unwrap()).collect();
    let (first, last) = (*completed.iter().min().unwrap(), *completed.iter().max().unwrap());
    assert_eq!(totals(&usage(&app, &format!("?since={first}&until={}", last + 1)).await).0, 4);
    assert_eq!(totals(&usage(&app, &format!("?since={}", last + 1)).await), (0, 0, 0.0));
    assert!(usage(&app, &format!("?until={first}")).await["data"].as_array().unwrap().is_empty());
    let at_last = completed.iter().filter(|&&c| c == last).count() as i64;
    assert_eq!(totals(&usage(&app, &format!("?since={last}")).await).0, at_last);
    assert_eq!(totals(&usage(&app, "?since=1970-01-01&until=2999-12-31").await).0, 4);
    assert_eq!(totals(&usage(&app, "?until=2000-01-01").await).0, 0);

    // Deleted: gone from the API, still billed.
    let gone = videos[1]["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("/v1/videos/{gone}")).await.status(), 200);
    assert_eq!(app.get(&format!("/v1/videos/{gone}")).await.status(), 404);
    assert_eq!(totals(&usage(&app, "").await), (4, expected_seconds, expected_cost));

    // Bad parameters: 400, naming the parameter.
    for (query, param) in [
        ("?since=yesterday", "since"),
        ("?until=2025-02-30", "until"),
        ("?group_by=model,colour", "group_by"),
        ("?since=2000&until=1000", "until"),
    ] {
        let err = error_of(app.get(&format!("/v1/usage/videos{query}")).await, 400).await;
        assert_eq!(err["param"], param, "{query}");
        assert_eq!(err["type"], "invalid_request_error");
    }

    // The CLI reads the same database while the server runs, and prints the same totals.
    let data_dir = app.dir.path().to_str().unwrap().to_string();
    let out = kino_cli(&["usage", "--data-dir", &data_dir, "--json"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(totals(&printed), (4, expected_seconds, expected_cost));
    let out = kino_cli(&["usage", "--data-dir", &data_dir, "--project", "default", "--since", "1970-01-01"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    let total_line = table.lines().find(|l| l.starts_with("TOTAL")).expect("a TOTAL line");
    let cells: Vec<&str> = total_line.split_whitespace().collect();
    assert_eq!(cells, ["TOTAL", "4", &expected_seconds.to_string(), "4.25"], "{table}");
    assert!(
        table.lines().any(|l| l.contains("kino-preview") && l.contains("180x320") && l.contains("2.00")),
        "{table}"
    );
    let out = kino_cli(&["usage", "--data-dir", &data_dir, "--until", "2000-01-01", "--json"]).await;
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(totals(&printed), (0, 0, 0.0));
    let out = kino_cli(&["usage", "--data-dir", &data_dir, "--project", "no-such-project"]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-project"));

    // Prices are fixed at completion: a video completed under another table keeps its price.
    let db =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("kino.sqlite").display())).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT price_micro_usd FROM video_usage WHERE video_id = ?")
        .bind(batched["id"].as_str().unwrap())
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, 250_000);
}

#[tokio::test]
async fn a_spent_monthly_budget_refuses_renders_and_not_before() {
    let prices_dir = tempfile::tempdir().unwrap();
    let app = start(prices_dir.path()).await;
    let db =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", app.dir.path().join("kino.sqlite").display())).await.unwrap();
    let set_budget = |usd: Option<f64>| {
        let db = db.clone();
        async move {
            sqlx::query("UPDATE projects SET monthly_budget_usd = ? WHERE id = 'proj_default'")
                .bind(usd)
                .execute(&db)
                .await
                .unwrap();
        }
    };

    // $0.50 a 4 s video; the budget is $1.00: the first two are allowed (spent 0, then 0.50).
    set_budget(Some(1.0)).await;
    let first = render(&app, tiny("a red kite", "320x180", 4)).await;
    render(&app, tiny("a blue kite", "320x180", 4)).await;

    // Spent $1.00 = the budget: every render-making request is refused, before its body is read.
    let src = first["id"].as_str().unwrap();
    let refused = [
        app.post_json("/v1/videos", &tiny("one more", "320x180", 4)).await,
        app.post_json("/v1/videos", &json!({"prompt": 42, "bogus": true})).await,
        app.post_json(&format!("/v1/videos/{src}/remix"), &json!({"prompt": "at night"})).await,
        app.post_json("/v1/videos/edits", &json!({"video": {"id": src}, "prompt": "at night"})).await,
        app.post_json("/v1/videos/extensions", &json!({"video": {"id": src}, "prompt": "on", "seconds": "4"})).await,
        app.post_json(
            "/v1/batches",
            &json!({"input_file_id": "file-nope", "endpoint": "/v1/videos", "completion_window": "24h"}),
        )
        .await,
    ];
    for resp in refused {
        assert_eq!(resp.headers().get("x-should-retry").map(|v| v.to_str().unwrap()), Some("false"));
        let err = error_of(resp, 429).await;
        assert_eq!(err["type"], "insufficient_quota");
        assert_eq!(err["code"], "insufficient_quota");
        assert!(err["param"].is_null());
        assert!(err["message"].as_str().unwrap().starts_with("You exceeded your current quota"), "{err}");
    }
    // Reads are not refused.
    assert_eq!(app.get("/v1/videos").await.status(), 200);
    let report = usage(&app, "").await;
    assert_eq!(totals(&report), (2, 8, 1.0));
    assert_eq!(report["budget"], json!({"monthly_usd": 1.0, "spent_this_month_usd": 1.0}), "the month, for the Studio");

    // A cent more of budget, or none at all, and renders are accepted again.
    set_budget(Some(1.01)).await;
    assert_eq!(app.post_json("/v1/videos", &json!({"prompt": 42})).await.status(), 400, "validation runs again");
    assert_eq!(app.post_json(&format!("/v1/videos/{src}/remix"), &json!({"prompt": "at night"})).await.status(), 200);
    set_budget(None).await;
    assert_eq!(app.post_json("/v1/videos", &tiny("free again", "320x180", 4)).await.status(), 200);
    assert!(usage(&app, "").await["budget"].is_null());
}
