-- Each store's schedule of retries after a soft decline (insufficient funds, "do not honour"):
-- the days after the first decline on a card on which that card is tried again, separated by
-- commas, within the card schemes' limits (checked by the program). An empty schedule moves on
-- to the customer's next card at once.
ALTER TABLE stores ADD COLUMN soft_retry_days TEXT NOT NULL DEFAULT '1,3,7';
