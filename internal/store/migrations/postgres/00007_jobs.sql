-- +goose Up
-- What people see of a background job beside River's own row (river_job,
-- created by River's migrator): who it belongs to, a title, its progress
-- and its result. River's row is the truth for state, attempts and errors
-- while it exists; outcome and last_error keep a copy for when River's
-- cleaner has removed finished jobs.
CREATE TABLE job_runs (
    job_id        BIGINT PRIMARY KEY,
    kind          TEXT NOT NULL,
    user_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    collective_id BIGINT REFERENCES collectives (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    done          BIGINT NOT NULL DEFAULT 0,
    total         BIGINT NOT NULL DEFAULT 0,
    message       TEXT NOT NULL DEFAULT '',
    result        TEXT,
    outcome       TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_runs_by_user ON job_runs (user_id, job_id);
CREATE INDEX job_runs_by_collective ON job_runs (collective_id, job_id);

-- +goose Down
DROP TABLE job_runs;
