-- Automatic daily backups: off until an administrator turns them on. One row. The folder is a
-- path on this PC; the passphrase is sealed under the vault's key (never stored in clear); the
-- last attempt's time, file and result (a stable error code when it failed) are shown in the
-- window.
CREATE TABLE backup_schedule (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    enabled             INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    folder              TEXT,
    keep                INTEGER NOT NULL DEFAULT 7 CHECK (keep BETWEEN 1 AND 365),
    passphrase_sealed   BLOB,
    last_at             TEXT,
    last_file           TEXT,
    last_error          TEXT,
    updated_at          TEXT
);
INSERT INTO backup_schedule (id) VALUES (1);
