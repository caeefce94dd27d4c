-- De-identified enrolments (issue 13): no personRef, name or personnummer. A row without a pseudonym is an anonymous
-- participant (unit, date, sex, age band only); with one, the status at start or end links by pseudonym and intake date.
CREATE TABLE enrolment_starts (
    event_id                NVARCHAR(36)  NOT NULL PRIMARY KEY,
    unit_id                 NVARCHAR(128) NOT NULL,
    intake_date             NVARCHAR(10)  NOT NULL,
    sex                     NVARCHAR(16)  NOT NULL,
    age_band                NVARCHAR(16)  NOT NULL,
    pseudonym               NVARCHAR(64)  NULL,
    referring_party         NVARCHAR(32)  NULL,
    received_on             NVARCHAR(10)  NULL,
    occupation              NVARCHAR(32)  NULL,
    extent_band             NVARCHAR(16)  NULL,
    income_sources          NVARCHAR(400) NULL,
    education               NVARCHAR(32)  NULL,
    last_employed           NVARCHAR(32)  NULL,
    af_registered           BIT           NULL,
    time_in_public_support  NVARCHAR(32)  NULL
);
CREATE INDEX ix_enrolment_starts_unit ON enrolment_starts (unit_id, intake_date);

CREATE TABLE enrolment_ends (
    event_id                        NVARCHAR(36)  NOT NULL PRIMARY KEY,
    unit_id                         NVARCHAR(128) NOT NULL,
    closed_on                       NVARCHAR(10)  NOT NULL,
    sex                             NVARCHAR(16)  NOT NULL,
    age_band                        NVARCHAR(16)  NOT NULL,
    pseudonym                       NVARCHAR(64)  NULL,
    intake_date                     NVARCHAR(10)  NULL,
    outcome                         NVARCHAR(32)  NULL,
    extent_band                     NVARCHAR(16)  NULL,
    income_sources                  NVARCHAR(400) NULL,
    end_reason                      NVARCHAR(32)  NULL,
    days_to_first_employer_contact  INT           NULL
);
CREATE INDEX ix_enrolment_ends_unit ON enrolment_ends (unit_id, closed_on);
