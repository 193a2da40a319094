//! The Videos API end to end, in-process: create → render → download, list paging,
//! retrieve and delete, with the contract's shapes and headers.

use crate::common;
use std::sync::Arc;
use std::time::Duration;

use crate::common::{GateEngine, TestApp, error_of};
use kino::ModelRegistry;
use serde_json::{Value, json};

const VIDEO_FIELDS: [&str; 13] = [
    "id",
    "object",
    "model",
    "status",
    "progress",
    "created_at",
    "completed_at",
    "expires_at",
    "prompt",
    "size",
    "seconds",
    "remixed_from_video_id",
    "error",
];

fn assert_video_shape(v: &Value) {
    let obj = v.as_object().expect("video is an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    let mut want = VIDEO_FIELDS.to_vec();
    want.sort();
    assert_eq!(keys, want, "exactly the 13 fields: {v}");
    assert_eq!(v["object"], "video");
    assert!(v["id"].as_str().unwrap().starts_with("video_"));
    assert!(v["created_at"].is_i64());
    assert!(v["seconds"].is_string());
}

#[tokio::test]
async fn create_render_and_download_every_variant() {
    let app = TestApp::start().await;
    let created = app
        .create(json!({"prompt": "A red kite over a park", "model": "sora-2", "size": "1280x720", "seconds": "4"}))
        .await;
    assert_video_shape(&created);
    assert_eq!(created["status"], "queued");
    assert_eq!(created["progress"], 0);
    for null in ["completed_at", "expires_at", "remixed_from_video_id", "error"] {
        assert!(created[null].is_null(), "{null} must be null while queued");
    }
    let id = created["id"].as_str().unwrap();
    let done = app.wait_terminal(id).await;
    assert_video_shape(&done);
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["progress"], 100);
    assert!(done["completed_at"].as_i64().unwrap() >= done["created_at"].as_i64().unwrap());
    assert!(done["expires_at"].is_null(), "no retention configured");

    let resp = app.get(&format!("/v1/videos/{id}")).await;
    assert!(resp.headers().get("openai-poll-after-ms").is_none(), "finished videos need no polling");

    let resp = app.get(&format!("/v1/videos/{id}/content")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "video/mp4");
    let mp4 = resp.bytes().await.unwrap();
    assert_eq!(&mp4[4..8], b"ftyp");
    let info = kino_media::probe_mp4(&mp4).expect("our MP4 probes");
    assert_eq!((info.width, info.height, info.video_frames), (1280, 720, 96));
    assert_eq!(info.video_codec, "h264");
    let audio = info.audio.expect("audio track");
    assert_eq!((audio.sample_rate, audio.channels), (48_000, 2));

    let resp = app.get(&format!("/v1/videos/{id}/content?variant=thumbnail")).await;
    assert_eq!(resp.headers()["content-type"], "image/webp");
    let webp = resp.bytes().await.unwrap();
    assert_eq!((&webp[..4], &webp[8..12]), (&b"RIFF"[..], &b"WEBP"[..]));

    let resp = app.get(&format!("/v1/videos/{id}/content?variant=spritesheet")).await;
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    let jpg = resp.bytes().await.unwrap();
    assert_eq!(&jpg[..3], &[0xFF, 0xD8, 0xFF]);

    // Byte ranges, for players and resumed downloads.
    let resp = app
        .client
        .get(app.url(&format!("/v1/videos/{id}/content")))
        .header("authorization", common::KEY)
        .header("range", "bytes=4-11")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.headers()["content-range"], format!("bytes 4-11/{}", mp4.len()));
    assert_eq!(resp.bytes().await.unwrap(), mp4.slice(4..12));

    // What players, browsers and CDNs expect of an asset that never changes.
    let url = app.url(&format!("/v1/videos/{id}/content"));
    let get = |pairs: &[(&str, String)]| {
        let mut req = app.client.get(&url).header("authorization", common::KEY);
        for (k, v) in pairs {
            req = req.header(*k, v.clone());
        }
        req.send()
    };
    let full = get(&[]).await.unwrap();
    let etag = full.headers()["etag"].to_str().unwrap().to_string();
    let modified = full.headers()["last-modified"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "a strong ETag: {etag}");
    assert_eq!(full.headers()["cache-control"], "private, max-age=31536000, immutable");
    for pairs in [vec![("if-none-match", etag.clone())], vec![("if-modified-since", modified.clone())]] {
        let resp = get(&pairs).await.unwrap();
        assert_eq!(resp.status(), 304, "{pairs:?}");
        assert_eq!(resp.headers()["etag"], etag.as_str());
        assert!(resp.bytes().await.unwrap().is_empty());
    }
    let other = get(&[("if-none-match", "\"elsewhere\"".into())]).await.unwrap();
    assert_eq!(other.status(), 200);
    // If-Range: the range when the copy is this one, the whole file when it is not.
    let resp = get(&[("range", "bytes=4-11".into()), ("if-range", etag.clone())]).await.unwrap();
    assert_eq!(resp.status(), 206);
    let resp = get(&[("range", "bytes=4-11".into()), ("if-range", "\"elsewhere\"".into())]).await.unwrap();
    assert_eq!((resp.status().as_u16(), resp.bytes().await.unwrap().len()), (200, mp4.len()));
    let resp = get(&[("range", "bytes=4-11".into()), ("if-range", modified.clone())]).await.unwrap();
    assert_eq!(resp.status(), 206);
    // HEAD: the headers of a GET, no body.
    let head = app.client.head(&url).header("authorization", common::KEY).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers()["content-length"], mp4.len().to_string().as_str());
    assert_eq!(head.headers()["etag"], etag.as_str());
    assert!(head.bytes().await.unwrap().is_empty());
    app.stop().await;
}

