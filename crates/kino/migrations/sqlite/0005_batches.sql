-- The Batch API for /v1/videos: batches, their input lines, and how batch renders share
-- the queue with interactive ones.

-- 0: interactive requests, 1: batch lines. Claims take the lowest first, so a large batch
-- never starves a request made through the API.
ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
DROP INDEX jobs_claimable;
CREATE INDEX jobs_claimable ON jobs (status, priority, run_after, created_at);

-- The batch a video was made for (NULL: made through the API). Batch renders are priced
-- and retained apart, and the driver counts the unfinished ones to bound its fan-out.
ALTER TABLE videos ADD COLUMN batch_id TEXT;
CREATE INDEX videos_batch ON videos (batch_id, status) WHERE batch_id IS NOT NULL;
CREATE INDEX videos_batch_status ON videos (status) WHERE batch_id IS NOT NULL;

CREATE TABLE batches (
    id                TEXT PRIMARY KEY NOT NULL,   -- batch_…
    project_id        TEXT NOT NULL,
    endpoint          TEXT NOT NULL,               -- /v1/videos
    input_file_id     TEXT NOT NULL,
    completion_window TEXT NOT NULL,               -- 24h
    -- validating | in_progress | finalizing | completed | failed | cancelling | cancelled | expired
    status            TEXT NOT NULL,
    created_at        INTEGER NOT NULL,            -- unix seconds, like every timestamp here
    expires_at        INTEGER NOT NULL,
    in_progress_at    INTEGER,
    finalizing_at     INTEGER,
    completed_at      INTEGER,
    failed_at         INTEGER,
    expired_at        INTEGER,
    cancelling_at     INTEGER,
    cancelled_at      INTEGER,
    output_file_id    TEXT,
    error_file_id     TEXT,
    errors            TEXT,                        -- JSON [{code, message, param, line}]: file-level problems
    model             TEXT,                        -- the model every valid line asks for
    metadata          TEXT,                        -- JSON object of strings, or NULL
    output_expires_after INTEGER,                  -- seconds after their creation the result files expire
    -- Ids the result files get, chosen once on entering finalization so a rerun after a crash
    -- overwrites the same blobs instead of leaving orphans.
    planned_output_file_id TEXT,
    planned_error_file_id  TEXT,
    -- request_counts frozen at the terminal state (NULL while live: computed from the lines).
    final_total       INTEGER,
    final_completed   INTEGER,
    final_failed      INTEGER
);
CREATE INDEX batches_project ON batches (project_id, id);
CREATE INDEX batches_active ON batches (status, created_at)
    WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling');

-- One row per non-blank input line, written while validating.
CREATE TABLE batch_requests (
    batch_id   TEXT NOT NULL,
    line       INTEGER NOT NULL,                   -- 1-based line in the input file
    id         TEXT NOT NULL,                      -- batch_req_…: the output line's id
    custom_id  TEXT NOT NULL,
    -- pending: valid, waiting for a render slot; invalid: its body broke a rule;
    -- dispatched: its video exists (the outcome is the video's status);
    -- completed | failed: settled.
    state      TEXT NOT NULL,
    body       TEXT,                               -- the request body (JSON) until dispatched
    request_id TEXT NOT NULL,                      -- req_…: the job's request id, echoed in the output
    video_id   TEXT,
    -- JSON {"response": {status_code, request_id, body} | null, "error": {code, message} | null}:
    -- set when the line belongs in the error file.
    outcome    TEXT,
    PRIMARY KEY (batch_id, line)
);
CREATE UNIQUE INDEX batch_requests_custom_id ON batch_requests (batch_id, custom_id);
CREATE INDEX batch_requests_state ON batch_requests (batch_id, state, line);
