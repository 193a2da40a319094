//! Kino in front of other video servers, over real HTTP: a small server that answers the way
//! SGLang Diffusion and vLLM-Omni document (SGLang: JSON, no `prompt`, an extra `url`,
//! progress jumping 0→100; vLLM-Omni: multipart, a create answer of only id/status/created_at),
//! including one that restarts and forgets jobs, one that never finishes, one that fails, and
//! one that returns JSON where the MP4 should be, one that stops answering; and a second Kino
//! process serving the preview engine.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::TestApp;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kino::ModelRegistry;
use kino::upstream::UpstreamSpec;
use serde_json::{Value, json};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Flavor {
    Sglang,
    Vllm,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Normal,
    /// The first job is forgotten after two polls, as if the server restarted.
    ForgetFirst,
    Never,
    Fail,
    JsonContent,
    /// Status requests hang past Kino's request timeout.
    Hang,
}

#[derive(Default)]
struct Seen {
    creates: Vec<(String, String)>,
    /// Each create's `input_reference` file, when it was a multipart form with one.
    references: Vec<Option<Vec<u8>>>,
    deletes: Vec<String>,
    polls: u32,
}

#[derive(Clone)]
struct Mimic {
    flavor: Flavor,
    mode: Arc<Mutex<Mode>>,
    /// Polls before a job completes.
    polls_to_finish: u32,
    mp4: Arc<Vec<u8>>,
    seen: Arc<Mutex<Seen>>,
    jobs: Arc<Mutex<std::collections::HashMap<String, u32>>>,
}

async fn create(State(m): State<Mimic>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let kind = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let id = {
        let mut seen = m.seen.lock().unwrap();
        seen.references.push(file_part(&body, "input_reference"));
        seen.creates.push((kind, String::from_utf8_lossy(&body).into_owned()));
        format!("job-{}", seen.creates.len())
    };
    m.jobs.lock().unwrap().insert(id.clone(), 0);
    let now = 1_760_000_000;
    match m.flavor {
        Flavor::Vllm => axum::Json(json!({"id": id, "status": "queued", "created_at": now})).into_response(),
        Flavor::Sglang => axum::Json(json!({
            "id": id, "object": "video", "model": "wan", "status": "queued", "progress": 0,
            "created_at": now, "size": "416x240", "seconds": "4", "quality": "standard",
            "url": format!("/v1/videos/{id}/content"), "file_path": format!("outputs/{id}.mp4")
        }))
        .into_response(),
    }
}

/// The bytes of the multipart file field `name` in `body`, found the way a form parser does:
/// the part whose headers name it, up to the next boundary.
fn file_part(body: &[u8], name: &str) -> Option<Vec<u8>> {
    let find = |hay: &[u8], needle: &[u8], from: usize| {
        hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
    };
    let boundary_end = find(body, b"\r\n", 0)?;
    let boundary = [b"\r\n", &body[..boundary_end]].concat();
    let header = find(body, format!("name=\"{name}\"").as_bytes(), 0)?;
    let start = find(body, b"\r\n\r\n", header)? + 4;
    let end = find(body, &boundary, start)?;
    Some(body[start..end].to_vec())
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, axum::Json(json!({"detail": "Video not found"}))).into_response()
}

