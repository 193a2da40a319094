//! `api`: the HTTP side of scale-out.
//! - `GET /v1/videos/{id}` requests per second from Kino against a bare axum handler that
//!   returns the same JSON (same machine, same client, rounds alternating).
//! - create→in_progress latency: `POST /v1/videos` answered → the video reads `in_progress`
//!   (a worker claimed it), with the worker in the same process and in another process.
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::db::{BenchDb, percentile};

const KEY: &str = "sk-bench";
const AUTH: &str = "Bearer sk-bench";

/// A Kino server running in this process.
pub struct InProcess {
    pub base: String,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: tempfile::TempDir,
}

impl InProcess {
    pub async fn start(database_url: Option<&str>) -> anyhow::Result<Self> {
        Self::start_with(database_url, |_| {}).await
    }

    pub async fn start_with(database_url: Option<&str>, tweak: impl FnOnce(&mut kino::Config)) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let mut config = kino::Config::for_data_dir(dir.path());
        tweak(&mut config);
        config.storage.database_url = database_url.map(|u| kino::config::DatabaseUrl(u.to_string()));
        // A configured key, as a deployment has (dev mode would add lookups of its own).
        config.auth.api_keys = vec![KEY.to_string()];
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(kino::run(config, listener, shutdown.clone()));
        wait_ready(&base).await?;
        Ok(Self { base, shutdown, task, _dir: dir })
    }

    pub async fn stop(self) -> anyhow::Result<()> {
        self.shutdown.cancel();
        self.task.await??;
        Ok(())
    }
}

/// `kino serve --workers 0` and `kino worker` as two processes on one PostgreSQL database.
pub struct TwoProcesses {
    pub base: String,
    children: Vec<Child>,
    _dir: tempfile::TempDir,
}

