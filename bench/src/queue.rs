//! `queue`: jobs per second through Kino's job queue with a trivial engine (no render: each
//! worker claims, heartbeats, reports progress and completes, which is every database write a
//! real render makes), against a bare `FOR UPDATE SKIP LOCKED` queue on the same database.
//!
//! `list`: one page of `GET /v1/videos` (the repo query) with 1k and with 1M videos stored.
use std::sync::Arc;
use std::time::Instant;

use kino::repo::{JobQueue, ListOrder, NewJob, SqlRepo, VideoKind, VideoRepo, VideoRow, VideoStatus};
use sqlx::{Connection, Executor};

use crate::db::{BenchDb, percentile};

fn video(project: &str) -> VideoRow {
    VideoRow {
        id: kino::ids::video_id(),
        project_id: project.into(),
        model: "sora-2".into(),
        status: VideoStatus::Queued,
        progress: 0,
        created_at: kino::ids::now_secs(),
        completed_at: None,
        expires_at: None,
        prompt: Some("a red fox".into()),
        size: "720x1280".into(),
        seconds: "4".into(),
        remixed_from_video_id: None,
        error_code: None,
        error_message: None,
        seed: 1,
        asset_prefix: None,
        kind: VideoKind::Create,
        inputs: None,
        lineage: None,
        extensions: 0,
    }
}

pub struct Throughput {
    pub enqueue_per_s: f64,
    pub jobs_per_s: f64,
    /// Mean milliseconds of claim, heartbeat, progress and complete.
    pub step_ms: [f64; 4],
}

/// Enqueue `jobs` through the repo, then drain them with `workers` concurrent workers.
pub async fn ours(db: &BenchDb, jobs: usize, workers: usize) -> anyhow::Result<Throughput> {
    let repo = Arc::new(SqlRepo::open(&db.url).await?);
    let started = Instant::now();
    for _ in 0..jobs {
        let job = NewJob {
            id: kino::ids::job_id(),
            kind: "generate",
            max_attempts: 3,
            request_id: None,
            created_at_ms: kino::ids::now_millis(),
        };
        repo.create_video(&video("proj_default"), &job).await?;
    }
    let enqueue_per_s = jobs as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let repo = repo.clone();
        tasks.push(tokio::spawn(async move {
            let me = format!("bench-{w}");
            let mut done = 0usize;
            let mut spent = [0f64; 4];
            loop {
                let t = Instant::now();
                let Some(c) = repo.claim_job(&me, 30_000, kino::ids::now_millis()).await? else { break };
                spent[0] += t.elapsed().as_secs_f64();
                let t = Instant::now();
                repo.heartbeat(&c.job, kino::ids::now_millis() + 30_000).await?;
                spent[1] += t.elapsed().as_secs_f64();
                let t = Instant::now();
                repo.set_progress(&c.job, 50).await?;
                spent[2] += t.elapsed().as_secs_f64();
                let t = Instant::now();
                anyhow::ensure!(repo.complete_job(&c.job, "videos/x/a1", kino::ids::now_secs(), None).await?);
                spent[3] += t.elapsed().as_secs_f64();
                done += 1;
            }
            anyhow::Ok((done, spent))
        }));
    }
    let mut done = 0;
    let mut spent = [0f64; 4];
    for t in tasks {
        let (n, s) = t.await??;
        done += n;
        for (total, step) in spent.iter_mut().zip(s) {
            *total += step;
        }
    }
    anyhow::ensure!(done == jobs, "drained {done} of {jobs}");
    let jobs_per_s = jobs as f64 / started.elapsed().as_secs_f64();
    repo.close().await;
    Ok(Throughput { enqueue_per_s, jobs_per_s, step_ms: spent.map(|s| s * 1e3 / jobs as f64) })
}

