//! Scale-out for real: 2 API processes (`kino serve --workers 0`) and 3 workers
//! (`kino worker`) on one PostgreSQL database and one S3 bucket. 200 videos are submitted to
//! both APIs; one worker is killed with SIGKILL mid-render and one API is restarted. Every
//! video completes exactly once, each `video.completed` webhook arrives (duplicates only under
//! the same `webhook-id`), and every video downloads byte-identically from either API.
//!
//! Needs `KINO_TEST_DATABASE_URL`, `KINO_TEST_S3_ENDPOINT` and `KINO_TEST_S3_BUCKET` (and the
//! AWS credentials of that server in the environment): `.ci/run` sets them; without them the
//! test says so and passes, except in CI (`CI` set, or `KINO_REQUIRE_SERVICES=1`), where it fails. `KINO_MULTI_PROCESS_JOBS` changes the count (default 200).

use crate::common;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::hooks::{Receiver, verifies};
use crate::common::pg::PgSchema;
use futures::StreamExt;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::{Connection, PgConnection};

const AUTH: &str = "Bearer sk-multi-process";

/// One `kino` child process, its log kept in a file.
struct Proc {
    name: String,
    args: Vec<String>,
    log: PathBuf,
    child: Option<Child>,
}

impl Proc {
    fn spawn(name: &str, args: Vec<String>, logs: &Path) -> Self {
        let mut p = Self { name: name.into(), args, log: logs.join(format!("{name}.log")), child: None };
        p.start();
        p
    }

    fn start(&mut self) {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_kino"))
            .args(&self.args)
            .env("KINO_LOG", "info")
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn kino");
        self.child = Some(child);
    }

    fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// `kill -9`: no shutdown code runs.
    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, and wait for the graceful stop.
    async fn terminate(&mut self) {
        let status = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().expect("kill -TERM");
        assert!(status.success());
        let mut c = self.child.take().expect("running");
        let started = Instant::now();
        loop {
            if c.try_wait().expect("wait").is_some() {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "{} did not stop on SIGTERM", self.name);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Its panics and errors, then its last lines (backtraces left out).
    fn tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| !l.contains("[OpenH264]") && !l.starts_with(' ')).collect();
        let mut out: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.contains("panicked") || l.contains("ERROR") || l.starts_with("Error"))
            .collect();
        out.push("…");
        out.extend(&lines[lines.len().saturating_sub(12)..]);
        out.join("\n")
    }
}

