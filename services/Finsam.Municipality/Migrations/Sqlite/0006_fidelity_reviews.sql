-- IPS fidelity reviews (IPS-25) of a unit: never changed, a new review is recorded beside the earlier ones.
CREATE TABLE ips_fidelity_reviews (
    review_id    TEXT NOT NULL PRIMARY KEY,
    unit_id      TEXT NOT NULL,
    review_date  TEXT NOT NULL, -- yyyy-MM-dd
    reviewers    TEXT NOT NULL, -- one name a line
    total        INTEGER NOT NULL,
    band         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX ix_ips_fidelity_reviews ON ips_fidelity_reviews (unit_id, review_date);

CREATE TABLE ips_fidelity_items (
    review_id  TEXT NOT NULL REFERENCES ips_fidelity_reviews (review_id),
    item       INTEGER NOT NULL,
    score      INTEGER NOT NULL,
    note       TEXT NULL,
    PRIMARY KEY (review_id, item)
);
