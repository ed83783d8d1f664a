-- +goose Up
-- The activity log is append-only: the services insert rows and never
-- update or delete them. collective_id is NULL for a person's own events,
-- actor_id NULL for what the system did. audience is 'collective',
-- 'stewards', 'role:<name>' or 'actor'.
CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER REFERENCES collectives (id) ON DELETE CASCADE,
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    verb          TEXT NOT NULL,
    subject       TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL,
    link          TEXT NOT NULL DEFAULT '',
    audience      TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
-- A feed page reads each audience the reader belongs to as its own range
-- of this index, newest first, and merges the ranges: a reader who may see
-- only a small share (one role's entries) reads no row they may not see.
CREATE INDEX activity_feed ON activity (collective_id, audience, id);
-- One person's entries in a collective (the member filter), and the
-- entries addressed to the actor alone (audience 'actor').
CREATE INDEX activity_by_actor ON activity (collective_id, actor_id, audience, id);

-- +goose Down
DROP TABLE activity;
