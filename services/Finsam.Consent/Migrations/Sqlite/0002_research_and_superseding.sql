-- A research consent names its study; a consent may supersede an earlier one (the old row keeps everything it said).
ALTER TABLE consents ADD COLUMN study_name TEXT NULL;
ALTER TABLE consents ADD COLUMN study_principal TEXT NULL;
ALTER TABLE consents ADD COLUMN replaces_consent_id TEXT NULL;
ALTER TABLE consents ADD COLUMN superseded_by TEXT NULL;
