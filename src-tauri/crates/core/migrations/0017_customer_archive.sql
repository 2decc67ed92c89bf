-- A customer can be archived: kept with its whole history, never charged again (its running
-- plans are cancelled in the same transaction, and no plan or card can be added until it is
-- taken out of the archive).
ALTER TABLE customers ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'archived'));
ALTER TABLE customers ADD COLUMN archived_at TEXT;
