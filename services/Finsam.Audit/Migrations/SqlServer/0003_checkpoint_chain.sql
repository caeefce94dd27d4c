-- Each checkpoint also signs the one before it (its sequence and head hash), so a checkpoint removed from
-- the middle is found by the one signed after it (Checkpoint.SignedBytesOf). Null on checkpoints signed
-- before this column existed; the first checkpoint of a log names sequence 0.
ALTER TABLE audit_checkpoints ADD previous_sequence BIGINT NULL, previous_hash CHAR(64) NULL;
