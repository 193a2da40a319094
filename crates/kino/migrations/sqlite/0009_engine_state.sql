-- What an engine needs to pick a render up after a restart (an upstream server's job id),
-- saved by the running attempt and handed to the next one.
ALTER TABLE jobs ADD COLUMN engine_state TEXT;
