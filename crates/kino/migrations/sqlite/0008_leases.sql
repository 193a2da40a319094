-- Named leases for duties one process at a time should do (the batch driver), when several
-- processes share a database. The holder renews it; a dead holder's lease runs out.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY NOT NULL,
    owner       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL                 -- unix ms
);
