-- Videos made from other things (remixes, edits, extensions, reference images, characters),
-- and the characters themselves.
ALTER TABLE videos ADD COLUMN kind TEXT NOT NULL DEFAULT 'create';  -- create | remix | edit | extension
-- JSON (jobs::inputs::Inputs): the stored inputs the render is conditioned on. Their bytes are
-- copied under the video's own prefix, so deleting a source never breaks what derives from it.
ALTER TABLE videos ADD COLUMN inputs TEXT;
-- JSON {"engine": "...", "prompts": [...]}: the prompts that made this video with that engine
-- alone, so an edit can re-render the scene instead of grading pixels. NULL when pixels from
-- elsewhere (an upload, a reference image, a character) went into it.
ALTER TABLE videos ADD COLUMN lineage TEXT;
ALTER TABLE videos ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0; -- extensions in its chain

CREATE TABLE characters (
    id          TEXT PRIMARY KEY NOT NULL,
    project_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,             -- unix seconds
    fps         INTEGER NOT NULL,
    frames      INTEGER NOT NULL,             -- frames stacked in the matte PNG
    asset_key   TEXT NOT NULL                 -- storage key of the matte PNG
);
CREATE INDEX characters_project_id ON characters (project_id, id);
