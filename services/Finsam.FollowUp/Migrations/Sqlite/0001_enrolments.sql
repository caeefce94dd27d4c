-- De-identified enrolments (issue 13): no personRef, name or personnummer. A row without a pseudonym is an anonymous
-- participant (unit, date, sex, age band only); with one, the status at start or end links by pseudonym and intake date.
CREATE TABLE enrolment_starts (
    event_id                TEXT NOT NULL PRIMARY KEY,
    unit_id                 TEXT NOT NULL,
    intake_date             TEXT NOT NULL,
    sex                     TEXT NOT NULL,
    age_band                TEXT NOT NULL,
    pseudonym               TEXT NULL,
    referring_party         TEXT NULL,
    received_on             TEXT NULL,
    occupation              TEXT NULL,
    extent_band             TEXT NULL,
    income_sources          TEXT NULL, -- space-separated codes
    education               TEXT NULL,
    last_employed           TEXT NULL,
    af_registered           INTEGER NULL,
    time_in_public_support  TEXT NULL
);
CREATE INDEX ix_enrolment_starts_unit ON enrolment_starts (unit_id, intake_date);

CREATE TABLE enrolment_ends (
    event_id                        TEXT NOT NULL PRIMARY KEY,
    unit_id                         TEXT NOT NULL,
    closed_on                       TEXT NOT NULL,
    sex                             TEXT NOT NULL,
    age_band                        TEXT NOT NULL,
    pseudonym                       TEXT NULL,
    intake_date                     TEXT NULL,
    outcome                         TEXT NULL,
    extent_band                     TEXT NULL,
    income_sources                  TEXT NULL,
    end_reason                      TEXT NULL,
    days_to_first_employer_contact  INTEGER NULL
);
CREATE INDEX ix_enrolment_ends_unit ON enrolment_ends (unit_id, closed_on);
