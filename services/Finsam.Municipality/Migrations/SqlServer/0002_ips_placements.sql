-- Placements a coach records on a case (ips.employment): occupation type, where, how much and when.
-- Dates are Swedish calendar dates as yyyy-MM-dd text, so they sort and compare as dates on both engines.
CREATE TABLE ips_placements (
    placement_id    NVARCHAR(36)      NOT NULL PRIMARY KEY,
    case_id         NVARCHAR(36)      NOT NULL REFERENCES ips_cases (case_id),
    placement_type  NVARCHAR(32)      NOT NULL,
    employer        NVARCHAR(200)     NOT NULL,
    extent_percent  INT               NOT NULL,
    from_date       NVARCHAR(10)      NOT NULL,
    to_date         NVARCHAR(10)      NULL, -- null while it has no end date
    recorded_by     NVARCHAR(128)     NOT NULL,
    recorded_at     DATETIMEOFFSET(7) NOT NULL,
    ended_by        NVARCHAR(128)     NULL,
    ended_at        DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_ips_placements_case ON ips_placements (case_id, from_date);
