-- Indexes for the payments list and the customer search: every sort column with the payment
-- id as the tie-break, the latest attempt of a payment, customers by name, plans by batch.

CREATE INDEX IF NOT EXISTS payments_by_due_date ON payments (due_date, id);
CREATE INDEX IF NOT EXISTS payments_by_amount ON payments (amount_minor, id);
CREATE INDEX IF NOT EXISTS payments_by_status ON payments (status, due_date, id);
CREATE INDEX IF NOT EXISTS attempts_by_payment ON attempts (payment_id, id);
CREATE INDEX IF NOT EXISTS customers_by_name ON customers (name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS plans_by_batch ON plans (batch_id) WHERE batch_id IS NOT NULL;
