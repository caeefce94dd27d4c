-- Where a person stands some months after their case closed (RE-AIM's maintenance, issue 13): append-only, the latest per
-- closing and months-after in force.
CREATE TABLE ips_post_closing_follow_ups (
    case_id          TEXT NOT NULL REFERENCES ips_cases (case_id),
    follow_up_date   TEXT NOT NULL,
    months_after     INTEGER NOT NULL,
    occupation       TEXT NOT NULL,
    extent_band      TEXT NOT NULL,
    income_sources   TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX ix_ips_post_closing_follow_ups ON ips_post_closing_follow_ups (case_id, recorded_at);
