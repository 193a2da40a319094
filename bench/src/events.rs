//! `events`: what idle event-stream subscribers cost the server. Starts `kino serve` (the
//! release binary, SQLite) as its own process, reads its resident memory, opens N streams of
//! the project's videos (`GET /v1/videos/events`, each on its own connection, its response
//! head read), and reads the memory again. The client is this process: its own memory is
//! not counted.
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const KEY: &str = "sk-bench";

pub async fn run(kino_bin: &std::path::Path, subscribers: usize) -> anyhow::Result<()> {
    // The reference: as many idle keep-alive connections that made one plain request.
    let idle = measure(kino_bin, subscribers, "/healthz").await?;
    let streams = measure(kino_bin, subscribers, "/v1/videos/events").await?;
    println!(
        "{subscribers} idle keep-alive connections after GET /healthz: +{:.1} MiB ({:.1} KiB each)",
        idle as f64 / 1024.0,
        idle as f64 / subscribers as f64
    );
    println!(
        "{subscribers} idle subscribers of GET /v1/videos/events: +{:.1} MiB ({:.1} KiB each, {:.1} KiB more than \
         an idle connection)",
        streams as f64 / 1024.0,
        streams as f64 / subscribers as f64,
        (streams as f64 - idle as f64) / subscribers as f64
    );
    Ok(())
}

/// Server RSS growth (KiB) for `n` connections that each requested `path` and stay open.
async fn measure(kino_bin: &std::path::Path, subscribers: usize, path: &str) -> anyhow::Result<u64> {
    let server = Server::start(kino_bin).await?;
    let addr = server.addr.clone();
    // Warm the server up the way the streams will use it.
    for _ in 0..20 {
        open(&addr, path).await?.shutdown().await?;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_kib(server.child.id())?;

    let started = Instant::now();
    let mut streams = Vec::with_capacity(subscribers);
    for _ in 0..subscribers {
        streams.push(open(&addr, path).await?);
    }
    let opened = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_kib(server.child.id())?;
    let delta = after.saturating_sub(before);
    println!(
        "GET {path}: {subscribers} connections opened in {:.2} s, server RSS {:.1} MiB -> {:.1} MiB",
        opened.as_secs_f64(),
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );
    drop(streams);
    Ok(delta)
}

/// `kino serve` (SQLite, a configured key) in a temp data dir, as its own process.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(kino_bin: &std::path::Path) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new(kino_bin)
            .args(["serve", "--port", &port.to_string(), "--api-keys", KEY, "--data-dir"])
            .arg(dir.path())
            .env("KINO_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let server = Self { child, addr: format!("127.0.0.1:{port}"), _dir: dir };
        crate::api::wait_ready(&format!("http://{}", server.addr)).await?;
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One keep-alive request of `path`, its response head read (the connection stays open; a
/// stream stays open on the server too).
async fn open(addr: &str, path: &str) -> anyhow::Result<TcpStream> {
    let mut s = TcpStream::connect(addr).await?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {KEY}\r\nAccept: text/event-stream\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut buf).await?;
        anyhow::ensure!(n > 0, "stream closed before its head");
        head.extend_from_slice(&buf[..n]);
    }
    anyhow::ensure!(head.starts_with(b"HTTP/1.1 200"), "stream refused: {}", String::from_utf8_lossy(&head));
    Ok(s)
}

/// Resident memory of `pid`, KiB.
fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).ok_or_else(|| anyhow::anyhow!("no VmRSS"))?;
    Ok(line.split_whitespace().nth(1).unwrap_or("0").parse()?)
}

/// `memory`: the server's resident memory under load — `downloads` full downloads of an 8 s
/// 1280x720 MP4 in flight (clients that read slowly: 10 ms after each chunk of 16 KiB or more)
/// while `subscribers`
/// idle event streams stay open. Reports the largest `VmRSS` sampled every 50 ms during the
/// load (the render that made the video is over before the load starts).
pub async fn under_load(kino_bin: &std::path::Path, downloads: usize, subscribers: usize) -> anyhow::Result<()> {
    let server = Server::start(kino_bin).await?;
    let addr = server.addr.clone();
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();
    let body = serde_json::json!({"model": "kino-preview", "prompt": "a red car in the rain", "size": "1280x720", "seconds": "8"});
    let v: serde_json::Value = client
        .post(format!("{base}/v1/videos"))
        .header("authorization", format!("Bearer {KEY}"))
        .json(&body)
        .send()
        .await?
        .json()
        .await?;
    let id = v["id"].as_str().unwrap_or_default().to_string();
    loop {
        let v: serde_json::Value = client
            .get(format!("{base}/v1/videos/{id}"))
            .header("authorization", format!("Bearer {KEY}"))
            .send()
            .await?
            .json()
            .await?;
        anyhow::ensure!(v["status"] != "failed", "render failed");
        if v["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let pid = server.child.id();
    let idle = rss_kib(pid)?;
    let mut streams = Vec::with_capacity(subscribers);
    for _ in 0..subscribers {
        streams.push(open(&addr, "/v1/videos/events").await?);
    }
    let with_streams = rss_kib(pid)?;
    let url = format!("{base}/v1/videos/{id}/content");
    let mut tasks = Vec::new();
    for _ in 0..downloads {
        let (client, url) = (reqwest::Client::new(), url.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..3 {
                let mut r = client.get(&url).header("authorization", format!("Bearer {KEY}")).send().await?;
                while let Some(chunk) = r.chunk().await? {
                    if chunk.len() >= 16 * 1024 {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                }
            }
            anyhow::Ok(())
        }));
    }
    let mut peak = with_streams;
    while !tasks.iter().all(|t| t.is_finished()) {
        peak = peak.max(rss_kib(pid)?);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for t in tasks {
        t.await??;
    }
    println!(
        "server RSS: {:.1} MiB idle, {:.1} MiB with {subscribers} idle subscribers, peak {:.1} MiB with {downloads} \
         downloads in flight as well",
        idle as f64 / 1024.0,
        with_streams as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    drop(streams);
    Ok(())
}