async fn retrieve(State(m): State<Mimic>, Path(id): Path<String>) -> Response {
    let polls = {
        let mut jobs = m.jobs.lock().unwrap();
        let Some(n) = jobs.get_mut(&id) else { return not_found() };
        *n += 1;
        *n
    };
    m.seen.lock().unwrap().polls += 1;
    let mode = *m.mode.lock().unwrap();
    if mode == Mode::Hang {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    if mode == Mode::ForgetFirst && id == "job-1" && polls > 2 {
        m.jobs.lock().unwrap().remove(&id);
        return not_found();
    }
    let done = polls >= m.polls_to_finish && mode != Mode::Never;
    let (status, progress) = match (done, mode) {
        (true, Mode::Fail) => ("failed", 0),
        (true, _) => ("completed", 100),
        // SGLang jumps from 0 to 100; vLLM-Omni reports something in between.
        (false, _) => ("in_progress", if m.flavor == Flavor::Vllm { 40 } else { 0 }),
    };
    let mut body =
        json!({"id": id, "object": "video", "status": status, "progress": progress, "created_at": 1_760_000_000});
    if status == "failed" {
        body["error"] = json!({"message": "CUDA out of memory"});
    }
    axum::Json(body).into_response()
}

async fn content(State(m): State<Mimic>, Path(id): Path<String>) -> Response {
    if !m.jobs.lock().unwrap().contains_key(&id) {
        return not_found();
    }
    if *m.mode.lock().unwrap() == Mode::JsonContent {
        return axum::Json(json!({"detail": "Generation is still in-progress"})).into_response();
    }
    ([("content-type", "video/mp4")], m.mp4.as_ref().clone()).into_response()
}

async fn delete(State(m): State<Mimic>, Path(id): Path<String>) -> Response {
    m.seen.lock().unwrap().deletes.push(id.clone());
    match m.jobs.lock().unwrap().remove(&id) {
        Some(_) => axum::Json(json!({"id": id, "status": "deleted"})).into_response(),
        None => not_found(),
    }
}

/// A clip the way a Wan server returns one: 65 frames at 16 fps (4.06 s), 416x240.
fn wan_like_clip(dir: &std::path::Path) -> Vec<u8> {
    let (w, h) = (416u32, 240u32);
    let path = dir.join("upstream.mp4");
    let settings = kino_media::EncodeSettings::new(w, h, 16).with_expected_frames(65);
    kino_media::encode_clip(&settings, &path, |sink: &mut dyn kino_engine::FrameSink| {
        for i in 0..65u32 {
            let px: Vec<u8> = (0..w * h).flat_map(|p| [((p % w + i * 4) % 256) as u8, 90, 160, 255]).collect();
            sink.video_frame(kino_engine::VideoFrame::new(w, h, px))?;
            sink.audio(&vec![0.0; 6000])?;
        }
        Ok::<(), kino_engine::EngineError>(())
    })
    .unwrap();
    std::fs::read(path).unwrap()
}

struct Upstream {
    url: String,
    seen: Arc<Mutex<Seen>>,
    mode: Arc<Mutex<Mode>>,
    _server: tokio::task::JoinHandle<()>,
}

async fn mimic(flavor: Flavor, mode: Mode, mp4: Arc<Vec<u8>>) -> Upstream {
    let m = Mimic {
        flavor,
        mode: Arc::new(Mutex::new(mode)),
        polls_to_finish: 3,
        mp4,
        seen: Arc::default(),
        jobs: Arc::default(),
    };
    let (seen, mode) = (m.seen.clone(), m.mode.clone());
    let app = Router::new()
        .route("/v1/videos", post(create))
        .route("/v1/videos/{id}", get(retrieve).delete(delete))
        .route("/v1/videos/{id}/content", get(content))
        .with_state(m);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Upstream { url, seen, mode, _server: server }
}

fn registry(arg: &str) -> ModelRegistry {
    let mut reg = ModelRegistry::builtin();
    reg.add(UpstreamSpec::parse(arg).unwrap().model().unwrap());
    reg
}

async fn kino_in_front(arg: &str) -> TestApp {
    TestApp::start_with(|c| c.jobs.max_attempts = 3, registry(arg)).await
}

fn clip(dir: &std::path::Path) -> Arc<Vec<u8>> {
    Arc::new(wan_like_clip(dir))
}

async fn render(app: &TestApp, size: &str) -> Value {
    let video = app
        .create(json!({"model": "remote", "prompt": "a red kite over the dunes", "size": size, "seconds": "4"}))
        .await;
    app.wait_for(video["id"].as_str().unwrap(), Duration::from_secs(60), |v| {
        v["status"] == "completed" || v["status"] == "failed"
    })
    .await
}

/// The MP4 Kino serves: size and duration as asked, with thumbnail and spritesheet.
async fn assert_served(app: &TestApp, video: &Value, w: u32, h: u32) {
    let id = video["id"].as_str().unwrap();
    let resp = app.get(&format!("/v1/videos/{id}/content")).await;
    assert_eq!(resp.status(), 200);
    let info = kino_media::probe_mp4(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!((info.width, info.height, info.video_frames), (w, h, 96), "{info:?}");
    for variant in ["thumbnail", "spritesheet"] {
        assert_eq!(app.get(&format!("/v1/videos/{id}/content?variant={variant}")).await.status(), 200, "{variant}");
    }
}

#[tokio::test]
async fn sglang_shaped_upstream_renders_through_kino() {
    let dir = tempfile::tempdir().unwrap();
    let up = mimic(Flavor::Sglang, Mode::Normal, clip(dir.path())).await;
    let app = kino_in_front(&format!(
        "remote={},flavor=sglang,model=Wan2.1-T2V-1.3B,size=416x240,extra.num_inference_steps=30",
        up.url
    ))
    .await;
    let video = render(&app, "320x180").await;
    assert_eq!(video["status"], "completed", "{video}");
    assert_eq!(video["progress"], 100);
    assert_served(&app, &video, 320, 180).await;
    let seen = up.seen.lock().unwrap();
    assert_eq!(seen.creates.len(), 1);
    let (kind, body) = &seen.creates[0];
    assert!(kind.starts_with("application/json"), "{kind}");
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["model"], "Wan2.1-T2V-1.3B");
    assert_eq!(body["size"], "416x240");
    assert_eq!(
        (body["seconds"].as_u64(), body["fps"].as_u64(), body["num_frames"].as_u64()),
        (Some(4), Some(24), Some(96))
    );
    assert_eq!(body["num_inference_steps"], 30);
    assert_eq!(body["prompt"], "a red kite over the dunes");
}

#[tokio::test]
async fn vllm_omni_shaped_upstream_that_forgets_a_job_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let up = mimic(Flavor::Vllm, Mode::ForgetFirst, clip(dir.path())).await;
    let app = kino_in_front(&format!("remote={},flavor=vllm-omni", up.url)).await;
    let video = render(&app, "180x320").await;
    assert_eq!(video["status"], "completed", "{video}");
    assert_served(&app, &video, 180, 320).await;
    let seen = up.seen.lock().unwrap();
    assert_eq!(seen.creates.len(), 2, "a new upstream job after the first was forgotten");
    let (kind, body) = &seen.creates[1];
    assert!(kind.starts_with("multipart/form-data"), "{kind}");
    for field in [
        "name=\"width\"\r\n\r\n180",
        "name=\"height\"\r\n\r\n320",
        "name=\"num_frames\"\r\n\r\n65",
        "name=\"fps\"\r\n\r\n16",
    ] {
        assert!(body.contains(field), "{field} in {body}");
    }
}

