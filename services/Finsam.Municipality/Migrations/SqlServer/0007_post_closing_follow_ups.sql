-- Where a person stands some months after their case closed (RE-AIM's maintenance, issue 13): append-only, the latest per
-- closing and months-after in force.
CREATE TABLE ips_post_closing_follow_ups (
    case_id          NVARCHAR(36) NOT NULL REFERENCES ips_cases (case_id),
    follow_up_date   NVARCHAR(10) NOT NULL,
    months_after     INT NOT NULL,
    occupation       NVARCHAR(64) NOT NULL,
    extent_band      NVARCHAR(64) NOT NULL,
    income_sources   NVARCHAR(400) NOT NULL,
    recorded_by      NVARCHAR(128) NOT NULL,
    recorded_at      DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_ips_post_closing_follow_ups ON ips_post_closing_follow_ups (case_id, recorded_at);
