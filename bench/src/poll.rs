//! `poll`: a polling storm. 500 clients each poll one of two rendering videos the way the
//! SDKs do (`GET`, then wait what `openai-poll-after-ms` says), on a server running two
//! renders. Reports the polls' latency and how much longer the renders took than the same
//! two renders on an idle server (same process, same settings, one after the other).
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::api::InProcess;
use crate::db::percentile;

const AUTH: &str = "Bearer sk-bench";

pub async fn run(clients: usize) -> anyhow::Result<()> {
    let kino = InProcess::start_with(None, |c| c.jobs.workers = 2).await?;
    let client = reqwest::Client::new();
    let idle = renders(&kino.base, &client, 0).await?.0;
    let (storm, mut latencies) = renders(&kino.base, &client, clients).await?;
    kino.stop().await?;
    let n = latencies.len();
    println!(
        "2 renders (8 s, 1280x720): idle {:.2} s, under {clients} pollers {:.2} s ({:+.1}%); \
         {n} polls, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        idle.as_secs_f64(),
        storm.as_secs_f64(),
        (storm.as_secs_f64() / idle.as_secs_f64() - 1.0) * 100.0,
        percentile(&mut latencies, 50.0),
        percentile(&mut latencies, 99.0),
        percentile(&mut latencies, 100.0),
    );
    Ok(())
}

/// Two renders from creation to both completed, with `pollers` polling them meanwhile;
/// their wall time and every poll's latency (ms).
async fn renders(base: &str, client: &reqwest::Client, pollers: usize) -> anyhow::Result<(Duration, Vec<f64>)> {
    let started = Instant::now();
    let mut ids = Vec::new();
    for n in 0..2 {
        let body = json!({"model": "kino-preview", "prompt": format!("a red car in the rain, take {n}"), "size": "1280x720", "seconds": "8"});
        let v: serde_json::Value = client
            .post(format!("{base}/v1/videos"))
            .header("authorization", AUTH)
            .json(&body)
            .send()
            .await?
            .json()
            .await?;
        ids.push(v["id"].as_str().unwrap_or_default().to_string());
    }
    let done = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..pollers {
        // Each its own connection, as separate processes would have.
        let c = reqwest::Client::new();
        let url = format!("{base}/v1/videos/{}", ids[n % 2]);
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            // Spread the first polls over one poll interval, as clients arriving would be.
            tokio::time::sleep(Duration::from_millis((n as u64 * 7919) % 500)).await;
            let mut samples = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let t = Instant::now();
                let r = c.get(&url).header("authorization", AUTH).send().await?;
                let wait = r.headers().get("openai-poll-after-ms").and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
                r.bytes().await?;
                samples.push(t.elapsed().as_secs_f64() * 1e3);
                match wait {
                    Some(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
                    None => break, // finished: the SDK stops polling
                }
            }
            anyhow::Ok(samples)
        }));
    }
    loop {
        let mut finished = 0;
        for id in &ids {
            let v: serde_json::Value =
                client.get(format!("{base}/v1/videos/{id}")).header("authorization", AUTH).send().await?.json().await?;
            anyhow::ensure!(v["status"] != "failed", "render failed: {v}");
            finished += usize::from(v["status"] == "completed");
        }
        if finished == ids.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await??);
    }
    Ok((took, latencies))
}
