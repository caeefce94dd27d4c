-- Self-referrals (egen anmälan): a case the person brought themself has no referral consent, and says how it came
-- (phone, letter, in person, digital).
ALTER TABLE ips_cases ALTER COLUMN consent_id NVARCHAR(36) NULL;
ALTER TABLE ips_cases ADD received_via NVARCHAR(16) NULL;
