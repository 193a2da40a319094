//! Projects, keys and limits: `kino keys` (hashed at rest, printed once, revocable), auth
//! against them, isolation between projects on every endpoint (404, never 403), and tier
//! limits — an exact number of admissions per window, queued-job caps, concurrent renders.

use crate::common;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::TestApp;
use kino::{Config, ModelRegistry};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn keys(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kino"))
        .arg("keys")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .expect("run kino keys");
    assert!(out.status.success(), "kino keys {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A client of one project.
struct As<'a> {
    app: &'a TestApp,
    key: String,
}

impl As<'_> {
    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.app.client.request(method, self.app.url(path)).header("authorization", format!("Bearer {}", self.key))
    }
    async fn get(&self, path: &str) -> reqwest::Response {
        self.req(reqwest::Method::GET, path).send().await.unwrap()
    }
    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.req(reqwest::Method::POST, path).json(&body).send().await.unwrap()
    }
    async fn delete(&self, path: &str) -> reqwest::Response {
        self.req(reqwest::Method::DELETE, path).send().await.unwrap()
    }
    async fn json(&self, resp: reqwest::Response) -> Value {
        assert_eq!(resp.status(), 200);
        resp.json().await.unwrap()
    }
}

fn tiers_file(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("tiers.json");
    std::fs::write(&path, body).unwrap();
    path
}

// Multi-threaded: `kino keys` runs as a blocking child process while this process's server
// must keep running (and finish its transactions) on the runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_are_hashed_printed_once_and_revocable_and_turn_dev_mode_off() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let key = keys(dir.path(), &["create", "--project", "alpha"]);
    assert!(key.starts_with("sk-kino-") && key.len() > 40, "{key}");
    let listing = keys(dir.path(), &["list"]);
    assert!(listing.contains("alpha") && listing.contains(&key[..12]) && !listing.contains(&key), "{listing}");
    let db = std::fs::read(dir.path().join("kino.sqlite")).unwrap();
    let wal = std::fs::read(dir.path().join("kino.sqlite-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()), "the key is not stored in clear");
    }

    let app = TestApp::start_in(dir.clone(), |_| {}, ModelRegistry::builtin()).await;
    let alpha = As { app: &app, key: key.clone() };
    assert_eq!(alpha.get("/v1/videos").await.status(), 200);
    // A key now exists, so an unknown one is refused (dev mode is off), masked in the message.
    let stranger = As { app: &app, key: "sk-kino-not-a-real-key-123456".into() };
    let resp = stranger.get("/v1/videos").await;
    assert_eq!(resp.status(), 401);
    let e: Value = resp.json().await.unwrap();
    assert_eq!(e["error"]["code"], "invalid_api_key");
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(msg.contains("sk-***456") && !msg.contains("not-a-real"), "{msg}");

    // A budget set from the command line holds at once: zero means no renders.
    keys(dir.path(), &["budget", "--project", "alpha", "--usd", "0"]);
    let resp = alpha.post("/v1/videos", json!({"prompt": "a cat"})).await;
    assert_eq!(resp.status(), 429);
    let e: Value = resp.json().await.unwrap();
    assert_eq!(e["error"]["code"], "insufficient_quota");
    keys(dir.path(), &["budget", "--project", "alpha", "--usd", "none"]);
    assert_eq!(alpha.post("/v1/videos", json!({"prompt": "a cat"})).await.status(), 200);

    keys(dir.path(), &["revoke", &key[..12]]);
    // A process trusts what it read about a key for at most KEY_CACHE_TTL (no message between
    // processes needed): past that, the revoked key is refused.
    tokio::time::sleep(kino::app::KEY_CACHE_TTL).await;
    assert_eq!(alpha.get("/v1/videos").await.status(), 401, "revoked keys stop within the cache's time to live");
}

#[test]
fn a_network_bind_without_keys_needs_insecure_dev_mode() {
    let mut c = Config::for_data_dir("/tmp/unused");
    c.server.host = "0.0.0.0".into();
    assert!(c.check_exposure(false).is_err());
    assert!(c.check_exposure(true).is_ok(), "keys in the database are keys");
    c.auth.allow_open_dev_mode = true;
    assert!(c.check_exposure(false).is_ok());
    c.server.host = "127.0.0.1".into();
    c.auth.allow_open_dev_mode = false;
    assert!(c.check_exposure(false).is_ok());
}

