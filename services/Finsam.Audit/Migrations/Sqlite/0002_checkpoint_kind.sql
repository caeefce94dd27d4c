-- A retention cut is its own signed statement, not an ordinary checkpoint: the kind is part of the signed
-- bytes (Checkpoint.SignedBytesOf). Checkpoints signed before this column existed are ordinary ones.
ALTER TABLE audit_checkpoints ADD COLUMN kind TEXT NOT NULL DEFAULT 'ordinary';
