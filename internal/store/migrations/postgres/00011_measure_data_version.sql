-- +goose Up
-- Every write of an indicator's measurements moves its data_version on, in
-- the same transaction; a page or forecast cached under the version it was
-- read at can then never be served stale, on this instance or another.
ALTER TABLE measure_indicators ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE measure_indicators DROP COLUMN data_version;
