-- IPS fidelity reviews (IPS-25) of a unit: never changed, a new review is recorded beside the earlier ones.
CREATE TABLE ips_fidelity_reviews (
    review_id    NVARCHAR(36)      NOT NULL PRIMARY KEY,
    unit_id      NVARCHAR(128)     NOT NULL,
    review_date  NVARCHAR(10)      NOT NULL,
    reviewers    NVARCHAR(2200)    NOT NULL,
    total        INT               NOT NULL,
    band         NVARCHAR(16)      NOT NULL,
    recorded_by  NVARCHAR(128)     NOT NULL,
    recorded_at  DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_fidelity_reviews ON ips_fidelity_reviews (unit_id, review_date);

CREATE TABLE ips_fidelity_items (
    review_id  NVARCHAR(36)   NOT NULL REFERENCES ips_fidelity_reviews (review_id),
    item       INT            NOT NULL,
    score      INT            NOT NULL,
    note       NVARCHAR(2000) NULL,
    PRIMARY KEY (review_id, item)
);
