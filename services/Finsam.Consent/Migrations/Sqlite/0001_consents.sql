-- Consents are never edited: a change is a new consent or a revocation.
CREATE TABLE consents (
    consent_id        TEXT NOT NULL PRIMARY KEY,
    person_ref        TEXT NOT NULL,
    kind              TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    method            TEXT NOT NULL,
    valid_until       TEXT NOT NULL,
    note              TEXT NULL,
    recorded_by_user  TEXT NOT NULL,
    recorded_by_role  TEXT NOT NULL,
    recorded_by_party TEXT NOT NULL,
    recorded_by_unit  TEXT NULL,
    recorded_at       TEXT NOT NULL,
    revoked_at        TEXT NULL,
    revoked_by_user   TEXT NULL,
    revoke_reason     TEXT NULL
);
CREATE INDEX ix_consents_person ON consents (person_ref);

CREATE TABLE consent_provisions (
    consent_id TEXT    NOT NULL REFERENCES consents (consent_id),
    position   INTEGER NOT NULL,
    to_party   TEXT    NOT NULL,
    to_unit_id TEXT    NULL,
    categories TEXT    NOT NULL, -- category codes separated by spaces
    PRIMARY KEY (consent_id, position)
);
