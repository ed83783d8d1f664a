-- +goose Up
CREATE TABLE instance_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    time_zone     TEXT NOT NULL DEFAULT 'UTC',
    language      TEXT NOT NULL DEFAULT 'en',
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    deleted_at    TIMESTAMP
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE collectives (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    visibility     TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size >= 3),
    created_by     INTEGER REFERENCES users (id),
    created_at     TIMESTAMP NOT NULL,
    archived_at    TIMESTAMP
);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sort_name     TEXT NOT NULL,
    joined_at     TIMESTAMP NOT NULL,
    UNIQUE (collective_id, user_id)
);
CREATE INDEX members_by_name ON members (collective_id, sort_name, id);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE member_roles (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    PRIMARY KEY (member_id, role)
);

CREATE TABLE organisations (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    website       TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    UNIQUE (collective_id, sort_name)
);

CREATE TABLE affiliations (
    member_id       INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, organisation_id)
);
CREATE INDEX affiliations_by_org ON affiliations (organisation_id);

CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL DEFAULT '',
    roles         TEXT NOT NULL,
    invited_by    INTEGER REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'revoked')),
    answered_by   INTEGER REFERENCES users (id),
    answered_at   TIMESTAMP
);
CREATE INDEX invitations_by_collective ON invitations (collective_id, created_at);

CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER REFERENCES collectives (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE files;
DROP TABLE invitations;
DROP TABLE affiliations;
DROP TABLE organisations;
DROP TABLE member_roles;
DROP TABLE members;
DROP TABLE collectives;
DROP TABLE login_failures;
DROP TABLE password_resets;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE instance_settings;
