-- Each IPS unit's fidelity reviews as totals (RE-AIM's implementation, issue 13): no person in them.
CREATE TABLE fidelity_reviews (
    review_id    NVARCHAR(36)  NOT NULL PRIMARY KEY,
    unit_id      NVARCHAR(128) NOT NULL,
    review_date  NVARCHAR(10)  NOT NULL,
    total        INT           NOT NULL,
    band         NVARCHAR(16)  NOT NULL
);
CREATE INDEX ix_fidelity_reviews_unit ON fidelity_reviews (unit_id, review_date);
