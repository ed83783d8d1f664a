-- +goose Up
-- The account a session belongs to, so loading a session and its account
-- is one query on every request.
ALTER TABLE sessions ADD COLUMN user_id BIGINT;

-- +goose Down
ALTER TABLE sessions DROP COLUMN user_id;
