-- The edges of an attempt's life (docs/engine.md):
-- * `withdrawn`: it never reached the bank (`not_sent`, or `not_found` confirmed) and was taken
--   back because its payment may no longer be collected (plan cancelled or paused, store
--   disabled, payment voided) or an operator closed it as not charged. Like a decline, it no
--   longer holds the payment's one live attempt.
-- * `lost_replies`: sends whose answer never came (timeout, 5xx, unreadable body, our own
--   order id reported as already used); past a small bound the attempt goes to manual review
--   instead of being sent again.
-- * `not_found_at`: when an inquiry first said the bank has no such order since the last send;
--   `not_found_confirmed_at`: when a second inquiry said so again, after the grace period. Only
--   a confirmed not-found lets the order id be sent again, or the attempt be closed as not
--   charged. Both are cleared by the next send.
-- * `suspicious`: the bank showed the booking as suspicious (`txnStatus` S); an operator may
--   void it.
--
-- SQLite cannot change a CHECK constraint in place, so `attempts` is rebuilt with every row
-- kept (the migration runs with foreign keys off and checks them before it commits).

CREATE TABLE attempts_new (
    id              INTEGER PRIMARY KEY,
    payment_id      INTEGER NOT NULL REFERENCES payments(id),
    order_id        TEXT NOT NULL UNIQUE
                    CHECK (length(order_id) BETWEEN 1 AND 36 AND order_id NOT GLOB '*[^A-Za-z0-9-]*'),
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        INTEGER NOT NULL,
    installments    INTEGER NOT NULL DEFAULT 1,
    decline_kind    TEXT,
    state           TEXT NOT NULL CHECK (state IN (
                        'planned', 'in_flight', 'approved', 'declined', 'not_sent',
                        'unknown', 'not_found', 'manual_review', 'withdrawn')),
    vps_code        TEXT,
    host_code       TEXT,
    message         TEXT,
    auth_code       TEXT,
    rrn             TEXT,
    sends           INTEGER NOT NULL DEFAULT 0,
    inquiries       INTEGER NOT NULL DEFAULT 0,
    next_check_at   TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    finished_at     TEXT,
    review_reason   TEXT,
    refunded_minor  INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    kind            TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'pre_auth')),
    captured_minor  INTEGER
                    CHECK (captured_minor IS NULL OR (captured_minor > 0 AND captured_minor <= amount_minor)),
    lost_replies    INTEGER NOT NULL DEFAULT 0 CHECK (lost_replies >= 0),
    not_found_at    TEXT,
    not_found_confirmed_at TEXT,
    suspicious      INTEGER NOT NULL DEFAULT 0 CHECK (suspicious IN (0, 1)),
    CHECK (refunded_minor <= amount_minor)
);
INSERT INTO attempts_new (id, payment_id, order_id, card_id, amount_minor, currency, installments,
        decline_kind, state, vps_code, host_code, message, auth_code, rrn, sends, inquiries,
        next_check_at, created_at, sent_at, finished_at, review_reason, refunded_minor, voided,
        kind, captured_minor)
    SELECT id, payment_id, order_id, card_id, amount_minor, currency, installments,
        decline_kind, state, vps_code, host_code, message, auth_code, rrn, sends, inquiries,
        next_check_at, created_at, sent_at, finished_at, review_reason, refunded_minor, voided,
        kind, captured_minor
    FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;
-- At most one attempt per payment that may still charge the card: a second one for the same
-- occurrence could charge the customer twice.
CREATE UNIQUE INDEX attempts_one_live_per_payment ON attempts (payment_id)
    WHERE state NOT IN ('declined', 'withdrawn');
CREATE INDEX attempts_open ON attempts (state)
    WHERE state NOT IN ('approved', 'declined', 'withdrawn');
CREATE INDEX attempts_by_payment ON attempts (payment_id, id);
