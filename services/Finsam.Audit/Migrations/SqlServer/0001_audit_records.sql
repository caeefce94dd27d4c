-- Append-only: rows are inserted by the single audit writer and never updated. Each row's hash covers the
-- previous row's hash, so changing, deleting or reordering any row breaks the chain from there on.
CREATE TABLE audit_records (
    sequence        BIGINT            NOT NULL PRIMARY KEY,
    message_id      NVARCHAR(64)      NOT NULL CONSTRAINT uq_audit_message UNIQUE,
    recorded_at     DATETIMEOFFSET(7) NOT NULL,
    occurred_at     DATETIMEOFFSET(7) NOT NULL,
    action          NVARCHAR(32)      NOT NULL,
    outcome         NVARCHAR(16)      NOT NULL,
    actor_user      NVARCHAR(128)     NOT NULL,
    actor_role      NVARCHAR(32)      NOT NULL,
    actor_party     NVARCHAR(32)      NOT NULL,
    actor_unit      NVARCHAR(128)     NULL,
    person_ref      NVARCHAR(64)      NULL,
    source_party    NVARCHAR(32)      NULL,
    source_unit     NVARCHAR(128)     NULL,
    recipient_party NVARCHAR(32)      NULL,
    recipient_unit  NVARCHAR(128)     NULL,
    categories      NVARCHAR(1000)    NOT NULL, -- category codes separated by spaces
    purpose         NVARCHAR(32)      NULL,
    consent_id      NVARCHAR(36)      NULL,
    reason          NVARCHAR(2000)    NULL,
    correlation_id  NVARCHAR(64)      NULL,
    previous_hash   CHAR(64)          NOT NULL,
    hash            CHAR(64)          NOT NULL
);
CREATE INDEX ix_audit_person ON audit_records (person_ref, sequence);
CREATE INDEX ix_audit_actor ON audit_records (actor_user, sequence);
CREATE INDEX ix_audit_occurred ON audit_records (occurred_at);

-- Signed checkpoints (sequence, head hash, time): every N records or T seconds, and at a retention cut.
CREATE TABLE audit_checkpoints (
    sequence   BIGINT            NOT NULL PRIMARY KEY,
    head_hash  CHAR(64)          NOT NULL,
    signed_at  DATETIMEOFFSET(7) NOT NULL,
    key_id     NVARCHAR(64)      NOT NULL,
    signature  NVARCHAR(200)     NOT NULL
);
