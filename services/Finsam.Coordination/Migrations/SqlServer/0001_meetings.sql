-- Follow-up meetings about one person (TRISAM, SE group, SIP-like), with who takes part.
CREATE TABLE meetings (
    meeting_id       NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref       NVARCHAR(64)      NOT NULL,
    scheduled_at     DATETIMEOFFSET(7) NOT NULL,
    mode             NVARCHAR(16)      NOT NULL,
    agenda           NVARCHAR(4000)    NULL,
    created_by_user  NVARCHAR(128)     NOT NULL,
    created_by_party NVARCHAR(32)      NOT NULL,
    created_by_unit  NVARCHAR(128)     NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    notes            NVARCHAR(MAX)     NULL,
    next_meeting_at  DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_meetings_person ON meetings (person_ref);

CREATE TABLE meeting_participants (
    meeting_id NVARCHAR(36)  NOT NULL REFERENCES meetings (meeting_id),
    position   INT           NOT NULL,
    party      NVARCHAR(32)  NOT NULL,
    unit_id    NVARCHAR(128) NOT NULL,
    user_id    NVARCHAR(128) NULL,
    CONSTRAINT pk_meeting_participants PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_decisions (
    meeting_id NVARCHAR(36)   NOT NULL REFERENCES meetings (meeting_id),
    position   INT            NOT NULL,
    text       NVARCHAR(2000) NOT NULL,
    CONSTRAINT pk_meeting_decisions PRIMARY KEY (meeting_id, position)
);

-- Every next step has an owner and a date: no hand-off deadlocks.
CREATE TABLE meeting_actions (
    action_id     NVARCHAR(36)      NOT NULL PRIMARY KEY,
    meeting_id    NVARCHAR(36)      NOT NULL REFERENCES meetings (meeting_id),
    owner_party   NVARCHAR(32)      NOT NULL,
    owner_unit_id NVARCHAR(128)     NULL,
    description   NVARCHAR(2000)    NOT NULL,
    due           NVARCHAR(10)      NOT NULL,
    done_at       DATETIMEOFFSET(7) NULL,
    done_by       NVARCHAR(128)     NULL
);
CREATE INDEX ix_meeting_actions ON meeting_actions (meeting_id);
