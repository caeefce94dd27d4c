-- Self-referrals (egen anmälan): a case the person brought themself has no referral consent, and says how it came
-- (phone, letter, in person, digital). SQLite cannot drop a NOT NULL, so the table is rebuilt with its rows, by
-- SQLite's own procedure: the migrator runs with foreign keys off and checks every reference afterwards.
CREATE TABLE ips_cases_rebuilt (
    case_id              TEXT NOT NULL PRIMARY KEY,
    referral_id          TEXT NOT NULL UNIQUE,
    person_ref           TEXT NOT NULL,
    unit_id              TEXT NOT NULL,
    referring_party      TEXT NOT NULL, -- a party, or 'self'
    referring_unit_id    TEXT NULL,
    referring_unit_name  TEXT NULL,
    consent_id           TEXT NULL, -- null for a self-referral
    reason               TEXT NOT NULL,
    own_goal             TEXT NOT NULL,
    contact_name         TEXT NOT NULL,
    contact_phone        TEXT NULL,
    contact_email        TEXT NULL,
    contact_channel      TEXT NULL,
    status               TEXT NOT NULL,
    reported_status      TEXT NULL,
    report_pending       INTEGER NOT NULL DEFAULT 0,
    coach_user_id        TEXT NULL,
    received_at          TEXT NOT NULL,
    status_since         TEXT NOT NULL,
    received_via         TEXT NULL -- how a self-referral came; null for a referral
);
INSERT INTO ips_cases_rebuilt (case_id, referral_id, person_ref, unit_id, referring_party, referring_unit_id, referring_unit_name,
                               consent_id, reason, own_goal, contact_name, contact_phone, contact_email, contact_channel, status,
                               reported_status, report_pending, coach_user_id, received_at, status_since)
SELECT case_id, referral_id, person_ref, unit_id, referring_party, referring_unit_id, referring_unit_name,
       consent_id, reason, own_goal, contact_name, contact_phone, contact_email, contact_channel, status,
       reported_status, report_pending, coach_user_id, received_at, status_since
FROM ips_cases;
DROP TABLE ips_cases;
ALTER TABLE ips_cases_rebuilt RENAME TO ips_cases;
CREATE INDEX ix_ips_cases_unit ON ips_cases (unit_id, status, received_at);
CREATE INDEX ix_ips_cases_coach ON ips_cases (coach_user_id);
