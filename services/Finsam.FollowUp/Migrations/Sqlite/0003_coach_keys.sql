-- Each enrolment's coach as a keyed pseudonym, for active coaches and caseload per coach (issue 13); never a user id.
ALTER TABLE enrolment_starts ADD coach_key TEXT NULL;
ALTER TABLE enrolment_ends ADD coach_key TEXT NULL;
