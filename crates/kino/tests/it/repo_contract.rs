//! The repo contract, run against every backend: SQLite always, PostgreSQL too when
//! `KINO_TEST_DATABASE_URL` is set (`.ci/run` sets it; in CI a missing one fails every test
//! here, see `common::require`). Each PostgreSQL test gets a schema
//! of its own, so tests run side by side on one database.

use std::collections::HashSet;
use std::sync::Arc;

use crate::common::pg::PgSchema;
use futures::StreamExt;
use kino::ids;
use kino::repo::{
    ApiKeyRow, AttemptRecord, BatchFinish, BatchRepo, BatchRow, BatchStatus, CharacterRepo, CharacterRow,
    DeliveryOutcome, FileRepo, FileRow, JobQueue, ListOrder, NewBatchLine, NewJob, Notice, ProjectRepo, Repo,
    RequestCounts, SqlRepo, UsageFilter, UsageGroup, UsageRepo, VideoKind, VideoRepo, VideoRow, VideoStatus,
    WebhookEndpointRow, WebhookRepo,
};

struct Backend {
    name: &'static str,
    repo: Arc<SqlRepo>,
    /// Opens another handle on the same database (another process, as far as it knows).
    url: String,
    _dir: Option<tempfile::TempDir>,
    schema: Option<PgSchema>,
}

impl Backend {
    async fn drop_schema(self) {
        self.repo.close().await;
        if let Some(schema) = self.schema {
            schema.drop_schema().await;
        }
    }
}

/// SQLite in a temp dir, and PostgreSQL in a fresh schema when configured.
async fn backends() -> Vec<Backend> {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("kino.sqlite").display());
    let repo = Arc::new(SqlRepo::open(&url).await.expect("open sqlite"));
    let mut out = vec![Backend { name: "sqlite", repo, url, _dir: Some(dir), schema: None }];
    // Without KINO_TEST_DATABASE_URL: SQLite only, with a note (a failure in CI).
    if let Some(schema) = PgSchema::create().await {
        let repo = Arc::new(SqlRepo::open(&schema.url).await.expect("open postgres"));
        out.push(Backend { name: "postgres", repo, url: schema.url.clone(), _dir: None, schema: Some(schema) });
    }
    out
}

fn video(project: &str, now: i64) -> VideoRow {
    VideoRow {
        id: ids::video_id(),
        project_id: project.to_string(),
        model: "sora-2".into(),
        status: VideoStatus::Queued,
        progress: 0,
        created_at: now,
        completed_at: None,
        expires_at: None,
        prompt: Some("a red fox".into()),
        size: "720x1280".into(),
        seconds: "4".into(),
        remixed_from_video_id: None,
        error_code: None,
        error_message: None,
        seed: 7,
        asset_prefix: None,
        kind: VideoKind::Create,
        inputs: None,
        lineage: None,
        extensions: 0,
    }
}

fn job(now_ms: i64, max_attempts: u32) -> NewJob {
    NewJob {
        id: ids::job_id(),
        kind: "generate",
        max_attempts,
        request_id: Some(ids::request_id()),
        created_at_ms: now_ms,
    }
}

async fn enqueue(repo: &SqlRepo, project: &str) -> VideoRow {
    let v = video(project, ids::now_secs());
    repo.create_video(&v, &job(ids::now_millis(), 3)).await.expect("create");
    v
}

