-- The transactional outbox: messages written in the same transaction as the state change that causes them.
CREATE TABLE outbox_messages (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   TEXT    NOT NULL UNIQUE,
    message_type TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT    NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NULL
);
CREATE INDEX ix_outbox_unsent ON outbox_messages (sent_at, sequence);

-- The inbox: ids of messages already processed, so that redelivery never repeats an effect.
CREATE TABLE inbox_messages (
    message_id   TEXT NOT NULL,
    consumer     TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
