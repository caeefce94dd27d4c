-- The transactional outbox: messages written in the same transaction as the state change that causes them.
CREATE TABLE outbox_messages (
    sequence     BIGINT IDENTITY(1,1) PRIMARY KEY,
    message_id   NVARCHAR(64)      NOT NULL CONSTRAINT uq_outbox_message_id UNIQUE,
    message_type NVARCHAR(256)     NOT NULL,
    body         NVARCHAR(MAX)     NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    sent_at      DATETIMEOFFSET(7) NULL,
    attempts     INT               NOT NULL DEFAULT 0,
    last_error   NVARCHAR(2000)    NULL
);
CREATE INDEX ix_outbox_unsent ON outbox_messages (sent_at, sequence);

-- The inbox: ids of messages already processed, so that redelivery never repeats an effect.
CREATE TABLE inbox_messages (
    message_id   NVARCHAR(64)      NOT NULL,
    consumer     NVARCHAR(256)     NOT NULL,
    processed_at DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
);
