//! `poll`: a polling storm. 500 clients each poll one of two rendering videos the way the
//! SDKs do (`GET`, then wait what `openai-poll-after-ms` says), on a server running two
//! renders. Reports the polls' latency and how much longer the renders took than the same
//! two renders on an idle server (same process, same settings, one after the other).
//!
//! With `--cores split` (the default) the server and its renders run on core 0 and the
//! clients in a child process on core 1, in both rounds: what slows the renders is then the
//! server's own work for the polls, as with clients on other machines. `--cores shared`
//! runs the clients in-process on both cores, their own CPU use included.
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::json;

use crate::api::InProcess;
use crate::db::percentile;

const AUTH: &str = "Bearer sk-bench";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Cores {
    Split,
    Shared,
}

/// Pin this thread (and so every thread it starts afterwards) to one core. Called before
/// the runtime starts, so all of the process's working threads inherit it.
pub fn pin_to_core(core: usize) -> anyhow::Result<()> {
    // SAFETY: a zeroed cpu_set_t is a valid empty set; the calls only read/write it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(core, &mut set);
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            anyhow::bail!("sched_setaffinity(core {core}): {}", std::io::Error::last_os_error());
        }
    }
    Ok(())
}

pub async fn run(clients: usize, cores: Cores, rounds: usize) -> anyhow::Result<()> {
    let kino = InProcess::start_with(None, |c| c.jobs.workers = 2).await?;
    let client = reqwest::Client::new();
    // Idle and storm rounds alternate, medians compared: this machine's speed drifts by
    // ±20% between runs a minute apart, more than the effect being measured.
    let (mut idle, mut storm, mut latencies) = (Vec::new(), Vec::new(), Vec::new());
    // This process's CPU time per round: with the clients in their own process (`split`),
    // the server's alone. Wall-clock time on a shared machine also counts time the machine
    // gave to others; CPU time counts only work done, so storm minus idle is what the polls
    // cost the server, however busy the machine was.
    let (mut idle_cpu, mut storm_cpu) = (Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        let cpu = cpu_seconds();
        idle.push(renders(&kino.base, &client, 0, cores).await?.0.as_secs_f64());
        idle_cpu.push(cpu_seconds() - cpu);
        let cpu = cpu_seconds();
        let (took, polls) = renders(&kino.base, &client, clients, cores).await?;
        storm_cpu.push(cpu_seconds() - cpu);
        storm.push(took.as_secs_f64());
        latencies.extend(polls);
    }
    kino.stop().await?;
    let n = latencies.len();
    let placement = match cores {
        Cores::Split => "server on core 0, clients on core 1",
        Cores::Shared => "server and clients sharing both cores",
    };
    let show = |v: &[f64]| v.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(", ");
    let rounds_text = format!("idle {} s; storm {} s", show(&idle), show(&storm));
    let (idle, storm) = (percentile(&mut idle, 50.0), percentile(&mut storm, 50.0));
    println!(
        "2 renders (8 s, 1280x720; {placement}), median of {} rounds: idle {idle:.2} s, under {clients} pollers \
         {storm:.2} s ({:+.1}%); {n} polls, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({rounds_text})",
        rounds.max(1),
        (storm / idle - 1.0) * 100.0,
        percentile(&mut latencies, 50.0),
        percentile(&mut latencies, 99.0),
        percentile(&mut latencies, 100.0),
    );
    if cores == Cores::Split {
        let polls_per_round = n as f64 / rounds.max(1) as f64;
        let (ic, sc) = (percentile(&mut idle_cpu, 50.0), percentile(&mut storm_cpu, 50.0));
        println!(
            "server CPU, median of {} rounds: idle {ic:.2} s, storm {sc:.2} s ({:+.1}%): {:.0} µs per poll",
            rounds.max(1),
            (sc / ic - 1.0) * 100.0,
            (sc - ic) / polls_per_round.max(1.0) * 1e6,
        );
    }
    Ok(())
}

/// User and system CPU time of this process so far, in seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes one `rusage` into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// The clients alone (the child process of `--cores split`): poll until every video is
/// done, then print each poll's latency (ms) as one JSON array.
pub async fn clients_main(base: String, ids: Vec<String>, clients: usize) -> anyhow::Result<()> {
    let latencies = poll_until_done(&base, &ids, clients).await?;
    println!("{}", serde_json::to_string(&latencies)?);
    Ok(())
}

/// `pollers` clients, each on its own connection (as separate processes would be), polling
/// `ids` round robin as the SDKs do until the video is finished (no `openai-poll-after-ms`).
async fn poll_until_done(base: &str, ids: &[String], pollers: usize) -> anyhow::Result<Vec<f64>> {
    let mut tasks = Vec::new();
    for n in 0..pollers {
        let c = reqwest::Client::new();
        let url = format!("{base}/v1/videos/{}", ids[n % ids.len()]);
        tasks.push(tokio::spawn(async move {
            // Spread the first polls over one poll interval, as clients arriving would be.
            tokio::time::sleep(Duration::from_millis((n as u64 * 7919) % 500)).await;
            let mut samples = Vec::new();
            loop {
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
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await??);
    }
    Ok(latencies)
}

/// Two renders from creation to both completed, with `pollers` polling them meanwhile;
/// their wall time and every poll's latency (ms).
async fn renders(
    base: &str,
    client: &reqwest::Client,
    pollers: usize,
    cores: Cores,
) -> anyhow::Result<(Duration, Vec<f64>)> {
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
    let storm = match (pollers, cores) {
        (0, _) => None,
        (_, Cores::Shared) => {
            let (base, ids) = (base.to_string(), ids.clone());
            Some(tokio::spawn(async move { poll_until_done(&base, &ids, pollers).await }))
        }
        (_, Cores::Split) => {
            let child = tokio::process::Command::new(std::env::current_exe()?)
                .args(["poll-clients", "--base", base, "--ids", &ids.join(","), "--clients", &pollers.to_string()])
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .context("start the client process")?;
            Some(tokio::spawn(async move {
                let out = child.wait_with_output().await?;
                anyhow::ensure!(out.status.success(), "client process: {}", out.status);
                Ok(serde_json::from_slice::<Vec<f64>>(&out.stdout)?)
            }))
        }
    };
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
    let latencies = match storm {
        Some(task) => task.await??,
        None => Vec::new(),
    };
    Ok((took, latencies))
}
