-- Named leases for duties one process at a time should do (the batch driver), when several
-- processes share a database. The holder renews it; a dead holder's lease runs out.
CREATE TABLE leases (
    name        TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    owner       TEXT COLLATE "C" NOT NULL,
    expires_at  BIGINT NOT NULL                  -- unix ms
);