#[tokio::test]
async fn unfinished_videos_advertise_polling_and_refuse_content() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let id = app.create_prompt("held at the gate").await;
    let v = app.wait_for(&id, Duration::from_secs(10), |v| v["status"] == "in_progress").await;
    assert!(v["progress"].as_i64().unwrap() < 100);

    let resp = app.get(&format!("/v1/videos/{id}")).await;
    let poll: u64 = resp.headers()["openai-poll-after-ms"].to_str().unwrap().parse().unwrap();
    assert!(poll > 0);
    let err = error_of(app.get(&format!("/v1/videos/{id}/content")).await, 404).await;
    assert!(err["message"].as_str().unwrap().starts_with("Video is not ready yet"), "{err}");

    // Progress is real: the gate engine reports 10% of its work done before it waits.
    let v = app.wait_for(&id, Duration::from_secs(5), |v| v["progress"].as_i64().unwrap() > 0).await;
    assert!(v["progress"].as_i64().unwrap() <= 95);
    gate.open();
    assert_eq!(app.wait_terminal(&id).await["status"], "completed");
    app.stop().await;
}

#[tokio::test]
async fn list_pages_with_cursors_in_both_orders() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;

    let empty: Value = app.get("/v1/videos").await.json().await.unwrap();
    assert_eq!(empty, json!({"object": "list", "data": [], "first_id": null, "last_id": null, "has_more": false}));

    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(app.create_prompt(&format!("clip {i}")).await);
    }
    for (order, expected) in [("asc", ids.clone()), ("desc", ids.iter().rev().cloned().collect())] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut path = format!("/v1/videos?limit=3&order={order}");
            if let Some(a) = &after {
                path.push_str(&format!("&after={a}"));
            }
            let page: Value = app.get(&path).await.json().await.unwrap();
            let data = page["data"].as_array().unwrap();
            assert!(data.len() <= 3);
            assert_eq!(page["first_id"], data[0]["id"]);
            assert_eq!(page["last_id"], data[data.len() - 1]["id"]);
            seen.extend(data.iter().map(|v| v["id"].as_str().unwrap().to_string()));
            if !page["has_more"].as_bool().unwrap() {
                break;
            }
            after = page["last_id"].as_str().map(str::to_string);
        }
        assert_eq!(seen, expected, "order {order}");
    }
    // Default order is newest first; limit=0 returns no rows but says more exist.
    let page: Value = app.get("/v1/videos").await.json().await.unwrap();
    assert_eq!(page["first_id"].as_str(), ids.last().map(String::as_str));
    let page: Value = app.get("/v1/videos?limit=0").await.json().await.unwrap();
    assert_eq!((page["data"].as_array().unwrap().len(), page["has_more"].as_bool()), (0, Some(true)));

    // A cursor whose video was deleted still pages on.
    app.delete(&format!("/v1/videos/{}", ids[2])).await;
    let page: Value = app.get(&format!("/v1/videos?order=asc&limit=2&after={}", ids[2])).await.json().await.unwrap();
    assert_eq!(page["first_id"].as_str(), Some(ids[3].as_str()));

    // Kino's filters (the SDKs never send them): by status and by model.
    let queued: Value = app.get("/v1/videos?status=queued&limit=100").await.json().await.unwrap();
    let all: Value = app.get("/v1/videos?limit=100").await.json().await.unwrap();
    let count =
        |v: &Value, status: &str| v["data"].as_array().unwrap().iter().filter(|x| x["status"] == status).count();
    assert_eq!(queued["data"].as_array().unwrap().len(), count(&all, "queued"));
    assert_eq!(count(&queued, "queued"), queued["data"].as_array().unwrap().len());
    let none: Value = app.get("/v1/videos?model=sora-2-pro").await.json().await.unwrap();
    assert_eq!(none["data"], json!([]));
    let e = error_of(app.get("/v1/videos?status=done").await, 400).await;
    assert_eq!(e["param"], "status");

    // Any other string is accepted and names no position (the guide's `after=video_123`): the
    // page is the one without a cursor, never a 400 for the cursor's shape.
    let first: Value = app.get("/v1/videos?limit=2").await.json().await.unwrap();
    for odd in ["video_123", "nope", "", "file-abc", "video_%FF", "%E2%9C%93"] {
        let resp = app.get(&format!("/v1/videos?limit=2&after={odd}")).await;
        assert_eq!(resp.status(), 200, "after={odd}");
        let page: Value = resp.json().await.unwrap();
        assert_eq!(page, first, "after={odd}");
    }
    gate.open();
    app.stop().await;
}

