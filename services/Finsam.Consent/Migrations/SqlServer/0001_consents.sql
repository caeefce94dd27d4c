-- Consents are never edited: a change is a new consent or a revocation.
CREATE TABLE consents (
    consent_id        NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref        NVARCHAR(64)      NOT NULL,
    kind              NVARCHAR(32)      NOT NULL,
    purpose           NVARCHAR(32)      NOT NULL,
    method            NVARCHAR(32)      NOT NULL,
    valid_until       NVARCHAR(10)      NOT NULL,
    note              NVARCHAR(2000)    NULL,
    recorded_by_user  NVARCHAR(128)     NOT NULL,
    recorded_by_role  NVARCHAR(32)      NOT NULL,
    recorded_by_party NVARCHAR(32)      NOT NULL,
    recorded_by_unit  NVARCHAR(128)     NULL,
    recorded_at       DATETIMEOFFSET(7) NOT NULL,
    revoked_at        DATETIMEOFFSET(7) NULL,
    revoked_by_user   NVARCHAR(128)     NULL,
    revoke_reason     NVARCHAR(2000)    NULL
);
CREATE INDEX ix_consents_person ON consents (person_ref);

CREATE TABLE consent_provisions (
    consent_id NVARCHAR(36)  NOT NULL REFERENCES consents (consent_id),
    position   INT           NOT NULL,
    to_party   NVARCHAR(32)  NOT NULL,
    to_unit_id NVARCHAR(128) NULL,
    categories NVARCHAR(1000) NOT NULL, -- category codes separated by spaces
    CONSTRAINT pk_consent_provisions PRIMARY KEY (consent_id, position)
);
