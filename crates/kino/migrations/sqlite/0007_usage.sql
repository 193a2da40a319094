-- Usage: one row per completed video, written in the transaction that completes it, so the
-- rows always agree with the completed videos. Rows outlive their video (deleted or expired):
-- the render happened and is billable. The price is fixed at completion; later price-table
-- changes do not rewrite history.
CREATE TABLE video_usage (
    video_id         TEXT PRIMARY KEY NOT NULL,
    project_id       TEXT NOT NULL,
    model            TEXT NOT NULL,
    size             TEXT NOT NULL,
    seconds          INTEGER NOT NULL,
    batch            INTEGER NOT NULL,            -- 1: rendered for a batch (discounted)
    price_micro_usd  INTEGER NOT NULL,            -- millionths of a US dollar: sums stay exact
    completed_at     INTEGER NOT NULL,            -- unix seconds
    day              TEXT NOT NULL                -- YYYY-MM-DD (UTC) of completed_at
);
CREATE INDEX video_usage_project ON video_usage (project_id, completed_at);
CREATE INDEX video_usage_completed ON video_usage (completed_at);
