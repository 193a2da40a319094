//! `download`: `GET /v1/videos/{id}/content` against nginx serving the same MP4 (`sendfile
//! on`), both on this machine, the same keep-alive clients, rounds alternating, median.
//! Full downloads with 16 and 100 clients, and 64 KiB ranges (as a player seeks). nginx is
//! Debian's `nginx-light`, installed with apt when missing.
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::api::{InProcess, rps};
use crate::db::percentile;

const AUTH: &str = "Bearer sk-bench";

pub async fn run(clients: usize, duration: Duration) -> anyhow::Result<()> {
    let kino = InProcess::start(None).await?;
    let client = reqwest::Client::new();
    let video: serde_json::Value = client
        .post(format!("{}/v1/videos", kino.base))
        .header("authorization", AUTH)
        .json(&json!({"model": "kino-preview", "prompt": "a red car driving through the rain at dusk", "size": "1280x720", "seconds": "8"}))
        .send()
        .await?
        .json()
        .await?;
    let id = video["id"].as_str().unwrap_or_default().to_string();
    let started = Instant::now();
    loop {
        let v: serde_json::Value = client
            .get(format!("{}/v1/videos/{id}", kino.base))
            .header("authorization", AUTH)
            .send()
            .await?
            .json()
            .await?;
        if v["status"] == "completed" {
            break;
        }
        anyhow::ensure!(v["status"] != "failed" && started.elapsed() < Duration::from_secs(300), "render: {v}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let ours = format!("{}/v1/videos/{id}/content", kino.base);
    let mp4 = client.get(&ours).header("authorization", AUTH).send().await?.bytes().await?;
    let www = tempfile::tempdir()?;
    std::fs::write(www.path().join("video.mp4"), &mp4)?;
    let nginx = Nginx::start(www.path())?;
    let theirs = format!("{}/video.mp4", nginx.base);
    wait_up(&theirs).await?;
    println!("the same {} byte MP4 (8 s, 1280x720) from Kino and from nginx", mp4.len());

    let size = mp4.len() as u64;
    for (label, n, ranged) in [("full", clients, false), ("full", 100, false), ("64 KiB ranges", clients, true)] {
        let (mut k, mut x) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            x.push(rps(&theirs, n, duration, ranged.then_some(size)).await?);
            k.push(rps(&ours, n, duration, ranged.then_some(size)).await?);
        }
        let (k, x) = (percentile(&mut k, 50.0), percentile(&mut x, 50.0));
        println!("{label}, {n} clients: kino {k:.0} req/s, nginx {x:.0} req/s, ratio {:.2}", k / x);
    }
    drop(nginx);
    kino.stop().await
}

struct Nginx {
    base: String,
    child: Child,
    _conf: tempfile::TempDir,
}

impl Nginx {
    fn start(root: &std::path::Path) -> anyhow::Result<Self> {
        if Command::new("nginx").arg("-v").output().is_err() {
            println!("installing nginx-light (apt-get)");
            let ok = Command::new("apt-get")
                .args(["install", "-y", "-qq", "--no-install-recommends", "nginx-light"])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()?;
            anyhow::ensure!(ok.success(), "apt-get install nginx-light failed");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let conf = tempfile::tempdir()?;
        let path = conf.path().join("nginx.conf");
        std::fs::write(
            &path,
            format!(
                "daemon off; worker_processes auto; user root; pid {dir}/nginx.pid; error_log stderr error;\n\
                 events {{ worker_connections 4096; }}\n\
                 http {{ access_log off; sendfile on; keepalive_requests 1000000;\n\
                 types {{ video/mp4 mp4; }}\n\
                 client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir}; uwsgi_temp_path {dir}; scgi_temp_path {dir};\n\
                 server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n",
                dir = conf.path().display(),
                root = root.display()
            ),
        )?;
        let child = Command::new("nginx")
            .args(["-c"])
            .arg(&path)
            .args(["-p"])
            .arg(conf.path())
            .stdout(Stdio::null())
            .spawn()?;
        Ok(Self { base: format!("http://127.0.0.1:{port}"), child, _conf: conf })
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers (SIGKILL would orphan them).
        // SAFETY: kill(2) on our own child's pid; no memory is involved.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

async fn wait_up(url: &str) -> anyhow::Result<()> {
    for _ in 0..100 {
        if reqwest::get(url).await.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("nginx did not come up at {url}")
}
