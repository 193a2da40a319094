-- Server-side secrets every process of a deployment shares (made once, on first use): the key
-- that signs short-lived content tokens (`GET /v1/content_token`).
CREATE TABLE secrets (
    name  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    value TEXT COLLATE "C" NOT NULL
);
