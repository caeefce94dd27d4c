-- Placements a coach records on a case (ips.employment): occupation type, where, how much and when.
-- Dates are Swedish calendar dates as yyyy-MM-dd text, so they sort and compare as dates on both engines.
CREATE TABLE ips_placements (
    placement_id    TEXT NOT NULL PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES ips_cases (case_id),
    placement_type  TEXT NOT NULL,
    employer        TEXT NOT NULL,
    extent_percent  INTEGER NOT NULL,
    from_date       TEXT NOT NULL,
    to_date         TEXT NULL, -- null while it has no end date
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    ended_by        TEXT NULL,
    ended_at        TEXT NULL
);
CREATE INDEX ix_ips_placements_case ON ips_placements (case_id, from_date);
