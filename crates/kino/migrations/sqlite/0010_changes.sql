-- The change feed behind the event streams (`GET /v1/videos/{id}/events` and friends): one
-- row per change of a video's status or progress, and per change of a batch (its own row or
-- one of its renders). Written by triggers, so no code path that changes a video can forget
-- it; `seq` is the SSE event id a client resumes from. Old rows are pruned by the sweeper.
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT NOT NULL,
    object     TEXT NOT NULL,           -- video | batch
    object_id  TEXT NOT NULL,
    status     TEXT,                    -- a video's status then, or 'deleted'; NULL for a batch
    progress   INTEGER,                 -- a video's progress then
    created_at INTEGER NOT NULL         -- unix ms
);
CREATE INDEX changes_object ON changes (object_id, seq);
CREATE INDEX changes_project ON changes (project_id, object, seq);
CREATE INDEX changes_created ON changes (created_at);

CREATE TRIGGER videos_change_insert AFTER INSERT ON videos
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (NEW.project_id, 'video', NEW.id, NEW.status, NEW.progress,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    SELECT NEW.project_id, 'batch', NEW.batch_id, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    WHERE NEW.batch_id IS NOT NULL;
END;

CREATE TRIGGER videos_change_update AFTER UPDATE OF status, progress ON videos
WHEN NEW.status IS NOT OLD.status OR NEW.progress IS NOT OLD.progress
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (NEW.project_id, 'video', NEW.id, NEW.status, NEW.progress,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
    -- A batch's request counts are its renders' statuses.
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    SELECT NEW.project_id, 'batch', NEW.batch_id, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    WHERE NEW.batch_id IS NOT NULL AND NEW.status IS NOT OLD.status;
END;

CREATE TRIGGER videos_change_delete AFTER DELETE ON videos
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (OLD.project_id, 'video', OLD.id, 'deleted', OLD.progress,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER batches_change_insert AFTER INSERT ON batches
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (NEW.project_id, 'batch', NEW.id, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER batches_change_update AFTER UPDATE ON batches
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (NEW.project_id, 'batch', NEW.id, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- Lines refused or settled without a render change the counts too.
CREATE TRIGGER batch_requests_change AFTER UPDATE OF state ON batch_requests
WHEN NEW.state IS NOT OLD.state AND NEW.state IN ('invalid', 'completed', 'failed')
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    SELECT project_id, 'batch', id, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM batches WHERE id = NEW.batch_id;
END;
