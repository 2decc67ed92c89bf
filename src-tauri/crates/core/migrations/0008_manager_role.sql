-- The `manager` role preset: everything on its stores except managing users and stores.
--
-- SQLite cannot change a CHECK constraint in place, so `users` is rebuilt with every row kept
-- as it was (the migration runs with foreign keys off and checks them before it commits).

CREATE TABLE users_new (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'manager', 'viewer', 'custom')),
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
INSERT INTO users_new (id, name, password_hash, role, disabled, failed_attempts, locked_until,
        created_at, updated_at)
    SELECT id, name, password_hash, role, disabled, failed_attempts, locked_until,
        created_at, updated_at
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
