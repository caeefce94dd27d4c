-- Blocks (spärr): never edited; lifting one stamps who and when.
CREATE TABLE consent_blocks (
    block_id          NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref        NVARCHAR(64)      NOT NULL,
    to_party          NVARCHAR(32)      NOT NULL,
    to_unit_id        NVARCHAR(128)     NULL,
    categories        NVARCHAR(1000)    NOT NULL,
    reason            NVARCHAR(2000)    NULL,
    recorded_by_user  NVARCHAR(128)     NOT NULL,
    recorded_by_role  NVARCHAR(32)      NOT NULL,
    recorded_by_party NVARCHAR(32)      NOT NULL,
    recorded_by_unit  NVARCHAR(128)     NULL,
    recorded_at       DATETIMEOFFSET(7) NOT NULL,
    lifted_by_user    NVARCHAR(128)     NULL,
    lifted_at         DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_consent_blocks_person ON consent_blocks (person_ref);
