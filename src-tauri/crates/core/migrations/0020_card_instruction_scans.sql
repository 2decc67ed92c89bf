-- The scan of a card's signed mail-order instruction (a PDF, PNG or JPEG of at most 10 MB, its
-- type recognised by its first bytes), one per card: attaching again replaces it. Like every
-- table, it is encrypted at rest with the vault. A removed card keeps its scan for the history.
CREATE TABLE card_instruction_scans (
    card_id    INTEGER PRIMARY KEY REFERENCES cards(id),
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size       INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760 AND size = length(content)),
    content    BLOB NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   INTEGER NOT NULL REFERENCES users(id)
);
