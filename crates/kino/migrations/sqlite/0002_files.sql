-- Uploaded files (the Files API). The bytes live in the blob store under `files/{id}`.
CREATE TABLE files (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL,
    filename   TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    created_at INTEGER NOT NULL,              -- unix seconds
    expires_at INTEGER                        -- unix seconds; NULL: kept until deleted
);
-- Listing is by project, optionally by purpose, ordered by id (ids start with their creation time).
CREATE INDEX files_project_id ON files (project_id, id);
CREATE INDEX files_project_purpose ON files (project_id, purpose, id);
CREATE INDEX files_expires_at ON files (expires_at) WHERE expires_at IS NOT NULL;
