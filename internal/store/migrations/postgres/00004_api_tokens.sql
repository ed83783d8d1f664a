-- +goose Up
-- API tokens: only the SHA-256 of a token is kept, so a copy of the
-- database gives no working token. last_used_at is written at most once a
-- minute per token, so authenticating stays a read.
CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);

-- +goose Down
DROP TABLE api_tokens;