#[tokio::test]
async fn videos_page_by_id_both_ways_and_hide_other_projects() {
    for b in backends().await {
        let repo = &b.repo;
        let mut ids_made = Vec::new();
        for _ in 0..5 {
            ids_made.push(enqueue(repo, "proj_a").await.id);
        }
        enqueue(repo, "proj_b").await;
        let (page, more) = repo.list_videos("proj_a", None, 2, ListOrder::Asc, ids::now_secs()).await.unwrap();
        assert!(more, "{}", b.name);
        assert_eq!(page.iter().map(|v| v.id.clone()).collect::<Vec<_>>(), ids_made[..2], "{}", b.name);
        let (rest, more) =
            repo.list_videos("proj_a", Some(&page[1].id), 10, ListOrder::Asc, ids::now_secs()).await.unwrap();
        assert!(!more, "{}", b.name);
        assert_eq!(rest.iter().map(|v| v.id.clone()).collect::<Vec<_>>(), ids_made[2..], "{}", b.name);
        let (desc, _) = repo.list_videos("proj_a", None, 10, ListOrder::Desc, ids::now_secs()).await.unwrap();
        let mut reversed = ids_made.clone();
        reversed.reverse();
        assert_eq!(desc.iter().map(|v| v.id.clone()).collect::<Vec<_>>(), reversed, "{}", b.name);
        assert!(repo.get_video("proj_b", &ids_made[0], ids::now_secs()).await.unwrap().is_none(), "{}", b.name);
        let got = repo.get_video("proj_a", &ids_made[0], ids::now_secs()).await.unwrap().expect("row");
        assert_eq!(got.prompt.as_deref(), Some("a red fox"), "{}", b.name);
        assert_eq!(got.kind, VideoKind::Create, "{}", b.name);
        // Delete takes the job with it: nothing is left to claim for that video.
        assert!(repo.delete_video("proj_a", &ids_made[0]).await.unwrap().is_some(), "{}", b.name);
        assert!(repo.delete_video("proj_a", &ids_made[0]).await.unwrap().is_none(), "{}", b.name);
        assert_eq!(repo.queue_depth().await.unwrap(), 5, "{}", b.name);
        b.drop_schema().await;
    }
}

#[tokio::test]
async fn claims_are_fenced_by_attempt_and_completion_records_usage_and_event_once() {
    for b in backends().await {
        let repo = &b.repo;
        let v = enqueue(repo, "proj_default").await;
        let now = ids::now_millis();
        let claimed = repo.claim_job("w1", 60_000, now).await.unwrap().expect("a job");
        assert_eq!(claimed.video.id, v.id, "{}", b.name);
        assert_eq!(claimed.video.status, VideoStatus::InProgress, "{}", b.name);
        assert_eq!(claimed.job.attempt, 1, "{}", b.name);
        assert!(repo.claim_job("w2", 60_000, now).await.unwrap().is_none(), "{}: claimed twice", b.name);
        assert!(repo.heartbeat(&claimed.job, now + 90_000).await.unwrap(), "{}", b.name);
        repo.set_progress(&claimed.job, 40).await.unwrap();
        repo.set_progress(&claimed.job, 30).await.unwrap(); // never backwards
        let row = repo.get_video("proj_default", &v.id, ids::now_secs()).await.unwrap().unwrap();
        assert_eq!(row.progress, 40, "{}", b.name);

        // Its lease runs out: the sweeper requeues it and another worker takes attempt 2.
        let reclaimed = repo.reclaim_expired(now + 100_000, now).await.unwrap();
        assert_eq!(reclaimed.len(), 1, "{}", b.name);
        assert!(reclaimed[0].requeued, "{}", b.name);
        let second = repo.claim_job("w2", 60_000, now).await.unwrap().expect("requeued");
        assert_eq!(second.job.attempt, 2, "{}", b.name);
        // The first worker comes back: everything it tries is refused.
        assert!(!repo.heartbeat(&claimed.job, now + 120_000).await.unwrap(), "{}", b.name);
        assert!(!repo.complete_job(&claimed.job, "videos/x/a1", 1, None).await.unwrap(), "{}", b.name);
        assert!(!repo.fail_job(&claimed.job, "x", "y", 1).await.unwrap(), "{}", b.name);
        assert!(repo.complete_job(&second.job, "videos/x/a2", ids::now_secs(), None).await.unwrap(), "{}", b.name);
        assert!(!repo.complete_job(&second.job, "videos/x/a2", ids::now_secs(), None).await.unwrap(), "{}", b.name);
        let done = repo.get_video("proj_default", &v.id, ids::now_secs()).await.unwrap().unwrap();
        assert_eq!(done.status, VideoStatus::Completed, "{}", b.name);
        assert_eq!(done.asset_prefix.as_deref(), Some("videos/x/a2"), "{}", b.name);
        assert_eq!(done.progress, 100, "{}", b.name);
        let usage = repo.usage(&UsageFilter::default(), &[UsageGroup::Day, UsageGroup::Model]).await.unwrap();
        assert_eq!(usage.len(), 1, "{}: {usage:?}", b.name);
        assert_eq!(usage[0].videos, 1, "{}", b.name);
        assert_eq!(usage[0].seconds, 4, "{}", b.name);
        assert_eq!(usage[0].model.as_deref(), Some("sora-2"), "{}", b.name);
        assert_eq!(usage[0].day.as_deref(), Some(kino::usage::dates::day_of(ids::now_secs()).as_str()), "{}", b.name);
        assert_eq!(usage[0].batch, None, "{}", b.name);
        assert!(usage[0].cost_micro_usd > 0, "{}", b.name);
        b.drop_schema().await;
    }
}