impl TwoProcesses {
    pub async fn start(kino_bin: &std::path::Path, database_url: &str) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let spawn = |args: &[&str]| -> anyhow::Result<Child> {
            Ok(Command::new(kino_bin)
                .args(args)
                .args(["--database-url", database_url, "--api-keys", KEY, "--data-dir"])
                .arg(dir.path())
                .env("KINO_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?)
        };
        let api = spawn(&["serve", "--workers", "0", "--port", &port.to_string()])?;
        let worker = spawn(&["worker", "--workers", "1"])?;
        let base = format!("http://127.0.0.1:{port}");
        let me = Self { base, children: vec![api, worker], _dir: dir };
        wait_ready(&me.base).await?;
        Ok(me)
    }
}

impl Drop for TwoProcesses {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub async fn wait_ready(base: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{base}/v1/models")).header("authorization", AUTH).send().await
            && r.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("{base} did not come up")
}

async fn create(client: &reqwest::Client, base: &str, prompt: &str) -> anyhow::Result<Value> {
    let r = client
        .post(format!("{base}/v1/videos"))
        .header("authorization", AUTH)
        .json(&json!({"prompt": prompt}))
        .send()
        .await?;
    anyhow::ensure!(r.status().is_success(), "create: {}", r.status());
    Ok(r.json().await?)
}

async fn get(client: &reqwest::Client, base: &str, id: &str) -> anyhow::Result<Value> {
    let r = client.get(format!("{base}/v1/videos/{id}")).header("authorization", AUTH).send().await?;
    anyhow::ensure!(r.status().is_success(), "get: {}", r.status());
    Ok(r.json().await?)
}

/// create→in_progress, `runs` times, each with an idle worker waiting; milliseconds.
pub async fn claim_latency(base: &str, runs: usize) -> anyhow::Result<Vec<f64>> {
    let client = reqwest::Client::new();
    let mut samples = Vec::with_capacity(runs);
    for n in 0..runs {
        let video = create(&client, base, &format!("a red fox number {n}")).await?;
        let id = video["id"].as_str().unwrap_or_default().to_string();
        let answered = Instant::now();
        loop {
            let v = get(&client, base, &id).await?;
            if v["status"] != "queued" {
                samples.push(answered.elapsed().as_secs_f64() * 1e3);
                break;
            }
            anyhow::ensure!(answered.elapsed() < Duration::from_secs(10), "{id} was never claimed");
        }
        // Stop its render, and give the worker time to go idle again.
        client.delete(format!("{base}/v1/videos/{id}")).header("authorization", AUTH).send().await?;
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    Ok(samples)
}

/// A completed video's id on `base`.
pub async fn completed_video(base: &str) -> anyhow::Result<(String, Value)> {
    let client = reqwest::Client::new();
    let id = create(&client, base, "a lighthouse at dusk").await?["id"].as_str().unwrap_or_default().to_string();
    let started = Instant::now();
    loop {
        let v = get(&client, base, &id).await?;
        if v["status"] == "completed" {
            return Ok((id, v));
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(120), "render did not finish");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A bare axum server answering `GET /v1/videos/{id}` with `body`.
pub async fn bare_server(body: Value) -> anyhow::Result<(String, CancellationToken)> {
    let body = Arc::new(body);
    let app = axum::Router::new().route(
        "/v1/videos/{id}",
        axum::routing::get(move || {
            let body = body.clone();
            async move { axum::Json((*body).clone()) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let stop = CancellationToken::new();
    let stopped = stop.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).with_graceful_shutdown(stopped.cancelled_owned()).await;
    });
    Ok((base, stop))
}

/// Requests per second of `GET {base}/v1/videos/{id}` from `clients` keep-alive clients.
pub async fn get_rps(base: &str, id: &str, clients: usize, duration: Duration) -> anyhow::Result<f64> {
    rps(&format!("{base}/v1/videos/{id}"), clients, duration, None).await
}

/// Requests per second of `GET url` from `clients` keep-alive clients, each reading the
/// whole answer; with `ranged` (the size of the file), a 64 KiB range at a random place.
pub async fn rps(url: &str, clients: usize, duration: Duration, ranged: Option<u64>) -> anyhow::Result<f64> {
    let count = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + duration;
    let mut tasks = Vec::new();
    for n in 0..clients {
        let client = reqwest::Client::new();
        let (url, count) = (url.to_string(), count.clone());
        tasks.push(tokio::spawn(async move {
            let mut seed = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(n as u64 + 1);
            while Instant::now() < deadline {
                let mut req = client.get(&url).header("authorization", AUTH);
                if let Some(size) = ranged {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let start = seed % size.saturating_sub(65_536).max(1);
                    req = req.header("range", format!("bytes={start}-{}", start + 65_535));
                }
                let r = req.send().await?;
                anyhow::ensure!(r.status().is_success(), "GET {url}: {}", r.status());
                r.bytes().await?;
                count.fetch_add(1, Ordering::Relaxed);
            }
            anyhow::Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(count.load(Ordering::Relaxed) as f64 / duration.as_secs_f64())
}

pub struct Latency {
    pub p50: f64,
    pub p99: f64,
}

pub fn summarize(mut samples: Vec<f64>) -> Latency {
    Latency { p50: percentile(&mut samples, 50.0), p99: percentile(&mut samples, 99.0) }
}

/// Everything `api` reports, for the printed table.
pub async fn run_all(
    kino_bin: &std::path::Path,
    pg_admin: Option<&str>,
    runs: usize,
    clients: usize,
    duration: Duration,
) -> anyhow::Result<()> {
    // GET throughput, SQLite in-process (the default setup), rounds alternating with bare axum.
    let kino_server = InProcess::start(None).await?;
    let (id, body) = completed_video(&kino_server.base).await?;
    let (bare_base, bare_stop) = bare_server(body).await?;
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    for _ in 0..3 {
        bare.push(get_rps(&bare_base, &id, clients, duration).await?);
        ours.push(get_rps(&kino_server.base, &id, clients, duration).await?);
    }
    bare_stop.cancel();
    let (ours_rps, bare_rps) = (percentile(&mut ours, 50.0), percentile(&mut bare, 50.0));
    println!(
        "GET /v1/videos/{{id}} ({clients} clients, median of 3 × {:?}): kino {ours_rps:.0} req/s, bare axum {bare_rps:.0} req/s, ratio {:.2}",
        duration,
        ours_rps / bare_rps
    );
    let l = summarize(claim_latency(&kino_server.base, runs).await?);
    println!("create→in_progress, in-process, SQLite: p50 {:.1} ms, p99 {:.1} ms ({runs} runs)", l.p50, l.p99);
    kino_server.stop().await?;

    let Some(admin) = pg_admin else {
        println!("(no --database-url: PostgreSQL rows skipped)");
        return Ok(());
    };
    let db = BenchDb::postgres(admin).await?;
    let server = InProcess::start(Some(&db.url)).await?;
    let l = summarize(claim_latency(&server.base, runs).await?);
    println!("create→in_progress, in-process, PostgreSQL: p50 {:.1} ms, p99 {:.1} ms ({runs} runs)", l.p50, l.p99);
    server.stop().await?;
    db.drop().await?;

    let db = BenchDb::postgres(admin).await?;
    let procs = TwoProcesses::start(kino_bin, &db.url).await?;
    let l = summarize(claim_latency(&procs.base, runs).await?);
    println!(
        "create→in_progress, API and worker processes, PostgreSQL (LISTEN/NOTIFY): p50 {:.1} ms, p99 {:.1} ms ({runs} runs)",
        l.p50, l.p99
    );
    drop(procs);
    db.drop().await?;
    Ok(())
}