#[tokio::test]
async fn delete_cancels_a_running_render_and_removes_everything() {
    let gate = Arc::new(GateEngine::default());
    let app = TestApp::start_with(|_| {}, ModelRegistry::with_engine(gate.clone())).await;
    let running = app.create_prompt("running").await;
    app.wait_for(&running, Duration::from_secs(10), |v| v["status"] == "in_progress").await;
    let queued = app.create_prompt("queued behind it").await;

    for id in [&queued, &running] {
        let resp = app.delete(&format!("/v1/videos/{id}")).await;
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body, json!({"id": id, "object": "video.deleted", "deleted": true}));
        error_of(app.get(&format!("/v1/videos/{id}")).await, 404).await;
        error_of(app.get(&format!("/v1/videos/{id}/content")).await, 404).await;
        error_of(app.delete(&format!("/v1/videos/{id}")).await, 404).await;
    }
    // The render stopped promptly, and the queued one never started.
    let start = std::time::Instant::now();
    while gate.cancelled.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(start.elapsed() < Duration::from_secs(5), "render was not cancelled");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(gate.started.load(std::sync::atomic::Ordering::SeqCst), 1);

    // A completed video's files go too.
    gate.open();
    let done = app.create_prompt("finished").await;
    assert_eq!(app.wait_terminal(&done).await["status"], "completed");
    let blobs = app.dir.path().join("blobs/videos").join(&done);
    assert!(blobs.exists());
    assert_eq!(app.delete(&format!("/v1/videos/{done}")).await.status(), 200);
    assert!(!blobs.exists() || std::fs::read_dir(&blobs).unwrap().next().is_none(), "blobs removed");
    app.stop().await;
}

#[tokio::test]
async fn models_health_and_metrics() {
    let app = TestApp::start().await;
    let models: Value = app.get("/v1/models").await.json().await.unwrap();
    let ids: Vec<&str> = models["data"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    for want in ["sora-2", "sora-2-pro", "sora-2-2025-10-06", "kino-preview"] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    assert_eq!(app.client.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    let ready: Value = app.client.get(app.url("/readyz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    let id = app.create_prompt("metrics").await;
    app.wait_terminal(&id).await;
    let text = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    for name in
        ["kino_http_requests_total", "kino_jobs_total", "kino_job_duration_seconds", "kino_rendered_frames_total"]
    {
        assert!(text.contains(name), "{name} missing from /metrics");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_seed_makes_the_clip_repeatable() {
    let app = TestApp::start().await;
    let body = json!({"prompt": "a green bus crossing a bridge at dusk", "seconds": "4", "seed": 42});
    let a = app.create(body.clone()).await["id"].as_str().unwrap().to_string();
    let b = app.create(body).await["id"].as_str().unwrap().to_string();
    let c = app.create(json!({"prompt": "a green bus crossing a bridge at dusk", "seconds": "4", "seed": 43})).await;
    let c = c["id"].as_str().unwrap().to_string();
    let mut clips = Vec::new();
    for id in [&a, &b, &c] {
        assert_eq!(app.wait_terminal(id).await["status"], "completed");
        clips.push(app.get(&format!("/v1/videos/{id}/content")).await.bytes().await.unwrap());
    }
    assert!(clips[0] == clips[1], "same prompt, size, seconds and seed: same bytes");
    assert!(clips[0] != clips[2], "another seed: another clip");
    app.stop().await;
}
