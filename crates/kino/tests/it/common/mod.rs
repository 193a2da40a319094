//! `TestApp`: the real server in-process on port 0 with a temp data dir, plus engines
//! that hold, fail or count renders so queue behaviour can be observed mid-flight.
#![allow(dead_code)]

pub mod hooks;
pub mod pg;
pub mod sse;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use kino::{AppState, Config, ModelRegistry};
use kino_engine::{Engine, EngineError, FrameSink, GenerationSpec, RenderControl};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

pub const KEY: &str = "Bearer test-key";

/// Whether a missing service fails the tests that need it rather than skipping them: in CI
/// (`CI` set and non-empty) or when `KINO_REQUIRE_SERVICES=1`.
pub fn services_required() -> bool {
    let set = |name| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
    set("CI") || std::env::var("KINO_REQUIRE_SERVICES").is_ok_and(|v| v.trim() == "1")
}

/// The value of `var`, which points the tests at `service` (PostgreSQL, S3). When it is not
/// set the calling test is skipped (`None`, with a note on stderr), except where services are
/// required ([`services_required`]): there it fails, naming the service and the variable, so
/// a test can never pass in CI by skipping.
#[track_caller]
pub fn require(service: &str, var: &str) -> Option<String> {
    if let Some(value) = std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
        return Some(value);
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("this test");
    if services_required() {
        panic!(
            "{test} needs {service}, but {var} is not set (CI or KINO_REQUIRE_SERVICES=1 forbids skipping): \
             start {service} and set {var}"
        );
    }
    // Straight to stderr: the test harness would swallow println! of a passing test.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{test}: skipped: {service} not configured (set {var} to run it)");
    None
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub dir: Arc<tempfile::TempDir>,
    pub state: AppState,
    shutdown: CancellationToken,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_with(|_| {}, ModelRegistry::builtin()).await
    }

    pub async fn start_with(tweak: impl FnOnce(&mut Config), models: ModelRegistry) -> Self {
        let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
        Self::start_in(dir, tweak, models).await
    }

    /// Start on an existing data dir (restart scenarios).
    pub async fn start_in(dir: Arc<tempfile::TempDir>, tweak: impl FnOnce(&mut Config), models: ModelRegistry) -> Self {
        let mut config = Config::for_data_dir(dir.path());
        // Long enough that a loaded CI machine never loses a live job to lease recovery.
        config.jobs.lease = Duration::from_secs(10);
        tweak(&mut config);
        let state = AppState::build(config, models).await.expect("app state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(kino::serve(state.clone(), listener, shutdown.clone()));
        Self { base, client: reqwest::Client::new(), dir, state, shutdown, server }
    }

    /// Stop like SIGTERM does, and wait for the server to finish.
    pub async fn stop(self) -> Arc<tempfile::TempDir> {
        self.shutdown.cancel();
        self.server.await.expect("join").expect("serve");
        self.dir
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).header("authorization", KEY).send().await.expect("request")
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.client.delete(self.url(path)).header("authorization", KEY).send().await.expect("request")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client.post(self.url(path)).header("authorization", KEY).json(body).send().await.expect("request")
    }

    /// Create a video and return its JSON (asserting 200).
    pub async fn create(&self, body: Value) -> Value {
        let resp = self.post_json("/v1/videos", &body).await;
        assert_eq!(resp.status(), 200, "create {body}");
        resp.json().await.expect("json")
    }

    pub async fn create_prompt(&self, prompt: &str) -> String {
        self.create(json!({"prompt": prompt})).await["id"].as_str().expect("id").to_string()
    }

    pub async fn video(&self, id: &str) -> Value {
        self.get(&format!("/v1/videos/{id}")).await.json().await.expect("json")
    }

    /// Poll until `done(video)` holds, failing after `timeout`.
    pub async fn wait_for(&self, id: &str, timeout: Duration, done: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        loop {
            let v = self.video(id).await;
            if done(&v) {
                return v;
            }
            assert!(start.elapsed() < timeout, "timed out waiting on {id}: {v}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn wait_terminal(&self, id: &str) -> Value {
        self.wait_for(id, Duration::from_secs(60), |v| v["status"] == "completed" || v["status"] == "failed").await
    }
}

/// Assert the OpenAI error envelope and return its `error` object.
pub async fn error_of(resp: reqwest::Response, status: u16) -> Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    assert!(resp.headers().contains_key("x-request-id"), "x-request-id on errors too");
    let body: Value = resp.json().await.expect("error body is JSON");
    let err = body["error"].clone();
    for key in ["message", "type", "param", "code"] {
        assert!(err.get(key).is_some(), "error envelope lacks {key}: {body}");
    }
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));
    err
}

/// An engine that waits at the gate (cancellable) before rendering with the preview engine:
/// lets tests hold a job `in_progress`.
#[derive(Default)]
pub struct GateEngine {
    pub open: AtomicBool,
    pub started: AtomicU32,
    pub cancelled: AtomicU32,
}

impl GateEngine {
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

impl Engine for GateEngine {
    fn name(&self) -> &str {
        "gate"
    }

    fn render(
        &self,
        spec: &GenerationSpec,
        sink: &mut dyn FrameSink,
        control: &RenderControl,
    ) -> Result<(), EngineError> {
        self.started.fetch_add(1, Ordering::SeqCst);
        control.set_total(100);
        control.advance(10);
        while !self.open.load(Ordering::SeqCst) {
            if control.is_cancelled() {
                self.cancelled.fetch_add(1, Ordering::SeqCst);
                return Err(EngineError::Cancelled);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        kino_preview::PreviewEngine::new().render(spec, sink, control)
    }
}

/// An engine that fails every render with the given error.
pub struct FailEngine {
    pub retryable: bool,
    pub calls: AtomicU32,
}

impl Engine for FailEngine {
    fn name(&self) -> &str {
        "fail"
    }

    fn render(&self, _: &GenerationSpec, _: &mut dyn FrameSink, _: &RenderControl) -> Result<(), EngineError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if self.retryable {
            Err(EngineError::Retryable("simulated out-of-memory".into()))
        } else {
            Err(EngineError::fatal("moderation_blocked", "The prompt was rejected by the test engine."))
        }
    }
}

/// A short clip of a magenta disc moving over a plain grey backdrop.
pub fn subject_clip(dir: &std::path::Path, w: u32, h: u32) -> Vec<u8> {
    let path = dir.join(format!("subject-{w}x{h}.mp4"));
    let settings = kino_media::EncodeSettings::new(w, h, 24).with_expected_frames(72);
    kino_media::encode_clip(&settings, &path, |sink: &mut dyn kino_engine::FrameSink| {
        for i in 0..72u32 {
            let cx = 200.0 + i as f32 * 3.0;
            let mut px = Vec::with_capacity((w * h * 4) as usize);
            for y in 0..h {
                for x in 0..w {
                    let (dx, dy) = (x as f32 - cx, y as f32 - h as f32 / 2.0);
                    if dx * dx + dy * dy < (h as f32 / 5.0).powi(2) {
                        px.extend_from_slice(&[220, 30, 200, 255]);
                    } else {
                        px.extend_from_slice(&[128, 128, 128, 255]);
                    }
                }
            }
            sink.video_frame(kino_engine::VideoFrame::new(w, h, px))?;
            sink.audio(&vec![0.0; 4000])?;
        }
        Ok::<(), kino_engine::EngineError>(())
    })
    .unwrap();
    std::fs::read(path).unwrap()
}
