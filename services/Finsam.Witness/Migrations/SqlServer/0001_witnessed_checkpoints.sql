-- The last checkpoint the witness cosigned for each log (c2sp.org/tlog-witness): a new one is cosigned only when a
-- consistency proof shows it extends this one. Replaced, never deleted: losing it would let a log fork unseen.
CREATE TABLE witnessed_checkpoints (
    origin      NVARCHAR(255)     NOT NULL PRIMARY KEY,
    tree_size   BIGINT            NOT NULL,
    root        VARBINARY(32)     NOT NULL,
    note        NVARCHAR(MAX)     NOT NULL,
    cosigned_at DATETIMEOFFSET(7) NOT NULL
);
