-- What the test consumer did: one row per effect.
CREATE TABLE effects (consent_id TEXT NOT NULL, reason TEXT NOT NULL);
