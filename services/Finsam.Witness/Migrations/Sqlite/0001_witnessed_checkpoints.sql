-- The last checkpoint the witness cosigned for each log (c2sp.org/tlog-witness): a new one is cosigned only when a
-- consistency proof shows it extends this one. Replaced, never deleted: losing it would let a log fork unseen.
CREATE TABLE witnessed_checkpoints (
    origin      TEXT    NOT NULL PRIMARY KEY,
    tree_size   INTEGER NOT NULL,
    root        BLOB    NOT NULL,
    note        TEXT    NOT NULL,
    cosigned_at TEXT    NOT NULL
);
