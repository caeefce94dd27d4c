-- Under which consent and for which purpose AF or FK shared each piece of news, so that a coach's view of it
-- is recorded under that consent. Null for news recorded before this migration.
ALTER TABLE ips_case_events ADD consent_id NVARCHAR(36) NULL, purpose NVARCHAR(32) NULL;
