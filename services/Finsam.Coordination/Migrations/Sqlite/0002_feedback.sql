-- What persons say about a unit or its staff, and the answer they get (issue 14 item 2).
CREATE TABLE feedback (
    feedback_id      TEXT NOT NULL PRIMARY KEY,
    person_ref       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    unit_id          TEXT NULL,
    text             TEXT NOT NULL,
    submitted_at     TEXT NOT NULL,
    answer           TEXT NULL,
    answered_by_user TEXT NULL,
    answered_at      TEXT NULL
);
CREATE INDEX ix_feedback_person ON feedback (person_ref);
CREATE INDEX ix_feedback_unit ON feedback (unit_id);
