-- Local users (Argon2id PHC hashes) and their permissions, granted per store or for all stores.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'custom')),
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- store_id NULL = every store.
CREATE TABLE user_grants (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    store_id   INTEGER REFERENCES stores (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL
);
CREATE UNIQUE INDEX user_grants_unique ON user_grants (user_id, IFNULL(store_id, 0), permission);