#[tokio::test]
async fn upstream_failures_fail_the_video_with_a_clear_code() {
    let dir = tempfile::tempdir().unwrap();
    let mp4 = clip(dir.path());
    for (mode, code, words) in [
        (Mode::Fail, "upstream_failed", "CUDA out of memory"),
        (Mode::JsonContent, "upstream_bad_output", "where an MP4 was expected"),
        (Mode::Never, "upstream_timeout", "did not finish"),
    ] {
        let up = mimic(Flavor::Sglang, mode, mp4.clone()).await;
        let app = kino_in_front(&format!("remote={},flavor=sglang,render_timeout_s=2", up.url)).await;
        let video = render(&app, "320x180").await;
        assert_eq!(video["status"], "failed", "{mode:?}: {video}");
        assert_eq!(video["error"]["code"], code, "{mode:?}: {video}");
        assert!(video["error"]["message"].as_str().unwrap().contains(words), "{mode:?}: {video}");
        let seen = up.seen.lock().unwrap();
        assert_eq!(seen.creates.len(), 1, "{mode:?}: a refusal is not retried");
        if mode == Mode::Never {
            assert_eq!(seen.deletes, ["job-1"], "a timed-out upstream job is cancelled");
        }
    }
}

#[tokio::test]
async fn an_upstream_that_stops_answering_is_retried_on_the_same_job_then_failed() {
    let dir = tempfile::tempdir().unwrap();
    let up = mimic(Flavor::Sglang, Mode::Hang, clip(dir.path())).await;
    let app =
        kino_in_front(&format!("remote={},flavor=sglang,request_timeout_s=1,unreachable_timeout_s=1", up.url)).await;
    let video = render(&app, "320x180").await;
    assert_eq!(video["status"], "failed", "{video}");
    assert_eq!(video["error"]["code"], "engine_error", "{video}");
    assert!(video["error"]["message"].as_str().unwrap().contains("3 times"), "{video}");
    let seen = up.seen.lock().unwrap();
    assert_eq!(seen.creates.len(), 1, "every attempt re-attached to the one upstream job");
    assert!(seen.polls >= 6, "{} polls", seen.polls);
}

