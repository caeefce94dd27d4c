-- Outgoing referrals (remisser) and what the receiving IPS unit has reported back, in every referring service.
-- Only if absent: until this module held them, health care created the same tables from its own script
-- (Finsam.HealthCare.Migrations.SqlServer.0001_referrals.sql), so its databases migrated before the move have them.
IF OBJECT_ID(N'referrals', N'U') IS NULL
BEGIN
CREATE TABLE referrals (
    referral_id       NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref        NVARCHAR(64)      NOT NULL,
    referring_unit_id NVARCHAR(128)     NOT NULL,
    referring_user_id NVARCHAR(128)     NOT NULL,
    to_party          NVARCHAR(32)      NOT NULL,
    to_unit_id        NVARCHAR(128)     NOT NULL,
    reason            NVARCHAR(4000)    NOT NULL,
    own_goal          NVARCHAR(4000)    NOT NULL,
    contact_name      NVARCHAR(200)     NOT NULL,
    contact_phone     NVARCHAR(50)      NULL,
    contact_email     NVARCHAR(200)     NULL,
    contact_channel   NVARCHAR(32)      NULL,
    consent_id        NVARCHAR(36)      NOT NULL,
    status            NVARCHAR(32)      NOT NULL,
    sent_at           DATETIMEOFFSET(7) NOT NULL,
    status_at         DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_referrals_unit ON referrals (referring_unit_id, sent_at);
END;

IF OBJECT_ID(N'referral_history', N'U') IS NULL
BEGIN
CREATE TABLE referral_history (
    referral_id NVARCHAR(36)      NOT NULL REFERENCES referrals (referral_id),
    status      NVARCHAR(32)      NOT NULL,
    at          DATETIMEOFFSET(7) NOT NULL,
    consent_id  NVARCHAR(36)      NULL -- the consent under which the IPS unit reported this status
);
CREATE INDEX ix_referral_history ON referral_history (referral_id, at);
END;
