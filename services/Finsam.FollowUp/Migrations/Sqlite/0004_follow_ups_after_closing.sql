-- Where linked participants stood months after closing (RE-AIM's maintenance, issue 13): pseudonym and intake date link
-- each to the enrolment it follows. No personRef, name or personnummer.
CREATE TABLE enrolment_follow_ups (
    event_id         TEXT NOT NULL PRIMARY KEY,
    unit_id          TEXT NOT NULL,
    follow_up_date   TEXT NOT NULL,
    months_after     INTEGER NOT NULL,
    pseudonym        TEXT NOT NULL,
    intake_date      TEXT NOT NULL,
    occupation       TEXT NOT NULL,
    extent_band      TEXT NOT NULL,
    income_sources   TEXT NOT NULL
);
CREATE INDEX ix_enrolment_follow_ups_unit ON enrolment_follow_ups (unit_id, follow_up_date);
