-- The people an IPS unit follows, and what the agency said about each when last asked.
-- IF NOT EXISTS: until this module held it, each adapter created the same table from its own script, so a
-- database migrated before the move already has it (docs/adr/0015).
CREATE TABLE IF NOT EXISTS followed_persons (
    person_ref       TEXT NOT NULL,
    unit_id          TEXT NOT NULL,
    since            TEXT NOT NULL,
    last_description TEXT NULL,
    PRIMARY KEY (person_ref, unit_id)
);
