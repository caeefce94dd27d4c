-- Outgoing referrals (remisser) and what the receiving IPS unit has reported back.
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

CREATE TABLE referral_history (
    referral_id NVARCHAR(36)      NOT NULL REFERENCES referrals (referral_id),
    status      NVARCHAR(32)      NOT NULL,
    at          DATETIMEOFFSET(7) NOT NULL,
    consent_id  NVARCHAR(36)      NULL -- the consent under which the IPS unit reported this status
);
CREATE INDEX ix_referral_history ON referral_history (referral_id, at);