#[tokio::test]
async fn a_project_never_sees_another_projects_things() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let key_a = keys(dir.path(), &["create", "--project", "a", "--tier", "0"]);
    let key_b = keys(dir.path(), &["create", "--project", "b", "--tier", "0"]);
    let app = TestApp::start_in(
        dir.clone(),
        |c| c.fetch.allow = vec!["127.0.0.1/32".parse().unwrap()],
        ModelRegistry::builtin(),
    )
    .await;
    let (a, b) = (As { app: &app, key: key_a }, As { app: &app, key: key_b });

    // Project A's things.
    let video = a.json(a.post("/v1/videos", json!({"prompt": "a red boat"})).await).await;
    let vid = video["id"].as_str().unwrap().to_string();
    app.wait_for(&vid, Duration::from_secs(90), |_| true).await;
    let deadline = Instant::now() + Duration::from_secs(90);
    while a.json(a.get(&format!("/v1/videos/{vid}")).await).await["status"] != "completed" {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let upload = |key: &str, data: Vec<u8>, name: &str, purpose: &str| {
        let form = Form::new()
            .text("purpose", purpose.to_string())
            .part("file", Part::bytes(data).file_name(name.to_string()));
        app.client.post(app.url("/v1/files")).header("authorization", format!("Bearer {key}")).multipart(form).send()
    };
    let file: Value = upload(&a.key, b"{}".to_vec(), "x.jsonl", "batch").await.unwrap().json().await.unwrap();
    let fid = file["id"].as_str().unwrap().to_string();
    let line = json!({"custom_id": "1", "method": "POST", "url": "/v1/videos", "body": {"prompt": "a kite", "model": "kino-preview", "size": "320x180"}});
    let batch_file: Value =
        upload(&a.key, format!("{line}\n").into_bytes(), "b.jsonl", "batch").await.unwrap().json().await.unwrap();
    let batch = a
        .json(
            a.post(
                "/v1/batches",
                json!({"input_file_id": batch_file["id"], "endpoint": "/v1/videos", "completion_window": "24h"}),
            )
            .await,
        )
        .await;
    let bid = batch["id"].as_str().unwrap().to_string();
    let form = Form::new()
        .text("name", "Mossy")
        .part("video", Part::bytes(common::subject_clip(dir.path(), 640, 360)).file_name("m.mp4"));
    let ch: Value = app
        .client
        .post(app.url("/v1/videos/characters"))
        .header("authorization", format!("Bearer {}", a.key))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cid = ch["id"].as_str().unwrap().to_string();
    let ep = a
        .json(
            a.post(
                "/v1/webhook_endpoints",
                json!({"name": "a", "url": "http://127.0.0.1:9/hook", "event_types": ["video.completed"]}),
            )
            .await,
        )
        .await;
    let eid = ep["id"].as_str().unwrap().to_string();

    // Project B: every route that names one of A's ids answers 404.
    let gets = [
        format!("/v1/videos/{vid}"),
        format!("/v1/videos/{vid}/content"),
        format!("/v1/videos/{vid}/content?variant=thumbnail"),
        format!("/v1/files/{fid}"),
        format!("/v1/files/{fid}/content"),
        format!("/v1/videos/characters/{cid}"),
        format!("/v1/batches/{bid}"),
        format!("/v1/webhook_endpoints/{eid}"),
    ];
    for path in &gets {
        assert_eq!(b.get(path).await.status(), 404, "GET {path}");
    }
    let posts = [
        (format!("/v1/videos/{vid}/remix"), json!({"prompt": "x"})),
        ("/v1/videos/edits".to_string(), json!({"video": {"id": vid}, "prompt": "x"})),
        ("/v1/videos/extensions".to_string(), json!({"video": {"id": vid}, "prompt": "x", "seconds": "4"})),
        ("/v1/videos".to_string(), json!({"prompt": "x", "size": "1280x720", "input_reference": {"file_id": fid}})),
        ("/v1/videos".to_string(), json!({"prompt": "Mossy", "characters": [{"id": cid}]})),
        (
            "/v1/batches".to_string(),
            json!({"input_file_id": batch_file["id"], "endpoint": "/v1/videos", "completion_window": "24h"}),
        ),
        (format!("/v1/batches/{bid}/cancel"), json!({})),
        (format!("/v1/webhook_endpoints/{eid}"), json!({"name": "mine now"})),
        (format!("/v1/webhook_endpoints/{eid}/rotate_secret"), json!({})),
        (format!("/v1/webhook_endpoints/{eid}/test"), json!({"event_type": "video.completed"})),
    ];
    for (path, body) in &posts {
        assert_eq!(b.post(path, body.clone()).await.status(), 404, "POST {path} {body}");
    }
    for path in [format!("/v1/videos/{vid}"), format!("/v1/files/{fid}"), format!("/v1/webhook_endpoints/{eid}")] {
        assert_eq!(b.delete(&path).await.status(), 404, "DELETE {path}");
    }
    // Lists never leak, and B's usage is its own.
    for path in ["/v1/videos", "/v1/files", "/v1/batches", "/v1/webhook_endpoints"] {
        let text = b.get(path).await.text().await.unwrap();
        for id in [&vid, &fid, &bid, &eid] {
            assert!(!text.contains(id.as_str()), "{path} leaks {id}: {text}");
        }
    }
    let usage = b.json(b.get("/v1/usage/videos").await).await;
    assert_eq!(usage["total"]["videos"], 0, "{usage}");
    // And A still has everything.
    for path in &gets {
        assert_eq!(a.get(path).await.status(), 200, "A: GET {path}");
    }
}

