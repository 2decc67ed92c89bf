-- The payments list sorted by customer walks one index of the payments, like every other sort:
-- each payment carries its customer's Turkish sort key (customers.sort_key, migration 16).
-- The program writes it with each payment; triggers keep it exact whoever writes: a payment
-- written without it or moved to another plan takes its customer's key, and a customer renamed
-- passes the new key to all of its payments.

ALTER TABLE payments ADD COLUMN customer_key TEXT NOT NULL DEFAULT '';

UPDATE payments SET customer_key = (
    SELECT c.sort_key FROM plans pl JOIN customers c ON c.id = pl.customer_id WHERE pl.id = payments.plan_id);

CREATE TRIGGER payments_take_customer_key AFTER INSERT ON payments WHEN NEW.customer_key = ''
BEGIN
    UPDATE payments SET customer_key = (
        SELECT c.sort_key FROM plans pl JOIN customers c ON c.id = pl.customer_id WHERE pl.id = NEW.plan_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER payments_move_customer_key AFTER UPDATE OF plan_id ON payments
WHEN OLD.plan_id IS NOT NEW.plan_id
BEGIN
    UPDATE payments SET customer_key = (
        SELECT c.sort_key FROM plans pl JOIN customers c ON c.id = pl.customer_id WHERE pl.id = NEW.plan_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER customers_key_to_payments AFTER UPDATE OF sort_key ON customers
WHEN OLD.sort_key IS NOT NEW.sort_key
BEGIN
    UPDATE payments SET customer_key = NEW.sort_key
    WHERE plan_id IN (SELECT id FROM plans WHERE customer_id = NEW.id);
END;

-- Each sort's index carries, after the payment id, the payment columns the list filters on
-- (store, status, due date, plan), so a page under any of those filters is a walk of one index
-- that never reads the payments' rows it skips, and never sorts.
CREATE INDEX payments_by_customer_key ON payments (customer_key, id, store_id, status, due_date, plan_id);
DROP INDEX IF EXISTS payments_by_due_date;
CREATE INDEX payments_by_due_date ON payments (due_date, id, store_id, status, plan_id);
DROP INDEX IF EXISTS payments_by_amount;
CREATE INDEX payments_by_amount ON payments (amount_minor, id, store_id, status, due_date, plan_id);
DROP INDEX IF EXISTS payments_by_status;
CREATE INDEX payments_by_status ON payments (status, due_date, id, store_id, plan_id);

-- The customers list walks an index per sort too, which carries the store the user may see
-- and whether the customer is archived (migration 17).
CREATE INDEX customers_by_reference ON customers (reference, id, store_id, status);
DROP INDEX IF EXISTS customers_by_sort_key;
CREATE INDEX customers_by_sort_key ON customers (sort_key, id, store_id, status);
