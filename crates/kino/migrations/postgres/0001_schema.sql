-- The PostgreSQL schema: the same tables as SQLite's migrations 0001-0007, in one step.
-- Integers are BIGINT (timestamps in ms do not fit INT), text compares bytewise (COLLATE "C")
-- so ids sort exactly as they do on SQLite and cursors page the same way.
-- ---- from 0001_videos_and_jobs.sql ----
-- Videos as the API shows them, and the durable job queue that renders them.
CREATE TABLE videos (
    id                    TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id            TEXT COLLATE "C" NOT NULL,
    model                 TEXT COLLATE "C" NOT NULL,
    status                TEXT COLLATE "C" NOT NULL,          -- queued | in_progress | completed | failed
    progress              BIGINT NOT NULL DEFAULT 0,
    created_at            BIGINT NOT NULL,       -- unix seconds
    completed_at          BIGINT,
    expires_at            BIGINT,
    prompt                TEXT COLLATE "C",
    size                  TEXT COLLATE "C" NOT NULL,
    seconds               TEXT COLLATE "C" NOT NULL,
    remixed_from_video_id TEXT COLLATE "C",
    error_code            TEXT COLLATE "C",
    error_message         TEXT COLLATE "C",
    seed                  BIGINT NOT NULL,
    asset_prefix          TEXT COLLATE "C"                    -- storage prefix of the published assets
);
-- Listing is by project, ordered by id (ids start with their creation time).
CREATE INDEX videos_project_id ON videos (project_id, id);
CREATE INDEX videos_expires_at ON videos (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE jobs (
    id               TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    kind             TEXT COLLATE "C" NOT NULL,               -- generate
    video_id         TEXT COLLATE "C" NOT NULL,
    project_id       TEXT COLLATE "C" NOT NULL,
    status           TEXT COLLATE "C" NOT NULL,               -- queued | running | succeeded | failed
    attempt          BIGINT NOT NULL DEFAULT 0,  -- incremented by each claim: the fencing token
    max_attempts     BIGINT NOT NULL,
    run_after        BIGINT NOT NULL,            -- unix ms: not claimable before
    lease_owner      TEXT COLLATE "C",
    lease_expires_at BIGINT,                     -- unix ms
    request_id       TEXT COLLATE "C",                        -- the request that made it, for log joins
    last_error       TEXT COLLATE "C",
    created_at       BIGINT NOT NULL,            -- unix ms
    updated_at       BIGINT NOT NULL
);
CREATE INDEX jobs_claimable ON jobs (status, run_after, created_at);
CREATE INDEX jobs_video ON jobs (video_id);

-- ---- from 0002_files.sql ----
-- Uploaded files (the Files API). The bytes live in the blob store under `files/{id}`.
CREATE TABLE files (
    id         TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id TEXT COLLATE "C" NOT NULL,
    filename   TEXT COLLATE "C" NOT NULL,
    purpose    TEXT COLLATE "C" NOT NULL,
    bytes      BIGINT NOT NULL,
    created_at BIGINT NOT NULL,              -- unix seconds
    expires_at BIGINT                        -- unix seconds; NULL: kept until deleted
);
-- Listing is by project, optionally by purpose, ordered by id (ids start with their creation time).
CREATE INDEX files_project_id ON files (project_id, id);
CREATE INDEX files_project_purpose ON files (project_id, purpose, id);
CREATE INDEX files_expires_at ON files (expires_at) WHERE expires_at IS NOT NULL;

-- ---- from 0003_derived_videos_and_characters.sql ----
-- Videos made from other things (remixes, edits, extensions, reference images, characters),
-- and the characters themselves.
ALTER TABLE videos ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'create';  -- create | remix | edit | extension
-- JSON (jobs::inputs::Inputs): the stored inputs the render is conditioned on. Their bytes are
-- copied under the video's own prefix, so deleting a source never breaks what derives from it.
ALTER TABLE videos ADD COLUMN inputs TEXT COLLATE "C";
-- JSON {"engine": "...", "prompts": [...]}: the prompts that made this video with that engine
-- alone, so an edit can re-render the scene instead of grading pixels. NULL when pixels from
-- elsewhere (an upload, a reference image, a character) went into it.
ALTER TABLE videos ADD COLUMN lineage TEXT COLLATE "C";
ALTER TABLE videos ADD COLUMN extensions BIGINT NOT NULL DEFAULT 0; -- extensions in its chain

CREATE TABLE characters (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id  TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL,             -- unix seconds
    fps         BIGINT NOT NULL,
    frames      BIGINT NOT NULL,             -- frames stacked in the matte PNG
    asset_key   TEXT COLLATE "C" NOT NULL                 -- storage key of the matte PNG
);
CREATE INDEX characters_project_id ON characters (project_id, id);

-- ---- from 0004_webhooks.sql ----
-- Webhooks: endpoints per project, and a durable outbox. An event and its deliveries are
-- written in the same transaction as the state change they report, so none is ever lost.
CREATE TABLE webhook_endpoints (
    id                    TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id            TEXT COLLATE "C" NOT NULL,
    name                  TEXT COLLATE "C" NOT NULL,
    url                   TEXT COLLATE "C" NOT NULL,
    -- whsec_… Kept as is: signing needs the key itself (HMAC), unlike API keys.
    secret                TEXT COLLATE "C" NOT NULL,
    -- After a rotation that keeps the old secret, deliveries are signed with both until then.
    old_secret            TEXT COLLATE "C",
    old_secret_expires_at BIGINT,               -- unix seconds
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_project ON webhook_endpoints (project_id, id);

CREATE TABLE webhook_endpoint_events (
    endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);
CREATE INDEX webhook_endpoint_events_type ON webhook_endpoint_events (event_type);

CREATE TABLE events (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,      -- evt_…
    project_id  TEXT COLLATE "C" NOT NULL,
    type        TEXT COLLATE "C" NOT NULL,                  -- video.completed, batch.completed, …
    data_id     TEXT COLLATE "C" NOT NULL,                  -- the object the event is about
    payload     TEXT COLLATE "C" NOT NULL,                  -- the exact JSON body every delivery sends
    created_at  BIGINT NOT NULL                -- unix seconds
);
CREATE INDEX events_project ON events (project_id, id);

CREATE TABLE webhook_deliveries (
    id               TEXT COLLATE "C" PRIMARY KEY NOT NULL, -- msg_…: the webhook-id header, the same on every retry
    event_id         TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    endpoint_id      TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    status           TEXT COLLATE "C" NOT NULL,             -- pending | delivered | failed
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,          -- unix ms
    lease_owner      TEXT COLLATE "C",
    lease_expires_at BIGINT,                   -- unix ms
    last_status_code BIGINT,
    last_error       TEXT COLLATE "C",
    created_at       BIGINT NOT NULL,          -- unix ms
    delivered_at     BIGINT                    -- unix ms
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- Every attempt, for operators (and tests) to see what happened.
CREATE TABLE webhook_attempts (
    delivery_id  TEXT COLLATE "C" NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      BIGINT NOT NULL,
    started_at   BIGINT NOT NULL,              -- unix ms
    duration_ms  BIGINT NOT NULL,
    status_code  BIGINT,
    error        TEXT COLLATE "C",
    PRIMARY KEY (delivery_id, attempt)
);

-- ---- from 0005_batches.sql ----
-- The Batch API for /v1/videos: batches, their input lines, and how batch renders share
-- the queue with interactive ones.

-- 0: interactive requests, 1: batch lines. Claims take the lowest first, so a large batch
-- never starves a request made through the API.
ALTER TABLE jobs ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;
DROP INDEX jobs_claimable;
CREATE INDEX jobs_claimable ON jobs (status, priority, run_after, created_at);

-- The batch a video was made for (NULL: made through the API). Batch renders are priced
-- and retained apart, and the driver counts the unfinished ones to bound its fan-out.
ALTER TABLE videos ADD COLUMN batch_id TEXT COLLATE "C";
CREATE INDEX videos_batch ON videos (batch_id, status) WHERE batch_id IS NOT NULL;
CREATE INDEX videos_batch_status ON videos (status) WHERE batch_id IS NOT NULL;

CREATE TABLE batches (
    id                TEXT COLLATE "C" PRIMARY KEY NOT NULL,   -- batch_…
    project_id        TEXT COLLATE "C" NOT NULL,
    endpoint          TEXT COLLATE "C" NOT NULL,               -- /v1/videos
    input_file_id     TEXT COLLATE "C" NOT NULL,
    completion_window TEXT COLLATE "C" NOT NULL,               -- 24h
    -- validating | in_progress | finalizing | completed | failed | cancelling | cancelled | expired
    status            TEXT COLLATE "C" NOT NULL,
    created_at        BIGINT NOT NULL,            -- unix seconds, like every timestamp here
    expires_at        BIGINT NOT NULL,
    in_progress_at    BIGINT,
    finalizing_at     BIGINT,
    completed_at      BIGINT,
    failed_at         BIGINT,
    expired_at        BIGINT,
    cancelling_at     BIGINT,
    cancelled_at      BIGINT,
    output_file_id    TEXT COLLATE "C",
    error_file_id     TEXT COLLATE "C",
    errors            TEXT COLLATE "C",                        -- JSON [{code, message, param, line}]: file-level problems
    model             TEXT COLLATE "C",                        -- the model every valid line asks for
    metadata          TEXT COLLATE "C",                        -- JSON object of strings, or NULL
    output_expires_after BIGINT,                  -- seconds after their creation the result files expire
    -- Ids the result files get, chosen once on entering finalization so a rerun after a crash
    -- overwrites the same blobs instead of leaving orphans.
    planned_output_file_id TEXT COLLATE "C",
    planned_error_file_id  TEXT COLLATE "C",
    -- request_counts frozen at the terminal state (NULL while live: computed from the lines).
    final_total       BIGINT,
    final_completed   BIGINT,
    final_failed      BIGINT
);
CREATE INDEX batches_project ON batches (project_id, id);
CREATE INDEX batches_active ON batches (status, created_at)
    WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling');

-- One row per non-blank input line, written while validating.
CREATE TABLE batch_requests (
    batch_id   TEXT COLLATE "C" NOT NULL,
    line       BIGINT NOT NULL,                   -- 1-based line in the input file
    id         TEXT COLLATE "C" NOT NULL,                      -- batch_req_…: the output line's id
    custom_id  TEXT COLLATE "C" NOT NULL,
    -- pending: valid, waiting for a render slot; invalid: its body broke a rule;
    -- dispatched: its video exists (the outcome is the video's status);
    -- completed | failed: settled.
    state      TEXT COLLATE "C" NOT NULL,
    body       TEXT COLLATE "C",                               -- the request body (JSON) until dispatched
    request_id TEXT COLLATE "C" NOT NULL,                      -- req_…: the job's request id, echoed in the output
    video_id   TEXT COLLATE "C",
    -- JSON {"response": {status_code, request_id, body} | null, "error": {code, message} | null}:
    -- set when the line belongs in the error file.
    outcome    TEXT COLLATE "C",
    PRIMARY KEY (batch_id, line)
);
CREATE UNIQUE INDEX batch_requests_custom_id ON batch_requests (batch_id, custom_id);
CREATE INDEX batch_requests_state ON batch_requests (batch_id, state, line);

-- ---- from 0006_projects_and_keys.sql ----
-- Projects own every resource; API keys map a bearer token to one. Keys are stored as
-- SHA-256 digests only: the plain key is shown once, when it is created.
CREATE TABLE projects (
    id                   TEXT COLLATE "C" PRIMARY KEY NOT NULL,   -- proj_…  (proj_default for dev mode and --api-keys)
    name                 TEXT COLLATE "C" NOT NULL UNIQUE,
    tier                 BIGINT NOT NULL DEFAULT 1,  -- row of the tier table (--tiers file)
    monthly_budget_usd   DOUBLE PRECISION,                        -- NULL: no budget
    created_at           BIGINT NOT NULL
);
-- Tier 0 is unlimited: dev mode and --api-keys act for this project.
INSERT INTO projects (id, name, tier, created_at) VALUES ('proj_default', 'default', 0, 0);

CREATE TABLE api_keys (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,            -- key_…
    project_id  TEXT COLLATE "C" NOT NULL REFERENCES projects (id),
    digest      BYTEA NOT NULL UNIQUE,                 -- SHA-256 of the key
    prefix      TEXT COLLATE "C" NOT NULL,                        -- sk-kino-abcd… for listing
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

-- Fixed-window request counters, shared by every API replica (the state is here, not in
-- a process): one row per project, model and window.
CREATE TABLE rate_windows (
    project_id    TEXT COLLATE "C" NOT NULL,
    model         TEXT COLLATE "C" NOT NULL,
    window_start  BIGINT NOT NULL,                   -- unix seconds, a multiple of the window
    count         BIGINT NOT NULL,
    PRIMARY KEY (project_id, model, window_start)
);

-- The tier table's render limits, written from the tier file at each start, so that job
-- claims (in any process) can respect a project's concurrent-render limit in SQL.
CREATE TABLE tiers (
    tier            BIGINT PRIMARY KEY NOT NULL,
    max_concurrent  BIGINT,                          -- NULL: unlimited
    max_queued      BIGINT                           -- NULL: unlimited
);

-- ---- from 0007_usage.sql ----
-- Usage: one row per completed video, written in the transaction that completes it, so the
-- rows always agree with the completed videos. Rows outlive their video (deleted or expired):
-- the render happened and is billable. The price is fixed at completion; later price-table
-- changes do not rewrite history.
CREATE TABLE video_usage (
    video_id         TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    project_id       TEXT COLLATE "C" NOT NULL,
    model            TEXT COLLATE "C" NOT NULL,
    size             TEXT COLLATE "C" NOT NULL,
    seconds          BIGINT NOT NULL,
    batch            BIGINT NOT NULL,            -- 1: rendered for a batch (discounted)
    price_micro_usd  BIGINT NOT NULL,            -- millionths of a US dollar: sums stay exact
    completed_at     BIGINT NOT NULL,            -- unix seconds
    day              TEXT COLLATE "C" NOT NULL                -- YYYY-MM-DD (UTC) of completed_at
);
CREATE INDEX video_usage_project ON video_usage (project_id, completed_at);
CREATE INDEX video_usage_completed ON video_usage (completed_at);
