-- Emergency access (nödöppning): never edited; it ends by itself at valid_until.
CREATE TABLE emergency_accesses (
    access_id       NVARCHAR(36)      NOT NULL PRIMARY KEY,
    person_ref      NVARCHAR(64)      NOT NULL,
    categories      NVARCHAR(1000)    NOT NULL,
    reason          NVARCHAR(2000)    NOT NULL,
    legal_basis     NVARCHAR(64)      NOT NULL,
    opened_by_user  NVARCHAR(128)     NOT NULL,
    opened_by_role  NVARCHAR(32)      NOT NULL,
    opened_by_party NVARCHAR(32)      NOT NULL,
    opened_by_unit  NVARCHAR(128)     NULL,
    opened_at       DATETIMEOFFSET(7) NOT NULL,
    valid_until     DATETIMEOFFSET(7) NOT NULL
);