/// Every child dies with the test, whatever happens.
struct Cluster {
    procs: Vec<Proc>,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for p in &self.procs {
                eprintln!("---- {} ({}) ----\n{}", p.name, p.log.display(), p.tail());
            }
        }
        for p in &mut self.procs {
            p.kill();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn wait_ready(client: &reqwest::Client, base: &str) {
    let started = Instant::now();
    loop {
        if let Ok(r) = client.get(format!("{base}/v1/models")).header("authorization", AUTH).send().await
            && r.status().is_success()
        {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{base} did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count(db: &mut PgConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.expect(sql)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_apis_three_workers_a_kill_and_a_restart_lose_nothing() {
    // Skipped (with a note) without both services; failed instead in CI (`common::require`).
    let Some(endpoint) = common::require("S3", "KINO_TEST_S3_ENDPOINT") else { return };
    let Some(bucket) = common::require("S3", "KINO_TEST_S3_BUCKET") else { return };
    let Some(schema) = PgSchema::create().await else { return };
    let jobs: usize = std::env::var("KINO_MULTI_PROCESS_JOBS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let prefix = format!("mp-{}", kino::ids::worker_id().trim_start_matches("wrk_"));
    let receiver = Receiver::start().await;
    let common = |data: &str| -> Vec<String> {
        let data_dir = dir.path().join(data);
        [
            "--database-url",
            &schema.url,
            "--data-dir",
            data_dir.to_str().unwrap(),
            "--object-store",
            &format!("s3://{bucket}/{prefix}"),
            "--s3-endpoint",
            &endpoint,
            "--s3-path-style",
            "--api-keys",
            AUTH.trim_start_matches("Bearer "),
            "--lease",
            "5s",
            "--fetch-allow",
            "127.0.0.1/32",
            "--webhook-retry-base",
            "200ms",
            "--webhook-retry-max",
            "1s",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let ports = [free_port(), free_port()];
    let api = |n: usize| {
        let mut args = vec!["serve".to_string(), "--workers".into(), "0".into(), "--port".into(), ports[n].to_string()];
        args.extend(common(&format!("api{n}")));
        args
    };
    let worker = |n: usize| {
        let mut args = vec!["worker".to_string(), "--workers".into(), "1".into()];
        args.extend(common(&format!("worker{n}")));
        args
    };
    let logs = dir.path();
    let mut cluster = Cluster { procs: Vec::new() };
    cluster.procs.push(Proc::spawn("api0", api(0), logs));
    cluster.procs.push(Proc::spawn("api1", api(1), logs));
    for n in 0..3 {
        cluster.procs.push(Proc::spawn(&format!("worker{n}"), worker(n), logs));
    }
    let bases: Vec<String> = ports.iter().map(|p| format!("http://127.0.0.1:{p}")).collect();
    let client = reqwest::Client::new();
    for base in &bases {
        wait_ready(&client, base).await;
    }
    let hook: Value = client
        .post(format!("{}/v1/webhook_endpoints", bases[0]))
        .header("authorization", AUTH)
        .json(&json!({"name": "multi", "url": receiver.url(), "event_types": ["video.completed", "video.failed"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = hook["signing_secret"].as_str().expect("signing_secret").to_string();
    let started = Instant::now();

    // Submit to both APIs, 16 at a time; kill a worker mid-render and restart an API meanwhile.
    let submit = futures::stream::iter(0..jobs)
        .map(|n| {
            let (client, base) = (client.clone(), bases[n % 2].clone());
            async move {
                let prompt = format!(
                    "a {} {} at {}",
                    ["red", "blue", "green", "golden"][n % 4],
                    ["fox", "car", "kite", "boat", "whale"][n % 5],
                    ["dawn", "noon", "dusk", "night"][n % 4]
                );
                let r = client
                    .post(format!("{base}/v1/videos"))
                    .header("authorization", AUTH)
                    // The smallest clip the preview model renders: the cluster's bookkeeping is
                    // under test here, not the encoder (a 720x1280 clip costs ~5x the CPU).
                    .json(&json!({"model": "kino-preview", "size": "320x180", "prompt": prompt}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200, "create on {base}");
                r.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string()
            }
        })
        .buffer_unordered(16)
        .collect::<Vec<String>>();
    let mut db = PgConnection::connect(&schema.url).await.unwrap();
    let chaos = async {
        // Kill worker0 while it renders: wait until three renders run (one is surely its own).
        let mut killed_at = None;
        while killed_at.is_none() {
            let running = count(&mut db, "SELECT COUNT(*) FROM jobs WHERE status = 'running'").await;
            let done = count(&mut db, "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'").await;
            if running >= 3 && done >= 5 {
                cluster.procs[2].kill();
                killed_at = Some(started.elapsed());
            }
            assert!(started.elapsed() < Duration::from_secs(300), "never saw three renders at once");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // Restart api1 (graceful stop, same port) while jobs are still queued.
        cluster.procs[1].terminate().await;
        cluster.procs[1].start();
        wait_ready(&client, &bases[1]).await;
        killed_at
    };
    let (ids, killed_at) = tokio::join!(submit, chaos);
    assert_eq!(ids.len(), jobs);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), jobs, "ids are unique");

    // Wait for every video to end.
    let mut db = PgConnection::connect(&schema.url).await.unwrap();
    loop {
        let ended = count(&mut db, "SELECT COUNT(*) FROM videos WHERE status IN ('completed', 'failed')").await;
        if ended as usize == jobs {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(900), "only {ended} of {jobs} videos ended");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let rendered_in = started.elapsed();

    // Exactly once: every job succeeded once, one usage row per video, none failed.
    assert_eq!(count(&mut db, "SELECT COUNT(*) FROM videos WHERE status = 'completed'").await as usize, jobs);
    assert_eq!(count(&mut db, "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'").await as usize, jobs);
    assert_eq!(count(&mut db, "SELECT COUNT(*) FROM video_usage").await as usize, jobs);
    let resumed = count(&mut db, "SELECT COUNT(*) FROM jobs WHERE attempt >= 2").await;
    assert!(resumed >= 1, "the SIGKILLed worker's render was resumed by another (attempt 2)");

    // Webhooks: a signed video.completed for every video; a repeat keeps its webhook-id.
    let all = receiver
        .wait_for("every video.completed", Duration::from_secs(120), |got| {
            let mut seen = HashSet::new();
            for r in got {
                let v: Value = serde_json::from_str(&r.body).unwrap();
                if v["type"] == "video.completed" {
                    seen.insert(v["data"]["id"].as_str().unwrap_or_default().to_string());
                }
            }
            seen.len() == jobs
        })
        .await;
    let mut ids_per_video: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &all {
        assert!(verifies(&secret, r), "bad signature on {}", r.id);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["type"], "video.completed", "{v}");
        ids_per_video.entry(v["data"]["id"].as_str().unwrap().to_string()).or_default().insert(r.id.clone());
    }
    assert_eq!(ids_per_video.keys().collect::<HashSet<_>>(), ids.iter().collect::<HashSet<_>>());
    for (video, hook_ids) in &ids_per_video {
        assert_eq!(hook_ids.len(), 1, "{video} was announced under several webhook-ids: {hook_ids:?}");
    }
    let duplicates = all.len() - jobs;

    // Downloads: the same bytes from either API, and an MP4.
    let checks = futures::stream::iter(ids.clone())
        .map(|id| {
            let (client, bases) = (client.clone(), bases.clone());
            async move {
                let mut digests = Vec::new();
                for base in &bases {
                    let r = client
                        .get(format!("{base}/v1/videos/{id}/content"))
                        .header("authorization", AUTH)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), 200, "download {id} from {base}");
                    let bytes = r.bytes().await.unwrap();
                    assert_eq!(&bytes[4..8], b"ftyp", "{id} from {base} is an MP4");
                    digests.push(Sha256::digest(&bytes));
                }
                assert_eq!(digests[0], digests[1], "{id} differs between the APIs");
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<()>>();
    checks.await;

    eprintln!(
        "multi-process: {jobs} videos on 2 APIs + 3 workers in {:.0} s (worker0 killed at {:.0} s, api1 restarted); \
         {resumed} renders resumed after the kill; {} webhook deliveries ({duplicates} repeats, same webhook-id); \
         all downloads identical from both APIs",
        rendered_in.as_secs_f64(),
        killed_at.map_or(0.0, |t| t.as_secs_f64()),
        all.len()
    );
    drop(cluster);
    db.close().await.ok();
    schema.drop_schema().await;
}
