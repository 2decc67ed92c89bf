-- What each payment brought in, kept beside it, and the payments' totals and the bank's decline
-- reasons per due day, which the dashboard and the period summary read instead of every payment
-- of the period: a summary then costs the number of days it covers, not the number of payments
-- in the vault.
--
-- Triggers keep both exact whoever writes: an approved attempt's charge (a pre-authorisation
-- counts what its capture took), its void and its refunds update the payment's `charged_minor`
-- and `refunded_minor`; every payment written, re-dated, re-priced or moved to another status
-- moves its weight from its old total row to its new one. Only approved attempts count, so the
-- attempts' trigger fires only when an attempt is or was approved.

ALTER TABLE payments ADD COLUMN charged_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0;

UPDATE payments SET
    charged_minor = (SELECT coalesce(sum(CASE WHEN a.kind = 'pre_auth' THEN coalesce(a.captured_minor, 0)
                                              ELSE a.amount_minor END), 0)
                     FROM attempts a WHERE a.payment_id = payments.id AND a.state = 'approved' AND a.voided = 0),
    refunded_minor = (SELECT coalesce(sum(a.refunded_minor), 0)
                      FROM attempts a WHERE a.payment_id = payments.id AND a.state = 'approved')
WHERE id IN (SELECT payment_id FROM attempts WHERE state = 'approved');

CREATE TRIGGER attempts_charge_payment AFTER UPDATE OF state, voided, kind, amount_minor, captured_minor, refunded_minor
ON attempts WHEN NEW.state = 'approved' OR OLD.state = 'approved'
BEGIN
    UPDATE payments SET
        charged_minor = (SELECT coalesce(sum(CASE WHEN a.kind = 'pre_auth' THEN coalesce(a.captured_minor, 0)
                                                  ELSE a.amount_minor END), 0)
                         FROM attempts a WHERE a.payment_id = NEW.payment_id AND a.state = 'approved' AND a.voided = 0),
        refunded_minor = (SELECT coalesce(sum(a.refunded_minor), 0)
                          FROM attempts a WHERE a.payment_id = NEW.payment_id AND a.state = 'approved')
    WHERE id = NEW.payment_id;
END;

CREATE TRIGGER attempts_charge_new_payment AFTER INSERT ON attempts WHEN NEW.state = 'approved'
BEGIN
    UPDATE payments SET
        charged_minor = charged_minor + CASE WHEN NEW.voided = 1 THEN 0
                                             WHEN NEW.kind = 'pre_auth' THEN coalesce(NEW.captured_minor, 0)
                                             ELSE NEW.amount_minor END,
        refunded_minor = refunded_minor + NEW.refunded_minor
    WHERE id = NEW.payment_id;
END;

-- One row per due day, store, currency, status, kind of plan and import batch (0: none).
CREATE TABLE payment_day_totals (
    due_date          TEXT NOT NULL,
    store_id          INTEGER NOT NULL,
    currency          INTEGER NOT NULL,
    status            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    batch_id          INTEGER NOT NULL,
    payments          INTEGER NOT NULL,
    amount_minor      INTEGER NOT NULL,
    charged_minor     INTEGER NOT NULL,
    refunded_minor    INTEGER NOT NULL,
    -- Payments with something refunded.
    refunded_payments INTEGER NOT NULL,
    PRIMARY KEY (due_date, store_id, currency, status, kind, batch_id)
) WITHOUT ROWID;

INSERT INTO payment_day_totals
SELECT p.due_date, p.store_id, p.currency, p.status, pl.kind, coalesce(pl.batch_id, 0), count(*),
       sum(p.amount_minor), sum(p.charged_minor), sum(p.refunded_minor), sum(p.refunded_minor > 0)
FROM payments p JOIN plans pl ON pl.id = p.plan_id
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER payments_add_to_day AFTER INSERT ON payments
BEGIN
    INSERT INTO payment_day_totals
    SELECT NEW.due_date, NEW.store_id, NEW.currency, NEW.status, pl.kind, coalesce(pl.batch_id, 0), 1,
           NEW.amount_minor, NEW.charged_minor, NEW.refunded_minor, NEW.refunded_minor > 0
    FROM plans pl WHERE pl.id = NEW.plan_id
    ON CONFLICT DO UPDATE SET
        payments = payments + 1,
        amount_minor = amount_minor + excluded.amount_minor,
        charged_minor = charged_minor + excluded.charged_minor,
        refunded_minor = refunded_minor + excluded.refunded_minor,
        refunded_payments = refunded_payments + excluded.refunded_payments;
END;

CREATE TRIGGER payments_move_between_days
AFTER UPDATE OF due_date, store_id, currency, status, plan_id, amount_minor, charged_minor, refunded_minor ON payments
WHEN OLD.due_date IS NOT NEW.due_date OR OLD.store_id IS NOT NEW.store_id OR OLD.currency IS NOT NEW.currency
  OR OLD.status IS NOT NEW.status OR OLD.plan_id IS NOT NEW.plan_id OR OLD.amount_minor IS NOT NEW.amount_minor
  OR OLD.charged_minor IS NOT NEW.charged_minor OR OLD.refunded_minor IS NOT NEW.refunded_minor
