-- Stores: Akbank virtual POS terminals. The secret key is sealed at field level.
CREATE TABLE stores (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    environment       TEXT    NOT NULL CHECK (environment IN ('sandbox', 'test', 'live')),
    base_url          TEXT,
    merchant_safe_id  TEXT    NOT NULL DEFAULT '',
    terminal_safe_id  TEXT    NOT NULL DEFAULT '',
    secret_key_sealed BLOB,
    concurrency       INTEGER NOT NULL DEFAULT 4 CHECK (concurrency BETWEEN 1 AND 8),
    rate_per_sec      INTEGER NOT NULL DEFAULT 5 CHECK (rate_per_sec BETWEEN 1 AND 100),
    run_time          TEXT    NOT NULL DEFAULT '10:00',
    max_installments  INTEGER NOT NULL DEFAULT 9 CHECK (max_installments BETWEEN 1 AND 12),
    enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
