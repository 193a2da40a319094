-- Projects own every resource; API keys map a bearer token to one. Keys are stored as
-- SHA-256 digests only: the plain key is shown once, when it is created.
CREATE TABLE projects (
    id                   TEXT PRIMARY KEY NOT NULL,   -- proj_…  (proj_default for dev mode and --api-keys)
    name                 TEXT NOT NULL UNIQUE,
    tier                 INTEGER NOT NULL DEFAULT 1,  -- row of the tier table (--tiers file)
    monthly_budget_usd   REAL,                        -- NULL: no budget
    created_at           INTEGER NOT NULL
);
-- Tier 0 is unlimited: dev mode and --api-keys act for this project.
INSERT INTO projects (id, name, tier, created_at) VALUES ('proj_default', 'default', 0, 0);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY NOT NULL,            -- key_…
    project_id  TEXT NOT NULL REFERENCES projects (id),
    digest      BLOB NOT NULL UNIQUE,                 -- SHA-256 of the key
    prefix      TEXT NOT NULL,                        -- sk-kino-abcd… for listing
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- Fixed-window request counters, shared by every API replica (the state is here, not in
-- a process): one row per project, model and window.
CREATE TABLE rate_windows (
    project_id    TEXT NOT NULL,
    model         TEXT NOT NULL,
    window_start  INTEGER NOT NULL,                   -- unix seconds, a multiple of the window
    count         INTEGER NOT NULL,
    PRIMARY KEY (project_id, model, window_start)
);

-- The tier table's render limits, written from the tier file at each start, so that job
-- claims (in any process) can respect a project's concurrent-render limit in SQL.
CREATE TABLE tiers (
    tier            INTEGER PRIMARY KEY NOT NULL,
    max_concurrent  INTEGER,                          -- NULL: unlimited
    max_queued      INTEGER                           -- NULL: unlimited
);
