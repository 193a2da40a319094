-- The change feed behind the event streams (`GET /v1/videos/{id}/events` and friends): one
-- row per change of a video's status or progress, and per change of a batch (its own row or
-- one of its renders). Written by triggers, so no code path that changes a video can forget
-- it; `seq` is the SSE event id a client resumes from. Each row is announced on the
-- `kino_changes` channel at commit, so every process's streams hear of it. Old rows are
-- pruned by the sweeper.
CREATE TABLE changes (
    seq        BIGSERIAL PRIMARY KEY,
    project_id TEXT COLLATE "C" NOT NULL,
    object     TEXT COLLATE "C" NOT NULL,     -- video | batch
    object_id  TEXT COLLATE "C" NOT NULL,
    status     TEXT COLLATE "C",              -- a video's status then, or 'deleted'; NULL for a batch
    progress   BIGINT,                        -- a video's progress then
    created_at BIGINT NOT NULL                -- unix ms
);
CREATE INDEX changes_object ON changes (object_id, seq);
CREATE INDEX changes_project ON changes (project_id, object, seq);
CREATE INDEX changes_created ON changes (created_at);

CREATE FUNCTION kino_record_change(p_project TEXT, p_object TEXT, p_id TEXT, p_status TEXT, p_progress BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    s BIGINT;
BEGIN
    INSERT INTO changes (project_id, object, object_id, status, progress, created_at)
    VALUES (p_project, p_object, p_id, p_status, p_progress, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT)
    RETURNING seq INTO s;
    PERFORM pg_notify('kino_changes', s::TEXT);
END $$;

CREATE FUNCTION kino_videos_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM kino_record_change(OLD.project_id, 'video', OLD.id, 'deleted', OLD.progress);
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.progress IS DISTINCT FROM OLD.progress THEN
        PERFORM kino_record_change(NEW.project_id, 'video', NEW.id, NEW.status, NEW.progress);
    END IF;
    -- A batch's request counts are its renders' statuses.
    IF NEW.batch_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status) THEN
        PERFORM kino_record_change(NEW.project_id, 'batch', NEW.batch_id, NULL, NULL);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER videos_changed AFTER INSERT OR UPDATE OF status, progress OR DELETE ON videos
    FOR EACH ROW EXECUTE FUNCTION kino_videos_changed();

CREATE FUNCTION kino_batches_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kino_record_change(NEW.project_id, 'batch', NEW.id, NULL, NULL);
    RETURN NEW;
END $$;
CREATE TRIGGER batches_changed AFTER INSERT OR UPDATE ON batches
    FOR EACH ROW EXECUTE FUNCTION kino_batches_changed();

-- Lines refused or settled without a render change the counts too.
CREATE FUNCTION kino_batch_requests_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('invalid', 'completed', 'failed') THEN
        PERFORM kino_record_change(b.project_id, 'batch', b.id, NULL, NULL) FROM batches b WHERE b.id = NEW.batch_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER batch_requests_changed AFTER UPDATE OF state ON batch_requests
    FOR EACH ROW EXECUTE FUNCTION kino_batch_requests_changed();
