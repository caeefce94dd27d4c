-- IPS cases: one per received referral, with what the consent let the referrer share.
CREATE TABLE ips_cases (
    case_id              NVARCHAR(36)      NOT NULL PRIMARY KEY,
    referral_id          NVARCHAR(36)      NOT NULL CONSTRAINT uq_ips_cases_referral UNIQUE,
    person_ref           NVARCHAR(64)      NOT NULL,
    unit_id              NVARCHAR(128)     NOT NULL,
    referring_party      NVARCHAR(32)      NOT NULL,
    referring_unit_id    NVARCHAR(128)     NULL,
    referring_unit_name  NVARCHAR(200)     NULL,
    consent_id           NVARCHAR(36)      NOT NULL,
    reason               NVARCHAR(4000)    NOT NULL,
    own_goal             NVARCHAR(4000)    NOT NULL,
    contact_name         NVARCHAR(200)     NOT NULL,
    contact_phone        NVARCHAR(50)      NULL,
    contact_email        NVARCHAR(200)     NULL,
    contact_channel      NVARCHAR(32)      NULL,
    status               NVARCHAR(32)      NOT NULL,
    reported_status      NVARCHAR(32)      NULL, -- the referral status last reported to the referrer
    report_pending       BIT               NOT NULL DEFAULT 0, -- 1 while a report waits for the consent service to answer
    coach_user_id        NVARCHAR(128)     NULL,
    received_at          DATETIMEOFFSET(7) NOT NULL,
    status_since         DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_cases_unit ON ips_cases (unit_id, status, received_at);
CREATE INDEX ix_ips_cases_coach ON ips_cases (coach_user_id);

CREATE TABLE ips_case_history (
    case_id     NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    status      NVARCHAR(32)      NOT NULL,
    at          DATETIMEOFFSET(7) NOT NULL,
    by_user     NVARCHAR(128)     NOT NULL,
    reason      NVARCHAR(2000)    NULL,
    outcome     NVARCHAR(64)      NULL
);
CREATE INDEX ix_ips_case_history ON ips_case_history (case_id, at);

-- What AF and FK told the unit about the person (af.registration, fk.benefits), for the coach.
CREATE TABLE ips_case_events (
    case_id     NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    at          DATETIMEOFFSET(7) NOT NULL,
    party       NVARCHAR(32)      NOT NULL,
    category    NVARCHAR(32)      NOT NULL,
    description NVARCHAR(2000)    NOT NULL
);
CREATE INDEX ix_ips_case_events ON ips_case_events (case_id, at);
