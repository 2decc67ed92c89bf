-- What a search and the order by name read of a customer, written with it (customer::insert):
-- its reference, name, e-mail and phone in Turkish lower case ("ayşe" finds "AYŞE"), the same
-- without the letters Turkish adds to Latin ("ayse" finds "Ayşe" when asked), and a key that
-- sorts names in Turkish alphabetical order byte by byte. The rows already in a vault are
-- filled by the program right after this migration (the folding is Turkish, not SQLite's).
ALTER TABLE customers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN search_plain TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_by_sort_key ON customers (sort_key, id);
-- Names are ordered by their Turkish key now; the index by the name itself serves nothing.
DROP INDEX IF EXISTS customers_by_name;
