-- Pre-authorisations and their capture, and follow-ups that wait for the fate of their attempt.
--
-- A plan may be taken as a pre-authorisation (1004) instead of a sale: its payment then waits as
-- `authorized` until an operator captures it (1005, full or partial) or voids it. The reversals
-- table becomes the list of every follow-up on an attempt: voids, refunds and captures, and a
-- void asked for while the attempt's outcome was unknown waits there as `requested`.
--
-- SQLite cannot change a CHECK constraint in place, so `payments` and `reversals` are rebuilt
-- (the migration runs with foreign keys off and checks them before it commits).

ALTER TABLE plans ADD COLUMN pre_auth INTEGER NOT NULL DEFAULT 0 CHECK (pre_auth IN (0, 1));

-- `kind`: what was sent for the attempt. `captured_minor`: for a pre-authorisation, what its
-- post-authorisation captured (NULL while it is open); a sale captures its whole amount.
ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'pre_auth'));
ALTER TABLE attempts ADD COLUMN captured_minor INTEGER
    CHECK (captured_minor IS NULL OR (captured_minor > 0 AND captured_minor <= amount_minor));

CREATE TABLE payments_new (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id),
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    occurrence      INTEGER NOT NULL CHECK (occurrence >= 0),
    due_date        TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN (
                        'scheduled', 'processing', 'paid', 'retry_wait', 'attention',
                        'cancelled', 'voided', 'refunded', 'partially_refunded', 'authorized')),
    next_try_on     TEXT,
    card_id         INTEGER REFERENCES cards(id),
    attention       TEXT,
    soft_declines   INTEGER NOT NULL DEFAULT 0,
    first_soft_decline TEXT,
    updated_at      TEXT NOT NULL,
    batch_id        INTEGER REFERENCES import_batches(id),
    UNIQUE (plan_id, occurrence)
);
INSERT INTO payments_new (id, plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
        next_try_on, card_id, attention, soft_declines, first_soft_decline, updated_at, batch_id)
    SELECT id, plan_id, store_id, occurrence, due_date, amount_minor, currency, status,
        next_try_on, card_id, attention, soft_declines, first_soft_decline, updated_at, batch_id
    FROM payments;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
CREATE INDEX payments_due ON payments (status, next_try_on);
CREATE INDEX payments_by_store ON payments (store_id, due_date);
CREATE INDEX payments_by_batch ON payments (batch_id) WHERE batch_id IS NOT NULL;

-- States: `requested` (a void waiting for the inquiry of its attempt), `in_flight` (written ahead,
-- may be on the wire), `approved`, `declined` (refused, or the bank shows it was never done),
-- `unknown` (answer lost; settled by an inquiry of the original order), `closed` (a requested
-- void with nothing to void: the attempt was declined or never reached the bank).
CREATE TABLE reversals_new (
    id              INTEGER PRIMARY KEY,
    attempt_id      INTEGER NOT NULL REFERENCES attempts(id),
    kind            TEXT NOT NULL CHECK (kind IN ('void', 'refund', 'capture')),
    order_id        TEXT,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    state           TEXT NOT NULL CHECK (state IN (
                        'requested', 'in_flight', 'approved', 'declined', 'unknown', 'closed')),
    vps_code        TEXT,
    host_code       TEXT,
    message         TEXT,
    requested_by    INTEGER,
    created_at      TEXT NOT NULL,
    finished_at     TEXT,
    -- When it was written ahead to be sent (a requested void: when its attempt was settled).
    sent_at         TEXT,
    -- Sends of this follow-up: it is never sent a second time.
    sends           INTEGER NOT NULL DEFAULT 0 CHECK (sends IN (0, 1)),
    -- What the original had refunded (captured, for a capture) when this one was written ahead,
    -- so an inquiry can tell whether this one landed.
    base_minor      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO reversals_new (id, attempt_id, kind, order_id, amount_minor, state, vps_code, host_code,
        message, requested_by, created_at, finished_at, sent_at, sends)
    SELECT id, attempt_id, kind, order_id, amount_minor, state, vps_code, host_code,
        message, requested_by, created_at, finished_at, created_at, 1
    FROM reversals;
DROP TABLE reversals;
ALTER TABLE reversals_new RENAME TO reversals;
CREATE INDEX reversals_by_attempt ON reversals (attempt_id);
-- At most one follow-up of an attempt waits for an answer or for its attempt.
CREATE UNIQUE INDEX reversals_one_open_per_attempt ON reversals (attempt_id)
    WHERE state IN ('requested', 'in_flight', 'unknown');
