-- The people an IPS unit follows, and what the agency said about each when last asked.
CREATE TABLE followed_persons (
    person_ref       TEXT NOT NULL,
    unit_id          TEXT NOT NULL,
    since            TEXT NOT NULL,
    last_description TEXT NULL,
    PRIMARY KEY (person_ref, unit_id)
);
