-- Who confirmed a consent's held-back provisions (issue 14, item 5): the source's own staff for that source's
-- categories, or the person (source 'person') for all of them. Never edited; a consent may gather several.
CREATE TABLE consent_confirmations (
    consent_id         TEXT NOT NULL,
    source             TEXT NOT NULL, -- the confirming party, or 'person'
    confirmed_by_user  TEXT NOT NULL,
    confirmed_by_role  TEXT NOT NULL,
    confirmed_by_party TEXT NOT NULL,
    confirmed_by_unit  TEXT NULL,
    confirmed_at       TEXT NOT NULL,
    PRIMARY KEY (consent_id, source)
);
