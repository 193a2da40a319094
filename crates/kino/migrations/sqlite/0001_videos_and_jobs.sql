-- Videos as the API shows them, and the durable job queue that renders them.
CREATE TABLE videos (
    id                    TEXT PRIMARY KEY NOT NULL,
    project_id            TEXT NOT NULL,
    model                 TEXT NOT NULL,
    status                TEXT NOT NULL,          -- queued | in_progress | completed | failed
    progress              INTEGER NOT NULL DEFAULT 0,
    created_at            INTEGER NOT NULL,       -- unix seconds
    completed_at          INTEGER,
    expires_at            INTEGER,
    prompt                TEXT,
    size                  TEXT NOT NULL,
    seconds               TEXT NOT NULL,
    remixed_from_video_id TEXT,
    error_code            TEXT,
    error_message         TEXT,
    seed                  INTEGER NOT NULL,
    asset_prefix          TEXT                    -- storage prefix of the published assets
);
-- Listing is by project, ordered by id (ids start with their creation time).
CREATE INDEX videos_project_id ON videos (project_id, id);
CREATE INDEX videos_expires_at ON videos (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE jobs (
    id               TEXT PRIMARY KEY NOT NULL,
    kind             TEXT NOT NULL,               -- generate
    video_id         TEXT NOT NULL,
    project_id       TEXT NOT NULL,
    status           TEXT NOT NULL,               -- queued | running | succeeded | failed
    attempt          INTEGER NOT NULL DEFAULT 0,  -- incremented by each claim: the fencing token
    max_attempts     INTEGER NOT NULL,
    run_after        INTEGER NOT NULL,            -- unix ms: not claimable before
    lease_owner      TEXT,
    lease_expires_at INTEGER,                     -- unix ms
    request_id       TEXT,                        -- the request that made it, for log joins
    last_error       TEXT,
    created_at       INTEGER NOT NULL,            -- unix ms
    updated_at       INTEGER NOT NULL
);
CREATE INDEX jobs_claimable ON jobs (status, run_after, created_at);
CREATE INDEX jobs_video ON jobs (video_id);
