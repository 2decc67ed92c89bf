-- The bank's batch (end-of-day group) number of an answered attempt, printed on its receipt.
ALTER TABLE attempts ADD COLUMN batch_number INTEGER;
