-- Append-only: rows are inserted by the single audit writer and never updated. Each row's hash covers the
-- previous row's hash, so changing, deleting or reordering any row breaks the chain from there on.
CREATE TABLE audit_records (
    sequence        INTEGER NOT NULL PRIMARY KEY,
    message_id      TEXT    NOT NULL UNIQUE,
    recorded_at     TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    outcome         TEXT    NOT NULL,
    actor_user      TEXT    NOT NULL,
    actor_role      TEXT    NOT NULL,
    actor_party     TEXT    NOT NULL,
    actor_unit      TEXT    NULL,
    person_ref      TEXT    NULL,
    source_party    TEXT    NULL,
    source_unit     TEXT    NULL,
    recipient_party TEXT    NULL,
    recipient_unit  TEXT    NULL,
    categories      TEXT    NOT NULL, -- category codes separated by spaces
    purpose         TEXT    NULL,
    consent_id      TEXT    NULL,
    reason          TEXT    NULL,
    correlation_id  TEXT    NULL,
    previous_hash   TEXT    NOT NULL,
    hash            TEXT    NOT NULL
);
CREATE INDEX ix_audit_person ON audit_records (person_ref, sequence);
CREATE INDEX ix_audit_actor ON audit_records (actor_user, sequence);
CREATE INDEX ix_audit_occurred ON audit_records (occurred_at);

-- Signed checkpoints (sequence, head hash, time): every N records or T seconds, and at a retention cut.
CREATE TABLE audit_checkpoints (
    sequence   INTEGER NOT NULL PRIMARY KEY,
    head_hash  TEXT    NOT NULL,
    signed_at  TEXT    NOT NULL,
    key_id     TEXT    NOT NULL,
    signature  TEXT    NOT NULL
);
