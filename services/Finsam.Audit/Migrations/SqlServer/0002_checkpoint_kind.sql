-- A retention cut is its own signed statement, not an ordinary checkpoint: the kind is part of the signed
-- bytes (Checkpoint.SignedBytesOf). Checkpoints signed before this column existed are ordinary ones.
ALTER TABLE audit_checkpoints ADD kind NVARCHAR(16) NOT NULL CONSTRAINT df_audit_checkpoints_kind DEFAULT 'ordinary';
