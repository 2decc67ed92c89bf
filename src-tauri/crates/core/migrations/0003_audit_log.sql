-- Append-only, hash-chained audit log: hash_n = HMAC(audit key, hash_{n-1} || canonical entry).
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    user_id   INTEGER,
    user_name TEXT,
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL DEFAULT '',
    result    TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '{}',
    hash      BLOB    NOT NULL
);

-- The newest link, with its own MAC, so that removing entries from the end is detected.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB    NOT NULL,
    mac  BLOB    NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
