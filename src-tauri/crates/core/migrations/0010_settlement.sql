-- The bank's own record, day by day (docs/engine.md, "Daily settlement").
--
-- `vault_settings`: small facts of the vault that travel with it in a backup:
-- * `order_tag`: 4 characters every order id of this vault carries, so that its bookings are
--   told apart from those of other programs on the same terminal;
-- * `settle_from`: set by a restore to the day the backup was taken; until every day since then
--   is settled against the bank's history report, nothing new is sent or entered.
CREATE TABLE vault_settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
INSERT INTO vault_settings (key, value) VALUES ('order_tag',
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (abs(random()) % 32) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (abs(random()) % 32) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (abs(random()) % 32) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (abs(random()) % 32) + 1, 1));

-- The day (Istanbul) whose history report lists an attempt or a follow-up.
ALTER TABLE attempts ADD COLUMN bank_day TEXT;
ALTER TABLE reversals ADD COLUMN bank_day TEXT;

-- One row per store and day that was matched: `settled` (no difference), `differences` (some
-- left unresolved), `pending` (something of that day is still open here). `complete`: the
-- report was read after the day had ended, so nothing more can appear in it.
CREATE TABLE settlement_days (
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    day         TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('settled', 'differences', 'pending')),
    complete    INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    bank_rows   INTEGER NOT NULL DEFAULT 0,
    matched     INTEGER NOT NULL DEFAULT 0,
    others      INTEGER NOT NULL DEFAULT 0,
    differences INTEGER NOT NULL DEFAULT 0,
    open_here   INTEGER NOT NULL DEFAULT 0,
    checked_at  TEXT NOT NULL,
    PRIMARY KEY (store_id, day)
);

-- What the report and this vault disagree on. Resolved by the engine when a later report or
-- inquiry shows agreement, or by an operator with a note.
CREATE TABLE settlement_differences (
    id                 INTEGER PRIMARY KEY,
    store_id           INTEGER NOT NULL REFERENCES stores(id),
    day                TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN (
                           'unknown_booking', 'missing_at_bank', 'amount_differs', 'status_differs')),
    txn_code           TEXT NOT NULL,
    order_id           TEXT NOT NULL,
    attempt_id         INTEGER REFERENCES attempts(id),
    reversal_id        INTEGER REFERENCES reversals(id),
    local_state        TEXT,
    bank_status        TEXT,
    local_amount_minor INTEGER,
    bank_amount_minor  INTEGER,
    currency           INTEGER,
    masked_pan         TEXT,
    found_at           TEXT NOT NULL,
    resolved_at        TEXT,
    resolved_by        INTEGER,
    resolution         TEXT,
    UNIQUE (store_id, day, kind, txn_code, order_id)
);
CREATE INDEX settlement_differences_open ON settlement_differences (store_id, day)
    WHERE resolved_at IS NULL;
