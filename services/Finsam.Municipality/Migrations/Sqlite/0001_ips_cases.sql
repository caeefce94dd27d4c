-- IPS cases: one per received referral, with what the consent let the referrer share.
CREATE TABLE ips_cases (
    case_id              TEXT NOT NULL PRIMARY KEY,
    referral_id          TEXT NOT NULL UNIQUE,
    person_ref           TEXT NOT NULL,
    unit_id              TEXT NOT NULL,
    referring_party      TEXT NOT NULL,
    referring_unit_id    TEXT NULL,
    referring_unit_name  TEXT NULL,
    consent_id           TEXT NOT NULL,
    reason               TEXT NOT NULL,
    own_goal             TEXT NOT NULL,
    contact_name         TEXT NOT NULL,
    contact_phone        TEXT NULL,
    contact_email        TEXT NULL,
    contact_channel      TEXT NULL,
    status               TEXT NOT NULL,
    reported_status      TEXT NULL, -- the referral status last reported to the referrer
    report_pending       INTEGER NOT NULL DEFAULT 0, -- 1 while a report waits for the consent service to answer
    coach_user_id        TEXT NULL,
    received_at          TEXT NOT NULL,
    status_since         TEXT NOT NULL
);
CREATE INDEX ix_ips_cases_unit ON ips_cases (unit_id, status, received_at);
CREATE INDEX ix_ips_cases_coach ON ips_cases (coach_user_id);

CREATE TABLE ips_case_history (
    case_id     TEXT NOT NULL REFERENCES ips_cases (case_id),
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    reason      TEXT NULL,
    outcome     TEXT NULL
);
CREATE INDEX ix_ips_case_history ON ips_case_history (case_id, at);

-- What AF and FK told the unit about the person (af.registration, fk.benefits), for the coach.
CREATE TABLE ips_case_events (
    case_id     TEXT NOT NULL REFERENCES ips_cases (case_id),
    at          TEXT NOT NULL,
    party       TEXT NOT NULL,
    category    TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX ix_ips_case_events ON ips_case_events (case_id, at);
