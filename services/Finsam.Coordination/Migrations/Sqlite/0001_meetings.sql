-- Follow-up meetings about one person (TRISAM, SE group, SIP-like), with who takes part.
CREATE TABLE meetings (
    meeting_id       TEXT NOT NULL PRIMARY KEY,
    person_ref       TEXT NOT NULL,
    scheduled_at     TEXT NOT NULL,
    mode             TEXT NOT NULL,
    agenda           TEXT NULL,
    created_by_user  TEXT NOT NULL,
    created_by_party TEXT NOT NULL,
    created_by_unit  TEXT NULL,
    created_at       TEXT NOT NULL,
    notes            TEXT NULL,
    next_meeting_at  TEXT NULL
);
CREATE INDEX ix_meetings_person ON meetings (person_ref);

CREATE TABLE meeting_participants (
    meeting_id TEXT    NOT NULL REFERENCES meetings (meeting_id),
    position   INTEGER NOT NULL,
    party      TEXT    NOT NULL,
    unit_id    TEXT    NOT NULL,
    user_id    TEXT    NULL,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_decisions (
    meeting_id TEXT    NOT NULL REFERENCES meetings (meeting_id),
    position   INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, position)
);

-- Every next step has an owner and a date: no hand-off deadlocks.
CREATE TABLE meeting_actions (
    action_id     TEXT NOT NULL PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings (meeting_id),
    owner_party   TEXT NOT NULL,
    owner_unit_id TEXT NULL,
    description   TEXT NOT NULL,
    due           TEXT NOT NULL,
    done_at       TEXT NULL,
    done_by       TEXT NULL
);
CREATE INDEX ix_meeting_actions ON meeting_actions (meeting_id);
