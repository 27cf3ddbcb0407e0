-- The development clock (issue 17): the application's clock is the real one moved by this offset, so a
-- newcomer walks publicity periods, votes, lapses and retries in minutes. One row at most, shared by
-- every process on the database (server, worker, CLI); production never reads it. The offset only
-- grows: the clock moves forward, as time does.
CREATE TABLE app_clock (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  offset_ms bigint NOT NULL CHECK (offset_ms >= 0),
  moved_at timestamptz NOT NULL
);