#[tokio::test]
async fn interrupted_too_often_fails_visibly_and_release_does_not_count() {
    for b in backends().await {
        let repo = &b.repo;
        let v = video("proj_default", ids::now_secs());
        repo.create_video(&v, &job(ids::now_millis(), 1)).await.unwrap();
        let now = ids::now_millis();
        let c = repo.claim_job("w1", 1_000, now).await.unwrap().unwrap();
        // Shutdown hands it back: the attempt is not spent.
        assert!(repo.release_job(&c.job).await.unwrap(), "{}", b.name);
        let now = ids::now_millis();
        let c = repo.claim_job("w1", 1_000, now).await.unwrap().unwrap();
        assert_eq!(c.job.attempt, 1, "{}", b.name);
        let reclaimed = repo.reclaim_expired(now + 5_000, now).await.unwrap();
        assert_eq!(reclaimed.len(), 1, "{}", b.name);
        assert!(!reclaimed[0].requeued, "{}", b.name);
        let row = repo.get_video("proj_default", &v.id, ids::now_secs()).await.unwrap().unwrap();
        assert_eq!(row.status, VideoStatus::Failed, "{}", b.name);
        assert_eq!(row.error_code.as_deref(), Some("worker_lost"), "{}", b.name);
        b.drop_schema().await;
    }
}

/// Many claimers at once (on PostgreSQL: many connections, `SKIP LOCKED`): every job is
/// claimed exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claimers_take_each_job_exactly_once() {
    for b in backends().await {
        let jobs = 60;
        for _ in 0..jobs {
            enqueue(&b.repo, "proj_default").await;
        }
        let mut tasks = Vec::new();
        for w in 0..6 {
            let repo = b.repo.clone();
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(c) = repo.claim_job(&format!("w{w}"), 60_000, ids::now_millis()).await.unwrap() {
                    assert!(repo.complete_job(&c.job, "p", ids::now_secs(), None).await.unwrap());
                    mine.push(c.video.id);
                }
                mine
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        let distinct: HashSet<_> = all.iter().collect();
        assert_eq!(all.len(), jobs, "{}", b.name);
        assert_eq!(distinct.len(), jobs, "{}", b.name);
        assert_eq!(repo_usage_count(&b.repo).await, jobs as i64, "{}", b.name);
        b.drop_schema().await;
    }
}

async fn repo_usage_count(repo: &SqlRepo) -> i64 {
    repo.usage(&UsageFilter::default(), &[]).await.unwrap().first().map_or(0, |u| u.videos)
}

