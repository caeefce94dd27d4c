-- Emergency access (nödöppning): never edited; it ends by itself at valid_until.
CREATE TABLE emergency_accesses (
    access_id       TEXT NOT NULL PRIMARY KEY,
    person_ref      TEXT NOT NULL,
    categories      TEXT NOT NULL, -- category codes separated by spaces
    reason          TEXT NOT NULL,
    legal_basis     TEXT NOT NULL,
    opened_by_user  TEXT NOT NULL,
    opened_by_role  TEXT NOT NULL,
    opened_by_party TEXT NOT NULL,
    opened_by_unit  TEXT NULL,
    opened_at       TEXT NOT NULL,
    valid_until     TEXT NOT NULL
);
