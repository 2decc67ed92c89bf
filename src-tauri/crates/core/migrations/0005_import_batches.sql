-- Imported files: one row per committed batch, and the link from each plan and payment to the
-- batch that created it (a batch's not-yet-run payments can be cancelled as a whole).

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    file_name       TEXT NOT NULL,
    content_hash    TEXT NOT NULL CHECK (length(content_hash) = 64), -- SHA-256 of the file, hex
    rows_total      INTEGER NOT NULL CHECK (rows_total >= 0),
    rows_imported   INTEGER NOT NULL CHECK (rows_imported >= 0),
    rows_rejected   INTEGER NOT NULL CHECK (rows_rejected >= 0),
    rows_warned     INTEGER NOT NULL CHECK (rows_warned >= 0),
    customers_added INTEGER NOT NULL DEFAULT 0,
    plans           INTEGER NOT NULL DEFAULT 0,
    payments        INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    cancelled_by    INTEGER REFERENCES users(id),
    cancelled_at    TEXT
);
CREATE INDEX import_batches_by_hash ON import_batches (store_id, content_hash);

ALTER TABLE payments ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
CREATE INDEX payments_by_batch ON payments (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX plans_by_batch ON plans (batch_id) WHERE batch_id IS NOT NULL;