#[tokio::test]
async fn deleting_the_video_deletes_the_upstream_job() {
    let dir = tempfile::tempdir().unwrap();
    let up = mimic(Flavor::Vllm, Mode::Never, clip(dir.path())).await;
    let app = kino_in_front(&format!("remote={},flavor=vllm-omni", up.url)).await;
    let video = app.create(json!({"model": "remote", "prompt": "a lighthouse at dusk", "size": "320x180"})).await;
    let id = video["id"].as_str().unwrap();
    // The upstream's 40% comes through as 90% of it (the rest is Kino's encode), times 95%.
    let video = app.wait_for(id, Duration::from_secs(20), |v| v["progress"].as_i64().unwrap_or(0) > 0).await;
    assert_eq!((video["status"].as_str(), video["progress"].as_i64()), (Some("in_progress"), Some(34)), "{video}");
    assert_eq!(app.delete(&format!("/v1/videos/{id}")).await.status(), 200);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while up.seen.lock().unwrap().deletes.is_empty() {
        assert!(std::time::Instant::now() < deadline, "upstream job not deleted");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(up.seen.lock().unwrap().deletes, ["job-1"]);
}

#[tokio::test]
async fn a_restarted_kino_reattaches_to_the_upstream_job() {
    let dir = tempfile::tempdir().unwrap();
    let up = mimic(Flavor::Sglang, Mode::Never, clip(dir.path())).await;
    let arg = format!("remote={},flavor=sglang", up.url);
    let tweak = |c: &mut kino::Config| {
        c.jobs.shutdown_grace = Duration::from_millis(100);
    };
    let app = TestApp::start_with(tweak, registry(&arg)).await;
    let video = app.create(json!({"model": "remote", "prompt": "a lighthouse at dusk", "size": "320x180"})).await;
    let id = video["id"].as_str().unwrap().to_string();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while up.seen.lock().unwrap().polls < 2 {
        assert!(std::time::Instant::now() < deadline, "upstream never polled");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let data = app.stop().await;
    assert!(up.seen.lock().unwrap().deletes.is_empty(), "a shutdown leaves the upstream job running");
    // The upstream finishes its job meanwhile; a new Kino process on the same data.
    let creates_before = up.seen.lock().unwrap().creates.len();
    *up.mode.lock().unwrap() = Mode::Normal;
    let app = TestApp::start_in(data, |_| {}, registry(&arg)).await;
    let video =
        app.wait_for(&id, Duration::from_secs(60), |v| v["status"] == "completed" || v["status"] == "failed").await;
    assert_eq!(video["status"], "completed", "{video}");
    assert_eq!((creates_before, up.seen.lock().unwrap().creates.len()), (1, 1), "re-attached, not created again");
    assert_served(&app, &video, 320, 180).await;
}

/// A `kino serve` child process (preview engine) on a free port, killed on drop.
struct KinoProcess(std::process::Child);

impl Drop for KinoProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn kino_in_front_of_another_kino_process() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = std::fs::File::create(dir.path().join("upstream.log")).unwrap();
    let _child = KinoProcess(
        std::process::Command::new(env!("CARGO_BIN_EXE_kino"))
            .args(["serve", "--port", &port.to_string(), "--data-dir", dir.path().join("data").to_str().unwrap()])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn kino"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while http.get(format!("{base}/v1/models")).bearer_auth("any").send().await.is_err() {
        assert!(std::time::Instant::now() < deadline, "upstream kino did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let app = kino_in_front(&format!("remote={base}/v1,flavor=openai,model=kino-preview,api_key=any")).await;
    let video = render(&app, "320x180").await;
    assert_eq!(video["status"], "completed", "{video}");
    assert_served(&app, &video, 320, 180).await;
    let list: Value =
        http.get(format!("{base}/v1/videos")).bearer_auth("any").send().await.unwrap().json().await.unwrap();
    assert_eq!(list["data"][0]["model"], "kino-preview");
    assert_eq!(list["data"][0]["prompt"], "a red kite over the dunes");
    assert_eq!(list["data"][0]["status"], "completed");
}

/// A 320x180 PNG, left half red and right half blue, as an `input_reference` data URL.
fn reference_image() -> (Vec<u8>, String) {
    use base64::Engine as _;
    let (w, h) = (320u32, 180u32);
    let img =
        image::RgbaImage::from_fn(
            w,
            h,
            |x, _| if x < w / 2 { [220, 30, 30, 255].into() } else { [30, 40, 220, 255].into() },
        );
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let url = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&png));
    (img.into_raw(), url)
}

#[tokio::test]
async fn a_reference_image_reaches_an_image_to_video_upstream_of_each_flavor() {
    let dir = tempfile::tempdir().unwrap();
    let (pixels, url) = reference_image();
    // An OpenAI-shaped upstream (another Kino) answers as SGLang's does.
    for (flavor, name, model) in [
        (Flavor::Vllm, "vllm-omni", "Wan-AI/Wan2.2-I2V-A14B-Diffusers"),
        (Flavor::Sglang, "sglang", "Wan2.2-TI2V-5B"),
        (Flavor::Sglang, "openai", "sora-2"),
    ] {
        let up = mimic(flavor, Mode::Normal, clip(dir.path())).await;
        let app = kino_in_front(&format!("remote={},flavor={name},model={model},size=416x240", up.url)).await;
        let video = app
            .create(json!({"model": "remote", "prompt": "the kite lifts off", "size": "320x180", "seconds": "4",
                "input_reference": {"image_url": url}}))
            .await;
        let video = app
            .wait_for(video["id"].as_str().unwrap(), Duration::from_secs(60), |v| {
                v["status"] == "completed" || v["status"] == "failed"
            })
            .await;
        assert_eq!(video["status"], "completed", "{name}: {video}");
        let seen = up.seen.lock().unwrap();
        let (kind, body) = &seen.creates[0];
        assert!(kind.starts_with("multipart/form-data"), "{name}: {kind}");
        assert!(body.contains("the kite lifts off") && body.contains(model), "{name}: the form's fields");
        // The file is the reference as given (same size, same pixels: PNG is lossless).
        let png = seen.references[0].as_ref().unwrap_or_else(|| panic!("{name}: no input_reference file"));
        let got = image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_rgba8();
        assert_eq!((got.width(), got.height()), (320, 180), "{name}");
        assert_eq!(got.into_raw(), pixels, "{name}: the reference's pixels");
    }
}

#[tokio::test]
async fn a_reference_for_an_upstream_that_cannot_take_one_is_a_400_naming_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = reference_image();
    let up = mimic(Flavor::Sglang, Mode::Normal, clip(dir.path())).await;
    // A text-to-video model by its name; `references=false` says the same of any name.
    for arg in [
        format!("remote={},flavor=sglang,model=Wan2.1-T2V-1.3B", up.url),
        format!("remote={},flavor=vllm-omni,model=Wan2.2-TI2V-5B,references=false", up.url),
    ] {
        let app = kino_in_front(&arg).await;
        let resp = app
            .post_json("/v1/videos", &json!({"model": "remote", "prompt": "p", "input_reference": {"image_url": url}}))
            .await;
        assert_eq!(resp.status(), 400, "{arg}");
        let body: Value = resp.json().await.unwrap();
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("'remote'") && message.contains("input_reference"), "{arg}: {body}");
        assert_eq!(body["error"]["param"], "input_reference", "{body}");
    }
    assert!(up.seen.lock().unwrap().creates.is_empty(), "nothing reached the upstream");
}
