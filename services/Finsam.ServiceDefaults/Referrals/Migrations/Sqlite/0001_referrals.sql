-- Outgoing referrals (remisser) and what the receiving IPS unit has reported back, in every referring service.
-- IF NOT EXISTS: until this module held them, health care created the same tables from its own script
-- (Finsam.HealthCare.Migrations.Sqlite.0001_referrals.sql), so its databases migrated before the move have them.
CREATE TABLE IF NOT EXISTS referrals (
    referral_id       TEXT NOT NULL PRIMARY KEY,
    person_ref        TEXT NOT NULL,
    referring_unit_id TEXT NOT NULL,
    referring_user_id TEXT NOT NULL,
    to_party          TEXT NOT NULL,
    to_unit_id        TEXT NOT NULL,
    reason            TEXT NOT NULL,
    own_goal          TEXT NOT NULL,
    contact_name      TEXT NOT NULL,
    contact_phone     TEXT NULL,
    contact_email     TEXT NULL,
    contact_channel   TEXT NULL,
    consent_id        TEXT NOT NULL,
    status            TEXT NOT NULL,
    sent_at           TEXT NOT NULL,
    status_at         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_referrals_unit ON referrals (referring_unit_id, sent_at);

CREATE TABLE IF NOT EXISTS referral_history (
    referral_id TEXT NOT NULL REFERENCES referrals (referral_id),
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    consent_id  TEXT NULL -- the consent under which the IPS unit reported this status
);
CREATE INDEX IF NOT EXISTS ix_referral_history ON referral_history (referral_id, at);
