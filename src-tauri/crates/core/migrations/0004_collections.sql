-- Customers, their cards, collection plans, the payments they produce and the attempts sent to
-- the bank for each payment. Times are UTC RFC 3339 text; dates are civil dates (YYYY-MM-DD) in
-- Europe/Istanbul; money is integer minor units with an ISO 4217 numeric currency code.

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    reference   TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email       TEXT,
    phone       TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (store_id, reference)
);

-- PAN and expiry are sealed at field level; the fingerprint (keyed HMAC of the PAN) finds
-- duplicates without opening them, and the masked form is all that ever leaves the core.
CREATE TABLE cards (
    id                 INTEGER PRIMARY KEY,
    customer_id        INTEGER NOT NULL REFERENCES customers(id),
    pan_sealed         BLOB NOT NULL,
    expiry_sealed      BLOB NOT NULL,
    pan_fingerprint    BLOB NOT NULL CHECK (length(pan_fingerprint) = 32),
    masked_pan         TEXT NOT NULL,
    brand              TEXT NOT NULL,
    holder             TEXT,
    position           INTEGER NOT NULL CHECK (position >= 0), -- 0 primary, 1 alternate, ...
    instruction_date   TEXT,       -- the signed mail-order instruction
    instruction_ref    TEXT,
    removed_at         TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX cards_by_customer ON cards (customer_id, position);
CREATE INDEX cards_by_fingerprint ON cards (pan_fingerprint);

CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    kind            TEXT NOT NULL CHECK (kind IN ('one_off', 'installment', 'recurring')),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        INTEGER NOT NULL CHECK (currency IN (949, 840, 978, 826)),
    installments    INTEGER NOT NULL DEFAULT 1 CHECK (installments BETWEEN 1 AND 36),
    start_date      TEXT NOT NULL,
    cadence         TEXT,          -- recurring only: 1m, 2w, 10d
    end_count       INTEGER,
    end_date        TEXT,
    description     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('active', 'paused', 'cancelled', 'completed')),
    batch_id        INTEGER,
    created_by      INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((kind = 'recurring') = (cadence IS NOT NULL)),
    CHECK (kind <> 'recurring' OR (end_count IS NOT NULL) <> (end_date IS NOT NULL)),
    CHECK (kind = 'installment' OR installments = 1)
);
CREATE INDEX plans_by_customer ON plans (customer_id);
CREATE INDEX plans_by_store ON plans (store_id, status);

-- One row per occurrence of a plan. `next_try_on` is when the scheduler may take it next (the
-- due date, or a retry date after a soft decline); `card_id` is the card it will use.
CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id),
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    occurrence      INTEGER NOT NULL CHECK (occurrence >= 0),
    due_date        TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN (
                        'scheduled', 'processing', 'paid', 'retry_wait', 'attention',
                        'cancelled', 'voided', 'refunded', 'partially_refunded')),
    next_try_on     TEXT,
    card_id         INTEGER REFERENCES cards(id),
    attention       TEXT,          -- why an operator must act
    soft_declines   INTEGER NOT NULL DEFAULT 0,  -- on the current card
    first_soft_decline TEXT,       -- date of the first soft decline on the current card
    updated_at      TEXT NOT NULL,
    UNIQUE (plan_id, occurrence)
);
CREATE INDEX payments_due ON payments (status, next_try_on);
CREATE INDEX payments_by_store ON payments (store_id, due_date);

-- Each provision sent (or to be sent) for a payment, written ahead before the first byte leaves.
CREATE TABLE attempts (
    id              INTEGER PRIMARY KEY,
    payment_id      INTEGER NOT NULL REFERENCES payments(id),
    order_id        TEXT NOT NULL UNIQUE
                    CHECK (length(order_id) BETWEEN 1 AND 36 AND order_id NOT GLOB '*[^A-Za-z0-9-]*'),
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        INTEGER NOT NULL,
    installments    INTEGER NOT NULL DEFAULT 1,
    decline_kind    TEXT,          -- soft, hard, our_error
    state           TEXT NOT NULL CHECK (state IN (
                        'planned', 'in_flight', 'approved', 'declined', 'not_sent',
                        'unknown', 'not_found', 'manual_review')),
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
    -- Why an operator must look at it (manual_review), or the last transport problem.
    review_reason   TEXT,
    refunded_minor  INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    voided          INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    CHECK (refunded_minor <= amount_minor)
);
-- At most one attempt per payment that is not a decline: a second live attempt for the same
-- occurrence could charge the customer twice.
CREATE UNIQUE INDEX attempts_one_live_per_payment ON attempts (payment_id) WHERE state <> 'declined';
CREATE INDEX attempts_open ON attempts (state) WHERE state NOT IN ('approved', 'declined');

-- Voids and refunds of an approved attempt.
CREATE TABLE reversals (
    id              INTEGER PRIMARY KEY,
    attempt_id      INTEGER NOT NULL REFERENCES attempts(id),
    kind            TEXT NOT NULL CHECK (kind IN ('void', 'refund')),
    order_id        TEXT,          -- the bank's order id of the refund, when it gave one
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    state           TEXT NOT NULL CHECK (state IN ('in_flight', 'approved', 'declined', 'unknown')),
    vps_code        TEXT,
    host_code       TEXT,
    message         TEXT,
    requested_by    INTEGER,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX reversals_by_attempt ON reversals (attempt_id);
