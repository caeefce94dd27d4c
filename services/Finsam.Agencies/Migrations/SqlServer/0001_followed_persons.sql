-- The people an IPS unit follows, and what the agency said about each when last asked.
-- Only if absent: until this module held it, each adapter created the same table from its own script, so a
-- database migrated before the move already has it (docs/adr/0015).
IF OBJECT_ID(N'followed_persons', N'U') IS NULL
CREATE TABLE followed_persons (
    person_ref       NVARCHAR(64)      NOT NULL,
    unit_id          NVARCHAR(128)     NOT NULL,
    since            DATETIMEOFFSET(7) NOT NULL,
    last_description NVARCHAR(2000)    NULL,
    CONSTRAINT pk_followed_persons PRIMARY KEY (person_ref, unit_id)
);
