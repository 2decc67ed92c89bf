-- One row per collection run: when it started and ended (UTC), for which store (NULL: every
-- store), and what became of the payments it took; the reports list the runs of a period.
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    store_id    INTEGER REFERENCES stores(id),
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    payments    INTEGER NOT NULL,
    approved    INTEGER NOT NULL,
    declined    INTEGER NOT NULL,
    attention   INTEGER NOT NULL,
    unresolved  INTEGER NOT NULL,
    follow_ups  INTEGER NOT NULL,
    held        INTEGER NOT NULL CHECK (held IN (0, 1))
);
CREATE INDEX runs_by_start ON runs (started_at);