#[tokio::test]
async fn files_list_by_purpose_and_expire() {
    for b in backends().await {
        let repo = &b.repo;
        let now = ids::now_secs();
        let mk = |purpose: &str, expires_at: Option<i64>| FileRow {
            id: ids::file_id(),
            project_id: "proj_default".into(),
            filename: "a.jsonl".into(),
            purpose: purpose.into(),
            bytes: 10,
            created_at: now,
            expires_at,
        };
        let a = mk("batch", None);
        let c = mk("user_data", None);
        let gone = mk("batch", Some(now - 1));
        for f in [&a, &c, &gone] {
            repo.create_file(f).await.unwrap();
        }
        let (batch, _) = repo.list_files("proj_default", Some("batch"), None, 10, ListOrder::Asc, now).await.unwrap();
        assert_eq!(batch, vec![a.clone()], "{}", b.name);
        assert!(repo.get_file("proj_default", &gone.id, now).await.unwrap().is_none(), "{}", b.name);
        assert_eq!(repo.expired_files(now, 10).await.unwrap(), vec![gone.clone()], "{}", b.name);
        assert_eq!(repo.delete_file("proj_default", &c.id).await.unwrap(), Some(c.clone()), "{}", b.name);
        b.drop_schema().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn keys_projects_and_rate_windows_hold_under_concurrency() {
    for b in backends().await {
        let repo = &b.repo;
        let p = repo.ensure_project("acme", 2).await.unwrap();
        assert_eq!(repo.ensure_project("acme", 5).await.unwrap(), p, "{}: ensure is idempotent", b.name);
        repo.set_budget(&p.id, Some(12.5)).await.unwrap();
        let key = ApiKeyRow {
            id: ids::key_id(),
            project_id: p.id.clone(),
            digest: vec![1, 2, 3, 250],
            prefix: "sk-kino-abcd".into(),
            created_at: ids::now_secs(),
            revoked_at: None,
        };
        assert!(!repo.any_keys().await.unwrap(), "{}", b.name);
        repo.create_key(&key).await.unwrap();
        let (k, proj) = repo.key_by_digest(&[1, 2, 3, 250]).await.unwrap().expect("key");
        assert_eq!(k, key, "{}", b.name);
        assert_eq!(proj.monthly_budget_usd, Some(12.5), "{}", b.name);
        assert_eq!(repo.revoke_key("sk-kino-abcd", ids::now_secs()).await.unwrap(), 1, "{}", b.name);
        assert!(repo.key_by_digest(&[1, 2, 3, 250]).await.unwrap().is_none(), "{}", b.name);
        assert!(repo.any_keys().await.unwrap(), "{}", b.name);

        // 30 requests race for a window of 7: exactly 7 get in.
        let mut tasks = Vec::new();
        for _ in 0..30 {
            let repo = b.repo.clone();
            let project = p.id.clone();
            tasks.push(tokio::spawn(async move { repo.count_request(&project, "sora-2", 600, 7).await.unwrap().0 }));
        }
        let mut admitted = 0;
        for t in tasks {
            admitted += usize::from(t.await.unwrap());
        }
        assert_eq!(admitted, 7, "{}", b.name);
        assert_eq!(repo.requests_in_window(&p.id, "sora-2", 600).await.unwrap(), 7, "{}", b.name);
        // A new window starts from zero and drops the old one.
        assert_eq!(repo.count_request(&p.id, "sora-2", 660, 7).await.unwrap(), (true, 1), "{}", b.name);
        assert_eq!(repo.requests_in_window(&p.id, "sora-2", 600).await.unwrap(), 0, "{}", b.name);

        let spend = repo.month_spend(&p.id, ids::now_secs()).await.unwrap().expect("budget");
        assert_eq!(spend.budget_micro_usd, 12_500_000, "{}", b.name);
        assert_eq!(spend.spent_micro_usd, 0, "{}", b.name);
        b.drop_schema().await;
    }
}

fn endpoint(project: &str) -> WebhookEndpointRow {
    let now = ids::now_secs();
    WebhookEndpointRow {
        id: ids::webhook_endpoint_id(),
        project_id: project.into(),
        name: "hook".into(),
        url: "https://example.com/hook".into(),
        event_types: vec!["video.completed".into(), "video.failed".into()],
        secret: "whsec_c2VjcmV0".into(),
        old_secret: None,
        old_secret_expires_at: None,
        created_at: now,
        updated_at: now,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn events_fan_out_to_deliveries_leased_to_one_sender_at_a_time() {
    for b in backends().await {
        let repo = &b.repo;
        let (e1, e2) = (endpoint("proj_default"), endpoint("proj_default"));
        repo.create_webhook(&e1).await.unwrap();
        repo.create_webhook(&e2).await.unwrap();
        assert_eq!(repo.get_webhook("proj_default", &e1.id).await.unwrap(), Some(e1.clone()), "{}", b.name);
        for _ in 0..5 {
            let v = enqueue(repo, "proj_default").await;
            let c = repo.claim_job("w", 60_000, ids::now_millis()).await.unwrap().unwrap();
            assert_eq!(c.video.id, v.id);
            assert!(repo.complete_job(&c.job, "p", ids::now_secs(), None).await.unwrap());
        }
        // Two senders claim at once: ten deliveries, each to exactly one of them.
        let now = ids::now_millis();
        let (a, c) =
            tokio::join!(repo.claim_deliveries("s1", 60_000, now, 8), repo.claim_deliveries("s2", 60_000, now, 8));
        let (a, c) = (a.unwrap(), c.unwrap());
        let ids_a: HashSet<_> = a.iter().map(|d| d.id.clone()).collect();
        let ids_c: HashSet<_> = c.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids_a.len() + ids_c.len(), 10, "{}", b.name);
        assert!(ids_a.is_disjoint(&ids_c), "{}", b.name);
        assert!(a.iter().chain(&c).all(|d| d.event_type == "video.completed" && d.id.starts_with("msg_")));
        let record = AttemptRecord { started_at_ms: now, duration_ms: 5, status_code: Some(200), error: None };
        // Only the leaseholder may finish its delivery, once.
        assert!(!repo.finish_delivery(&a[0], "s2", DeliveryOutcome::Delivered, &record).await.unwrap());
        assert!(repo.finish_delivery(&a[0], "s1", DeliveryOutcome::Delivered, &record).await.unwrap());
        assert!(!repo.finish_delivery(&a[0], "s1", DeliveryOutcome::Delivered, &record).await.unwrap());
        let retry = DeliveryOutcome::Retry { next_attempt_at_ms: now + 1_000 };
        assert!(repo.finish_delivery(&a[1], "s1", retry, &record).await.unwrap());
        let again = repo.claim_deliveries("s3", 60_000, now + 2_000, 20).await.unwrap();
        assert_eq!(again.len(), 1, "{}: only the retried one is due", b.name);
        assert_eq!(again[0].id, a[1].id, "{}: the webhook-id stays", b.name);
        assert_eq!(again[0].attempt, 2, "{}", b.name);
        assert!(repo.delete_webhook("proj_default", &e2.id).await.unwrap(), "{}", b.name);
        b.drop_schema().await;
    }
}

#[tokio::test]
async fn batches_move_through_fenced_states_with_live_then_frozen_counts() {
    for b in backends().await {
        let repo = &b.repo;
        let now = ids::now_secs();
        let batch = BatchRow {
            id: ids::batch_id(),
            project_id: "proj_default".into(),
            endpoint: "/v1/videos".into(),
            input_file_id: ids::file_id(),
            completion_window: "24h".into(),
            status: BatchStatus::Validating,
            created_at: now,
            expires_at: now + 86_400,
            in_progress_at: None,
            finalizing_at: None,
            completed_at: None,
            failed_at: None,
            expired_at: None,
            cancelling_at: None,
            cancelled_at: None,
            output_file_id: None,
            error_file_id: None,
            errors: None,
            model: None,
            metadata: Some(r#"{"k":"v"}"#.into()),
            output_expires_after: None,
            counts: RequestCounts::default(),
        };
        repo.create_batch(&batch).await.unwrap();
        let line = |n: i64, custom: &str, ok: bool| NewBatchLine {
            line: n,
            custom_id: custom.into(),
            body: ok.then(|| r#"{"prompt":"a fox"}"#.to_string()),
            outcome: (!ok).then(|| r#"{"error":{"code":"invalid"}}"#.to_string()),
        };
        let dups = repo
            .insert_batch_lines(
                &batch.id,
                &[line(1, "a", true), line(2, "b", true), line(3, "a", true), line(4, "c", false)],
            )
            .await
            .unwrap();
        assert_eq!(dups, vec![3], "{}", b.name);
        assert!(repo.start_batch(&batch.id, Some("sora-2"), now).await.unwrap(), "{}", b.name);
        assert!(!repo.start_batch(&batch.id, Some("sora-2"), now).await.unwrap(), "{}", b.name);
        let pending = repo.pending_batch_lines(&batch.id, 10).await.unwrap();
        assert_eq!(pending.iter().map(|l| l.line).collect::<Vec<_>>(), vec![1, 2], "{}", b.name);
        let v = video("proj_default", now);
        assert!(repo.dispatch_batch_line(&batch.id, 1, &v, &job(ids::now_millis(), 3)).await.unwrap());
        assert!(!repo.dispatch_batch_line(&batch.id, 1, &video("proj_default", now), &job(0, 3)).await.unwrap());
        assert_eq!(repo.unfinished_batch_videos().await.unwrap(), 1, "{}", b.name);
        assert!(repo.fail_batch_line(&batch.id, 2, r#"{"error":{"code":"x"}}"#).await.unwrap());
        let c = repo.claim_job("w", 60_000, ids::now_millis()).await.unwrap().unwrap();
        assert!(repo.complete_job(&c.job, "p", now, None).await.unwrap());
        assert_eq!(repo.settle_batch_lines(&batch.id, "{}").await.unwrap(), 0, "{}", b.name);
        let live = repo.get_batch("proj_default", &batch.id).await.unwrap().unwrap();
        assert_eq!((live.counts.total, live.counts.completed, live.counts.failed), (3, 1, 2), "{}", b.name);
        let (out_id, err_id) = repo.plan_batch_files(&batch.id, "file-out", "file-err").await.unwrap();
        assert_eq!(repo.plan_batch_files(&batch.id, "x", "y").await.unwrap(), (out_id.clone(), err_id), "{}", b.name);
        assert!(repo.finalize_batch(&batch.id, now).await.unwrap(), "{}", b.name);
        let page = repo.batch_lines_page(&batch.id, 0, 10).await.unwrap();
        assert_eq!(page.len(), 3, "{}", b.name);
        assert_eq!(page[0].1.as_ref().map(|v| v.status), Some(VideoStatus::Completed), "{}", b.name);
        let finish = BatchFinish {
            from: BatchStatus::Finalizing,
            to: BatchStatus::Completed,
            now_secs: now,
            output_file: None,
            error_file: None,
            counts: RequestCounts { total: 3, completed: 1, failed: 2 },
            videos_expire_at: now + 3_600,
        };
        assert!(repo.finish_batch(&batch.id, &finish).await.unwrap(), "{}", b.name);
        assert!(!repo.finish_batch(&batch.id, &finish).await.unwrap(), "{}", b.name);
        let done = repo.get_batch("proj_default", &batch.id).await.unwrap().unwrap();
        assert_eq!(done.status, BatchStatus::Completed, "{}", b.name);
        assert_eq!(done.counts.total, 3, "{}", b.name);
        let usage = repo.usage(&UsageFilter::default(), &[UsageGroup::Batch]).await.unwrap();
        assert_eq!(usage.len(), 1, "{}", b.name);
        assert_eq!(usage[0].batch, Some(true), "{}", b.name);
        assert!(repo.active_batches().await.unwrap().is_empty(), "{}", b.name);
        b.drop_schema().await;
    }
}

#[tokio::test]
async fn a_lease_has_one_holder_until_it_runs_out_or_is_dropped() {
    for b in backends().await {
        let repo = &b.repo;
        assert!(repo.hold_lease("driver", "p1", 1_000, 10_000).await.unwrap(), "{}", b.name);
        assert!(repo.hold_lease("driver", "p1", 1_000, 10_500).await.unwrap(), "{}: renewal", b.name);
        assert!(!repo.hold_lease("driver", "p2", 1_000, 11_000).await.unwrap(), "{}", b.name);
        assert!(repo.hold_lease("driver", "p2", 1_000, 11_600).await.unwrap(), "{}: after expiry", b.name);
        repo.drop_lease("driver", "p1").await.unwrap(); // not the holder: no effect
        assert!(!repo.hold_lease("driver", "p1", 1_000, 11_700).await.unwrap(), "{}", b.name);
        repo.drop_lease("driver", "p2").await.unwrap();
        assert!(repo.hold_lease("driver", "p1", 1_000, 11_800).await.unwrap(), "{}", b.name);
        b.drop_schema().await;
    }
}

/// PostgreSQL tells other processes about new jobs and deleted videos at commit.
#[tokio::test]
async fn notices_reach_other_handles_on_commit() {
    for b in backends().await {
        let listener = b.repo.notices().await.unwrap();
        let Some(mut notices) = listener else {
            assert_eq!(b.name, "sqlite");
            continue;
        };
        let other = SqlRepo::open(&b.url).await.unwrap();
        // Each commit's notices, in any order (tests on other schemas of the database may
        // add their own): a new video is a job and a change; a deleted one a cancel and a change.
        let mut expect = async |wanted: Vec<Notice>| {
            let mut missing = wanted.clone();
            while !missing.is_empty() {
                let n = tokio::time::timeout(std::time::Duration::from_secs(5), notices.next()).await;
                let n = n.unwrap_or_else(|_| panic!("{}: no {missing:?} in time", b.name)).expect("stream open");
                missing.retain(|m| *m != n);
            }
        };
        let v = enqueue(&other, "proj_default").await;
        expect(vec![Notice::Jobs, Notice::Changes]).await;
        other.delete_video("proj_default", &v.id).await.unwrap();
        expect(vec![Notice::Cancel(v.id.clone()), Notice::Changes]).await;
        other.close().await;
        drop(notices);
        b.drop_schema().await;
    }
}

#[tokio::test]
async fn characters_endpoints_and_old_events_round_trip() {
    for b in backends().await {
        let repo = &b.repo;
        let c = CharacterRow {
            id: ids::character_id(),
            project_id: "proj_default".into(),
            name: "Mossy".into(),
            created_at: ids::now_secs(),
            fps: 24,
            frames: 48,
            asset_key: "characters/x/matte.png".into(),
        };
        repo.create_character(&c).await.unwrap();
        assert_eq!(repo.get_character("proj_default", &c.id).await.unwrap(), Some(c.clone()), "{}", b.name);
        assert!(repo.get_character("proj_other", &c.id).await.unwrap().is_none(), "{}", b.name);

        let mut e = endpoint("proj_default");
        repo.create_webhook(&e).await.unwrap();
        let e2 = endpoint("proj_default");
        repo.create_webhook(&e2).await.unwrap();
        e.event_types = vec!["batch.completed".into()];
        e.old_secret = Some(e.secret.clone());
        e.old_secret_expires_at = Some(ids::now_secs() + 60);
        e.secret = "whsec_bmV3".into();
        assert!(repo.update_webhook(&e).await.unwrap(), "{}", b.name);
        assert_eq!(repo.get_webhook("proj_default", &e.id).await.unwrap(), Some(e.clone()), "{}", b.name);
        let (page, more) = repo.list_webhooks("proj_default", None, 1).await.unwrap();
        assert!(more, "{}", b.name);
        assert_eq!(page[0].id, e2.id, "{}: newest first", b.name);
        let (rest, more) = repo.list_webhooks("proj_default", Some(&e2.id), 10).await.unwrap();
        assert!(!more, "{}", b.name);
        assert_eq!(rest, vec![e.clone()], "{}", b.name);

        // A delivered event older than the cut is pruned; a pending one stays.
        let v = enqueue(repo, "proj_default").await;
        let claimed = repo.claim_job("w", 60_000, ids::now_millis()).await.unwrap().unwrap();
        assert_eq!(claimed.video.id, v.id);
        assert!(repo.complete_job(&claimed.job, "p", ids::now_secs(), None).await.unwrap());
        let due = repo.claim_deliveries("s", 60_000, ids::now_millis(), 10).await.unwrap();
        assert_eq!(due.len(), 1, "{}: only e2 still takes video events", b.name);
        assert_eq!(due[0].secrets.len(), 1, "{}", b.name);
        assert_eq!(repo.prune_events(ids::now_secs() + 10).await.unwrap(), 0, "{}: still pending", b.name);
        let record =
            AttemptRecord { started_at_ms: ids::now_millis(), duration_ms: 1, status_code: Some(204), error: None };
        assert!(repo.finish_delivery(&due[0], "s", DeliveryOutcome::Delivered, &record).await.unwrap());
        assert_eq!(repo.prune_events(ids::now_secs() + 10).await.unwrap(), 1, "{}", b.name);
        assert_eq!(repo.release_delivery_leases().await.unwrap(), 0, "{}", b.name);
        b.drop_schema().await;
    }
}

/// A tier's concurrent-render limit holds however many workers claim at once (on
/// PostgreSQL they claim side by side, so the limit needs more than the claim's own check).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_claims_respect_a_projects_render_limit() {
    for b in backends().await {
        b.repo.sync_tiers(&[(0, None, None), (1, Some(2), None)]).await.unwrap();
        let limited = b.repo.ensure_project("limited", 1).await.unwrap();
        for _ in 0..12 {
            enqueue(&b.repo, &limited.id).await;
        }
        for round in 0..3 {
            let mut tasks = Vec::new();
            for w in 0..8 {
                let repo = b.repo.clone();
                tasks.push(tokio::spawn(async move {
                    repo.claim_job(&format!("w{round}-{w}"), 60_000, ids::now_millis()).await.unwrap()
                }));
            }
            let mut claimed = Vec::new();
            for t in tasks {
                claimed.extend(t.await.unwrap());
            }
            assert_eq!(
                claimed.len(),
                2,
                "{} round {round}: {} renders at once for a limit of 2",
                b.name,
                claimed.len()
            );
            for c in &claimed {
                assert!(b.repo.complete_job(&c.job, "p", ids::now_secs(), None).await.unwrap());
            }
        }
        b.drop_schema().await;
    }
}

/// Embedders spawn the server: its future (opening the database and migrating included)
/// must stay `Send`. A compile-time check: sqlx's `Acquire` bounds can silently break it.
#[allow(dead_code)]
fn the_server_future_is_send(config: kino::Config, listener: tokio::net::TcpListener) {
    fn spawnable<F: std::future::Future + Send + 'static>(_: F) {}
    spawnable(kino::run(config, listener, tokio_util::sync::CancellationToken::new()));
}

/// A render cut short (its worker died, or the process stopped) resumes in its place in the
/// queue, before the videos queued after it.
#[tokio::test]
async fn a_recovered_or_released_job_keeps_its_place_in_the_queue() {
    for b in backends().await {
        let repo = &b.repo;
        let first = enqueue(repo, "proj_default").await;
        let c = repo.claim_job("w1", 1_000, ids::now_millis()).await.unwrap().unwrap();
        assert_eq!(c.video.id, first.id);
        let later: Vec<String> = {
            let mut v = Vec::new();
            for _ in 0..3 {
                v.push(enqueue(repo, "proj_default").await.id);
            }
            v
        };
        let now = ids::now_millis();
        assert_eq!(repo.reclaim_expired(now + 5_000, now).await.unwrap().len(), 1, "{}", b.name);
        let again = repo.claim_job("w2", 60_000, ids::now_millis()).await.unwrap().unwrap();
        assert_eq!(again.video.id, first.id, "{}: the recovered job goes first", b.name);
        assert!(repo.release_job(&again.job).await.unwrap(), "{}", b.name);
        let third = repo.claim_job("w3", 60_000, ids::now_millis()).await.unwrap().unwrap();
        assert_eq!(third.video.id, first.id, "{}: and so does a released one", b.name);
        let next = repo.claim_job("w4", 60_000, ids::now_millis()).await.unwrap().unwrap();
        assert_eq!(next.video.id, later[0], "{}", b.name);
        b.drop_schema().await;
    }
}

/// The API keeps an unfinished video read at `videos_version` N for as long as the version is
/// N: every change to a video row must move it (SQLite), and PostgreSQL, written by other
/// processes too, must have none.
#[tokio::test]
async fn every_change_to_a_video_moves_its_version_where_this_process_writes_alone() {
    for b in backends().await {
        let repo = &b.repo;
        if b.name != "sqlite" {
            assert_eq!(repo.videos_version(), None, "{}: other processes write too", b.name);
            b.drop_schema().await;
            continue;
        }
        let read = |id: String| async move { repo.get_video("proj_default", &id, ids::now_secs()).await.unwrap() };
        let mut version = repo.videos_version().expect("SQLite: one writer");
        let mut last = None;
        // Each step changes the video (checked, so that the step proves something), and
        // must move the version.
        let mut step = |name: &str, now: Option<VideoRow>| {
            let moved = repo.videos_version().expect("SQLite");
            let shown = |v: &Option<VideoRow>| v.as_ref().map(|v| (v.status, v.progress, v.asset_prefix.clone()));
            assert_ne!(shown(&now), shown(&last), "{name}: the step changed nothing");
            assert_ne!(moved, version, "{name}: a video changed and the version did not move");
            (version, last) = (moved, now);
        };
        let v = enqueue(repo, "proj_default").await;
        step("create", read(v.id.clone()).await);

        let now = ids::now_millis();
        let first = repo.claim_job("w1", 60_000, now).await.unwrap().expect("a job");
        step("claim", read(v.id.clone()).await);
        repo.set_progress(&first.job, 40).await.unwrap();
        step("progress", read(v.id.clone()).await);
        repo.reclaim_expired(now + 100_000, now).await.unwrap();
        step("reclaim", read(v.id.clone()).await);
        let second = repo.claim_job("w2", 60_000, now).await.unwrap().expect("requeued");
        step("claim again", read(v.id.clone()).await);
        assert!(repo.release_job(&second.job).await.unwrap());
        step("release", read(v.id.clone()).await);
        let third = repo.claim_job("w3", 60_000, now).await.unwrap().expect("released");
        step("claim a third time", read(v.id.clone()).await);
        assert!(repo.retry_job(&third.job, now, "busy").await.unwrap());
        step("retry", read(v.id.clone()).await);
        let fourth = repo.claim_job("w4", 60_000, now).await.unwrap().expect("retried");
        step("claim a fourth time", read(v.id.clone()).await);
        assert!(repo.complete_job(&fourth.job, "videos/x/a4", ids::now_secs(), None).await.unwrap());
        step("complete", read(v.id.clone()).await);

        let w = enqueue(repo, "proj_default").await;
        step("create another", read(w.id.clone()).await);
        let claimed = repo.claim_job("w1", 60_000, ids::now_millis()).await.unwrap().expect("a job");
        step("claim it", read(w.id.clone()).await);
        assert!(repo.fail_job(&claimed.job, "engine_error", "no", ids::now_secs()).await.unwrap());
        step("fail", read(w.id.clone()).await);
        repo.delete_video("proj_default", &w.id).await.unwrap();
        step("delete", read(w.id.clone()).await);
        b.drop_schema().await;
    }
}