/// The textbook PostgreSQL queue: one table, one autocommit `UPDATE … SKIP LOCKED` per job.
pub async fn bare(db: &BenchDb, jobs: usize, workers: usize) -> anyhow::Result<f64> {
    let mut conn = sqlx::PgConnection::connect(&db.url).await?;
    conn.execute("CREATE TABLE bare_queue (id BIGSERIAL PRIMARY KEY, state TEXT NOT NULL, owner TEXT)").await?;
    sqlx::query("INSERT INTO bare_queue (state) SELECT 'ready' FROM generate_series(1, $1)")
        .bind(jobs as i64)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let url = db.url.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = sqlx::PgConnection::connect(&url).await?;
            let me = format!("bare-{w}");
            let mut done = 0usize;
            loop {
                let row: Option<i64> = sqlx::query_scalar(
                    "UPDATE bare_queue SET state = 'done', owner = $1 WHERE id = (SELECT id FROM bare_queue \
                     WHERE state = 'ready' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
                )
                .bind(&me)
                .fetch_optional(&mut conn)
                .await?;
                if row.is_none() {
                    break;
                }
                done += 1;
            }
            anyhow::Ok(done)
        }));
    }
    let mut done = 0;
    for t in tasks {
        done += t.await??;
    }
    anyhow::ensure!(done == jobs, "bare queue drained {done} of {jobs}");
    Ok(jobs as f64 / started.elapsed().as_secs_f64())
}

/// Insert `count` completed videos of project `proj_bench` in bulk (ids ascending), in SQL.
async fn fill(db: &BenchDb, from: i64, count: i64) -> anyhow::Result<()> {
    let columns = "id, project_id, model, status, progress, created_at, size, seconds, seed, prompt";
    let sql = if db.backend == "postgres" {
        format!(
            "INSERT INTO videos ({columns}) SELECT 'video_' || lpad(to_hex(g), 16, '0'), \
             CASE WHEN g % 10 = 0 THEN 'proj_other' ELSE 'proj_bench' END, 'sora-2', 'completed', 100, \
             1763800000, '720x1280', '4', g, 'a red fox' FROM generate_series({from}, {}) g",
            from + count - 1
        )
    } else {
        format!(
            "WITH RECURSIVE g(x) AS (SELECT {from} UNION ALL SELECT x + 1 FROM g WHERE x < {}) \
             INSERT INTO videos ({columns}) SELECT printf('video_%016x', x), \
             CASE WHEN x % 10 = 0 THEN 'proj_other' ELSE 'proj_bench' END, 'sora-2', 'completed', 100, \
             1763800000, '720x1280', '4', x, 'a red fox' FROM g",
            from + count - 1
        )
    };
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&db.url).await?;
    conn.execute(sqlx::AssertSqlSafe(sql)).await?;
    if db.backend == "postgres" {
        conn.execute("ANALYZE videos").await?;
    }
    conn.close().await?;
    Ok(())
}

pub struct PageTimes {
    pub first_p50_ms: f64,
    pub middle_p50_ms: f64,
    pub desc_p50_ms: f64,
}

/// p50 of listing one page of 20: the first page, a page after a cursor half-way in, and
/// the newest first.
async fn page_times(repo: &SqlRepo, middle_cursor: &str, runs: usize) -> anyhow::Result<PageTimes> {
    let mut first = Vec::new();
    let mut middle = Vec::new();
    let mut desc = Vec::new();
    let now = kino::ids::now_secs();
    for _ in 0..runs {
        let t = Instant::now();
        let (page, _) = repo.list_videos("proj_bench", None, 20, ListOrder::Asc, now).await?;
        first.push(t.elapsed().as_secs_f64() * 1e3);
        anyhow::ensure!(page.len() == 20);
        let t = Instant::now();
        let (page, _) = repo.list_videos("proj_bench", Some(middle_cursor), 20, ListOrder::Asc, now).await?;
        middle.push(t.elapsed().as_secs_f64() * 1e3);
        anyhow::ensure!(page.len() == 20);
        let t = Instant::now();
        repo.list_videos("proj_bench", None, 20, ListOrder::Desc, now).await?;
        desc.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(PageTimes {
        first_p50_ms: percentile(&mut first, 50.0),
        middle_p50_ms: percentile(&mut middle, 50.0),
        desc_p50_ms: percentile(&mut desc, 50.0),
    })
}

/// Page latency with `small` videos stored, then with `large`.
pub async fn list(db: &BenchDb, small: i64, large: i64, runs: usize) -> anyhow::Result<(PageTimes, PageTimes)> {
    let repo = SqlRepo::open(&db.url).await?;
    fill(db, 1, small).await?;
    let cursor = |n: i64| format!("video_{:016x}", n / 2 + 1);
    let at_small = page_times(&repo, &cursor(small), runs).await?;
    fill(db, small + 1, large - small).await?;
    let at_large = page_times(&repo, &cursor(large), runs).await?;
    repo.close().await;
    Ok((at_small, at_large))
}
