-- What persons say about a unit or its staff, and the answer they get (issue 14 item 2).
CREATE TABLE feedback (
    feedback_id      NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref       NVARCHAR(64)      NOT NULL,
    kind             NVARCHAR(16)      NOT NULL,
    unit_id          NVARCHAR(128)     NULL,
    text             NVARCHAR(4000)    NOT NULL,
    submitted_at     DATETIMEOFFSET(7) NOT NULL,
    answer           NVARCHAR(4000)    NULL,
    answered_by_user NVARCHAR(128)     NULL,
    answered_at      DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_feedback_person ON feedback (person_ref);
CREATE INDEX ix_feedback_unit ON feedback (unit_id);
