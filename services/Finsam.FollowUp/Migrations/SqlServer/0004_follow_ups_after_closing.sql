-- Where linked participants stood months after closing (RE-AIM's maintenance, issue 13): pseudonym and intake date link
-- each to the enrolment it follows. No personRef, name or personnummer.
CREATE TABLE enrolment_follow_ups (
    event_id         NVARCHAR(36) NOT NULL PRIMARY KEY,
    unit_id          NVARCHAR(128) NOT NULL,
    follow_up_date   NVARCHAR(10) NOT NULL,
    months_after     INT NOT NULL,
    pseudonym        NVARCHAR(64) NOT NULL,
    intake_date      NVARCHAR(10) NOT NULL,
    occupation       NVARCHAR(64) NOT NULL,
    extent_band      NVARCHAR(64) NOT NULL,
    income_sources   NVARCHAR(400) NOT NULL
);
CREATE INDEX ix_enrolment_follow_ups_unit ON enrolment_follow_ups (unit_id, follow_up_date);