#[tokio::test]
async fn a_burst_gets_exactly_the_tier_s_requests_per_window() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let tiers = tiers_file(dir.path(), r#"{"tiers":[{"tier":0},{"tier":1,"rpm":{"default":3,"sora-2-pro":1}}]}"#);
    let key = keys(dir.path(), &["create", "--project", "burst", "--tier", "1"]);
    let app = TestApp::start_in(dir.clone(), |c| c.auth.tiers = Some(tiers.clone()), ModelRegistry::builtin()).await;
    let p = As { app: &app, key };
    // A window boundary mid-burst would split it: start early in a window.
    while kino::ids::now_secs() % 60 > 50 {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let burst = (0..8).map(|i| {
        p.post("/v1/videos", json!({"prompt": format!("a kite {i}"), "model": "kino-preview", "size": "320x180"}))
    });
    let resps = futures::future::join_all(burst).await;
    let ok: Vec<&reqwest::Response> = resps.iter().filter(|r| r.status() == 200).collect();
    let limited: Vec<&reqwest::Response> = resps.iter().filter(|r| r.status() == 429).collect();
    assert_eq!((ok.len(), limited.len()), (3, 5));
    let mut remaining: Vec<String> =
        ok.iter().map(|r| r.headers()["x-ratelimit-remaining-requests"].to_str().unwrap().to_string()).collect();
    remaining.sort();
    assert_eq!(remaining, ["0", "1", "2"]);
    for r in &limited {
        let h = r.headers();
        assert_eq!(h["x-ratelimit-limit-requests"], "3");
        assert_eq!(h["x-ratelimit-remaining-requests"], "0");
        let after: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&after));
        assert!(h.get("x-should-retry").is_none(), "the SDK retries a 429");
    }
    let err: Value = resps.into_iter().find(|r| r.status() == 429).unwrap().json().await.unwrap();
    assert_eq!(
        (err["error"]["type"].as_str(), err["error"]["code"].as_str()),
        (Some("requests"), Some("rate_limit_exceeded"))
    );
    assert!(err["error"]["message"].as_str().unwrap().contains("Limit 3, Used 3"));
    // Another model has its own budget; a read reports the state without spending it.
    assert_eq!(p.post("/v1/videos", json!({"prompt": "pro", "model": "sora-2-pro"})).await.status(), 200);
    assert_eq!(p.post("/v1/videos", json!({"prompt": "pro", "model": "sora-2-pro"})).await.status(), 429);
    let list = p.json(p.get("/v1/videos").await).await;
    let vid = list["data"][0]["id"].as_str().unwrap();
    let read = p.get(&format!("/v1/videos/{vid}")).await;
    assert!(read.headers().contains_key("x-ratelimit-remaining-requests"));
}

