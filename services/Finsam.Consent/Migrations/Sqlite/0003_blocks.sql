-- Blocks (spärr): never edited; lifting one stamps who and when.
CREATE TABLE consent_blocks (
    block_id          TEXT NOT NULL PRIMARY KEY,
    person_ref        TEXT NOT NULL,
    to_party          TEXT NOT NULL,
    to_unit_id        TEXT NULL,
    categories        TEXT NOT NULL, -- category codes separated by spaces
    reason            TEXT NULL,
    recorded_by_user  TEXT NOT NULL,
    recorded_by_role  TEXT NOT NULL,
    recorded_by_party TEXT NOT NULL,
    recorded_by_unit  TEXT NULL,
    recorded_at       TEXT NOT NULL,
    lifted_by_user    TEXT NULL,
    lifted_at         TEXT NULL
);
CREATE INDEX ix_consent_blocks_person ON consent_blocks (person_ref);
