-- A password an administrator reset: the user must choose a new one at their next sign-in,
-- before anything else.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
