-- The enrolment from intake to outcome (issue 12): where the person stood at the start and at the end, the planned
-- end and its extensions, and the contacts with employers. Dates are Swedish calendar dates as yyyy-MM-dd text.
ALTER TABLE ips_cases ADD planned_end NVARCHAR(10) NULL;

-- Never updated: a corrected intake, or a new one after the case was reopened, is a new row; the latest is in force.
CREATE TABLE ips_intakes (
    case_id                 NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    intake_date             NVARCHAR(10)      NOT NULL,
    sex                     NVARCHAR(16)      NOT NULL,
    birth_year              INT               NOT NULL,
    education               NVARCHAR(32)      NOT NULL,
    last_employed           NVARCHAR(32)      NOT NULL,
    af_registered           BIT               NOT NULL,
    occupation              NVARCHAR(32)      NOT NULL,
    extent_band             NVARCHAR(16)      NOT NULL,
    income_sources          NVARCHAR(400)     NOT NULL,
    time_in_public_support  NVARCHAR(32)      NOT NULL,
    wish_and_goal           NVARCHAR(4000)    NOT NULL,
    recorded_by             NVARCHAR(128)     NOT NULL,
    recorded_at             DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_intakes ON ips_intakes (case_id, recorded_at);

CREATE TABLE ips_extensions (
    case_id     NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    from_end    NVARCHAR(10)      NULL,
    until       NVARCHAR(10)      NOT NULL,
    reason      NVARCHAR(2000)    NOT NULL,
    by_user     NVARCHAR(128)     NOT NULL,
    at          DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_extensions ON ips_extensions (case_id, at);

CREATE TABLE ips_employer_contacts (
    contact_id    NVARCHAR(36)      NOT NULL PRIMARY KEY,
    case_id       NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    contact_date  NVARCHAR(10)      NOT NULL,
    employer      NVARCHAR(200)     NOT NULL,
    kind          NVARCHAR(16)      NOT NULL,
    note          NVARCHAR(2000)    NULL,
    recorded_by   NVARCHAR(128)     NOT NULL,
    recorded_at   DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_employer_contacts ON ips_employer_contacts (case_id, contact_date);

-- One row per closing: a reopened and closed again case keeps each end beside its start.
CREATE TABLE ips_case_endings (
    case_id         NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    closed_at       DATETIMEOFFSET(7) NOT NULL,
    outcome         NVARCHAR(32)      NOT NULL,
    extent_band     NVARCHAR(16)      NOT NULL,
    income_sources  NVARCHAR(400)     NOT NULL,
    end_reason      NVARCHAR(32)      NOT NULL,
    by_user         NVARCHAR(128)     NOT NULL
);
CREATE INDEX ix_ips_case_endings ON ips_case_endings (case_id, closed_at);
