-- Webhooks: endpoints per project, and a durable outbox. An event and its deliveries are
-- written in the same transaction as the state change they report, so none is ever lost.
CREATE TABLE webhook_endpoints (
    id                    TEXT PRIMARY KEY NOT NULL,
    project_id            TEXT NOT NULL,
    name                  TEXT NOT NULL,
    url                   TEXT NOT NULL,
    -- whsec_… Kept as is: signing needs the key itself (HMAC), unlike API keys.
    secret                TEXT NOT NULL,
    -- After a rotation that keeps the old secret, deliveries are signed with both until then.
    old_secret            TEXT,
    old_secret_expires_at INTEGER,               -- unix seconds
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_project ON webhook_endpoints (project_id, id);

CREATE TABLE webhook_endpoint_events (
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type  TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);
CREATE INDEX webhook_endpoint_events_type ON webhook_endpoint_events (event_type);

CREATE TABLE events (
    id          TEXT PRIMARY KEY NOT NULL,      -- evt_…
    project_id  TEXT NOT NULL,
    type        TEXT NOT NULL,                  -- video.completed, batch.completed, …
    data_id     TEXT NOT NULL,                  -- the object the event is about
    payload     TEXT NOT NULL,                  -- the exact JSON body every delivery sends
    created_at  INTEGER NOT NULL                -- unix seconds
);
CREATE INDEX events_project ON events (project_id, id);

CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY NOT NULL, -- msg_…: the webhook-id header, the same on every retry
    event_id         TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,             -- pending | delivered | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,          -- unix ms
    lease_owner      TEXT,
    lease_expires_at INTEGER,                   -- unix ms
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,          -- unix ms
    delivered_at     INTEGER                    -- unix ms
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- Every attempt, for operators (and tests) to see what happened.
CREATE TABLE webhook_attempts (
    delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,              -- unix ms
    duration_ms  INTEGER NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
