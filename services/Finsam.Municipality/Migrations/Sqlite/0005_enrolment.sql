-- The enrolment from intake to outcome (issue 12): where the person stood at the start and at the end, the planned
-- end and its extensions, and the contacts with employers. Dates are Swedish calendar dates as yyyy-MM-dd text.
ALTER TABLE ips_cases ADD COLUMN planned_end TEXT NULL;

-- Never updated: a corrected intake, or a new one after the case was reopened, is a new row; the latest is in force.
CREATE TABLE ips_intakes (
    case_id                 TEXT NOT NULL REFERENCES ips_cases (case_id),
    intake_date             TEXT NOT NULL,
    sex                     TEXT NOT NULL,
    birth_year              INTEGER NOT NULL,
    education               TEXT NOT NULL,
    last_employed           TEXT NOT NULL,
    af_registered           INTEGER NOT NULL,
    occupation              TEXT NOT NULL,
    extent_band             TEXT NOT NULL,
    income_sources          TEXT NOT NULL, -- space-separated codes
    time_in_public_support  TEXT NOT NULL,
    wish_and_goal           TEXT NOT NULL,
    recorded_by             TEXT NOT NULL,
    recorded_at             TEXT NOT NULL
);
CREATE INDEX ix_ips_intakes ON ips_intakes (case_id, recorded_at);

CREATE TABLE ips_extensions (
    case_id     TEXT NOT NULL REFERENCES ips_cases (case_id),
    from_end    TEXT NULL,
    until       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ix_ips_extensions ON ips_extensions (case_id, at);

CREATE TABLE ips_employer_contacts (
    contact_id    TEXT NOT NULL PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES ips_cases (case_id),
    contact_date  TEXT NOT NULL,
    employer      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    note          TEXT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX ix_ips_employer_contacts ON ips_employer_contacts (case_id, contact_date);

-- One row per closing: a reopened and closed again case keeps each end beside its start.
CREATE TABLE ips_case_endings (
    case_id         TEXT NOT NULL REFERENCES ips_cases (case_id),
    closed_at       TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    extent_band     TEXT NOT NULL,
    income_sources  TEXT NOT NULL,
    end_reason      TEXT NOT NULL,
    by_user         TEXT NOT NULL
);
CREATE INDEX ix_ips_case_endings ON ips_case_endings (case_id, closed_at);
