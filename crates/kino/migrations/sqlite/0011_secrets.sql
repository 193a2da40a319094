-- Server-side secrets every process of a deployment shares (made once, on first use): the key
-- that signs short-lived content tokens (`GET /v1/content_token`).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
