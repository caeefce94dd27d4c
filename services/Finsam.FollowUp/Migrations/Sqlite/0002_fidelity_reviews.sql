-- Each IPS unit's fidelity reviews as totals (RE-AIM's implementation, issue 13): no person in them.
CREATE TABLE fidelity_reviews (
    review_id    TEXT NOT NULL PRIMARY KEY,
    unit_id      TEXT NOT NULL,
    review_date  TEXT NOT NULL,
    total        INTEGER NOT NULL,
    band         TEXT NOT NULL
);
CREATE INDEX ix_fidelity_reviews_unit ON fidelity_reviews (unit_id, review_date);