BEGIN
    UPDATE payment_day_totals SET
        payments = payments - 1,
        amount_minor = amount_minor - OLD.amount_minor,
        charged_minor = charged_minor - OLD.charged_minor,
        refunded_minor = refunded_minor - OLD.refunded_minor,
        refunded_payments = refunded_payments - (OLD.refunded_minor > 0)
    WHERE (due_date, store_id, currency, status, kind, batch_id) =
          (SELECT OLD.due_date, OLD.store_id, OLD.currency, OLD.status, pl.kind, coalesce(pl.batch_id, 0)
           FROM plans pl WHERE pl.id = OLD.plan_id);
    INSERT INTO payment_day_totals
    SELECT NEW.due_date, NEW.store_id, NEW.currency, NEW.status, pl.kind, coalesce(pl.batch_id, 0), 1,
           NEW.amount_minor, NEW.charged_minor, NEW.refunded_minor, NEW.refunded_minor > 0
    FROM plans pl WHERE pl.id = NEW.plan_id
    ON CONFLICT DO UPDATE SET
        payments = payments + 1,
        amount_minor = amount_minor + excluded.amount_minor,
        charged_minor = charged_minor + excluded.charged_minor,
        refunded_minor = refunded_minor + excluded.refunded_minor,
        refunded_payments = refunded_payments + excluded.refunded_payments;
END;

CREATE TRIGGER payments_leave_day AFTER DELETE ON payments
BEGIN
    UPDATE payment_day_totals SET
        payments = payments - 1,
        amount_minor = amount_minor - OLD.amount_minor,
        charged_minor = charged_minor - OLD.charged_minor,
        refunded_minor = refunded_minor - OLD.refunded_minor,
        refunded_payments = refunded_payments - (OLD.refunded_minor > 0)
    WHERE (due_date, store_id, currency, status, kind, batch_id) =
          (SELECT OLD.due_date, OLD.store_id, OLD.currency, OLD.status, pl.kind, coalesce(pl.batch_id, 0)
           FROM plans pl WHERE pl.id = OLD.plan_id);
END;

-- The declines of the payments due on a day, per store and the bank's codes ('' for none):
-- how many attempts were declined, and of how many payments.
CREATE TABLE decline_day_totals (
    due_date  TEXT NOT NULL,
    store_id  INTEGER NOT NULL,
    vps_code  TEXT NOT NULL,
    host_code TEXT NOT NULL,
    attempts  INTEGER NOT NULL,
    payments  INTEGER NOT NULL,
    PRIMARY KEY (due_date, store_id, vps_code, host_code)
) WITHOUT ROWID;

INSERT INTO decline_day_totals
SELECT p.due_date, p.store_id, coalesce(a.vps_code, ''), coalesce(a.host_code, ''), count(*),
       count(DISTINCT a.payment_id)
FROM attempts a JOIN payments p ON p.id = a.payment_id
WHERE a.state = 'declined'
GROUP BY 1, 2, 3, 4;

-- A declined attempt counts once; its payment once per pair of codes.
CREATE TRIGGER attempts_add_decline AFTER INSERT ON attempts WHEN NEW.state = 'declined'
BEGIN
    INSERT INTO decline_day_totals
    SELECT p.due_date, p.store_id, coalesce(NEW.vps_code, ''), coalesce(NEW.host_code, ''), 1,
           NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = NEW.payment_id AND a.id <> NEW.id
                         AND a.state = 'declined' AND a.vps_code IS NEW.vps_code AND a.host_code IS NEW.host_code)
    FROM payments p WHERE p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET attempts = attempts + 1, payments = payments + excluded.payments;
END;

CREATE TRIGGER attempts_move_decline AFTER UPDATE OF state, vps_code, host_code, payment_id ON attempts
WHEN OLD.state = 'declined' OR NEW.state = 'declined'
BEGIN
    UPDATE decline_day_totals SET
        attempts = attempts - 1,
        payments = payments - NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = OLD.payment_id
                       AND a.id <> OLD.id AND a.state = 'declined' AND a.vps_code IS OLD.vps_code
                       AND a.host_code IS OLD.host_code)
    WHERE OLD.state = 'declined'
      AND (due_date, store_id, vps_code, host_code) =
          (SELECT p.due_date, p.store_id, coalesce(OLD.vps_code, ''), coalesce(OLD.host_code, '')
           FROM payments p WHERE p.id = OLD.payment_id);
    INSERT INTO decline_day_totals
    SELECT p.due_date, p.store_id, coalesce(NEW.vps_code, ''), coalesce(NEW.host_code, ''), 1,
           NOT EXISTS (SELECT 1 FROM attempts a WHERE a.payment_id = NEW.payment_id AND a.id <> NEW.id
                         AND a.state = 'declined' AND a.vps_code IS NEW.vps_code AND a.host_code IS NEW.host_code)
    FROM payments p WHERE p.id = NEW.payment_id AND NEW.state = 'declined'
    ON CONFLICT DO UPDATE SET attempts = attempts + 1, payments = payments + excluded.payments;
END;
