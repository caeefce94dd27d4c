-- Who confirmed a consent's held-back provisions (issue 14, item 5): the source's own staff for that source's
-- categories, or the person (source 'person') for all of them. Never edited; a consent may gather several.
CREATE TABLE consent_confirmations (
    consent_id         NVARCHAR(36)      NOT NULL,
    source             NVARCHAR(32)      NOT NULL,
    confirmed_by_user  NVARCHAR(128)     NOT NULL,
    confirmed_by_role  NVARCHAR(32)      NOT NULL,
    confirmed_by_party NVARCHAR(32)      NOT NULL,
    confirmed_by_unit  NVARCHAR(128)     NULL,
    confirmed_at       DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (consent_id, source)
);
