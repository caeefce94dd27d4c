-- A research consent names its study; a consent may supersede an earlier one (the old row keeps everything it said).
ALTER TABLE consents ADD study_name NVARCHAR(300) NULL, study_principal NVARCHAR(300) NULL,
    replaces_consent_id NVARCHAR(36) NULL, superseded_by NVARCHAR(36) NULL;