#[tokio::test]
async fn queued_jobs_and_concurrent_renders_are_capped_per_project() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let tiers = tiers_file(dir.path(), r#"{"tiers":[{"tier":0},{"tier":1,"concurrent_renders":1,"queued_jobs":3}]}"#);
    let key = keys(dir.path(), &["create", "--project", "capped", "--tier", "1"]);
    let app = TestApp::start_in(
        dir.clone(),
        |c| {
            c.auth.tiers = Some(tiers.clone());
            c.jobs.workers = 2;
        },
        ModelRegistry::builtin(),
    )
    .await;
    let p = As { app: &app, key };
    let mut ids = Vec::new();
    for i in 0..3 {
        let v = p.json(p.post("/v1/videos", json!({"prompt": format!("a bus {i}"), "seconds": "4"})).await).await;
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    let resp = p.post("/v1/videos", json!({"prompt": "one too many"})).await;
    assert_eq!(resp.status(), 429);
    assert!(resp.headers().contains_key("retry-after"));
    // Two workers, but this project renders one at a time.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let list = p.json(p.get("/v1/videos?limit=10").await).await;
        let statuses: Vec<&str> =
            list["data"].as_array().unwrap().iter().map(|v| v["status"].as_str().unwrap()).collect();
        assert!(statuses.iter().filter(|s| **s == "in_progress").count() <= 1, "{statuses:?}");
        if statuses.iter().all(|s| *s == "completed") {
            break;
        }
        assert!(Instant::now() < deadline, "{statuses:?}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    // Room again once they finished.
    assert_eq!(p.post("/v1/videos", json!({"prompt": "now there is room"})).await.status(), 200);
}

/// Content tokens: a key's short-lived pass for `<video>`/`<img>`, which cannot send a header.
/// It opens the content route only, for the key's own project only, and dies with the key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_tokens_open_only_their_projects_content_and_die_with_their_key() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let key_a = keys(dir.path(), &["create", "--project", "a"]);
    let key_b = keys(dir.path(), &["create", "--project", "b"]);
    let app = TestApp::start_in(dir.clone(), |_| {}, ModelRegistry::builtin()).await;
    let (a, b) = (As { app: &app, key: key_a.clone() }, As { app: &app, key: key_b });
    let body = json!({"model": "kino-preview", "prompt": "a paper boat", "size": "320x180", "seconds": "4"});
    let video = a.json(a.post("/v1/videos", body.clone()).await).await["id"].as_str().unwrap().to_string();
    let other = b.json(b.post("/v1/videos", body).await).await["id"].as_str().unwrap().to_string();
    for (who, id) in [(&a, &video), (&b, &other)] {
        let start = Instant::now();
        while who.json(who.get(&format!("/v1/videos/{id}")).await).await["status"] != "completed" {
            assert!(start.elapsed() < Duration::from_secs(60), "render of {id}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let token: Value = a.json(a.get("/v1/content_token").await).await;
    assert_eq!(token["object"], "content_token");
    let t = token["token"].as_str().unwrap().to_string();
    assert!(!t.contains(&key_a) && !t.contains(&key_a[8..20]), "the key is not in the token");
    let plain = |path: String| app.client.get(app.url(&path));

    // No header: the token opens the content route, ranges included.
    let resp =
        plain(format!("/v1/videos/{video}/content?token={t}")).header("range", "bytes=0-99").send().await.unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.bytes().await.unwrap().len(), 100);
    let resp = plain(format!("/v1/videos/{video}/content?variant=thumbnail&token={t}")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    // Another project's video is not there for it; no other route opens; a forged one fails.
    crate::common::error_of(plain(format!("/v1/videos/{other}/content?token={t}")).send().await.unwrap(), 404).await;
    crate::common::error_of(plain(format!("/v1/videos/{video}?token={t}")).send().await.unwrap(), 401).await;
    crate::common::error_of(plain("/v1/videos?token=".to_string() + &t).send().await.unwrap(), 401).await;
    let last = if t.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &t[..t.len() - 1]);
    let e =
        crate::common::error_of(plain(format!("/v1/videos/{video}/content?token={forged}")).send().await.unwrap(), 401)
            .await;
    assert_eq!(e["code"], "invalid_content_token");
    let far =
        t.replacen(&token["expires_at"].to_string(), &(token["expires_at"].as_i64().unwrap() + 86_400).to_string(), 1);
    crate::common::error_of(plain(format!("/v1/videos/{video}/content?token={far}")).send().await.unwrap(), 401).await;

    // Revoking the key ends its tokens at once.
    keys(dir.path(), &["revoke", &key_a[..12]]);
    crate::common::error_of(plain(format!("/v1/videos/{video}/content?token={t}")).send().await.unwrap(), 401).await;
    app.stop().await;
}
