-- +goose Up
CREATE TABLE instance_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    time_zone     TEXT NOT NULL DEFAULT 'UTC',
    language      TEXT NOT NULL DEFAULT 'en',
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    deleted_at    TIMESTAMPTZ
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BYTEA NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE TABLE login_failures (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE collectives (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    visibility     TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size >= 3),
    created_by     BIGINT REFERENCES users (id),
    created_at     TIMESTAMPTZ NOT NULL,
    archived_at    TIMESTAMPTZ
);

CREATE TABLE members (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sort_name     TEXT NOT NULL,
    joined_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (collective_id, user_id)
);
CREATE INDEX members_by_name ON members (collective_id, sort_name, id);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE member_roles (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    PRIMARY KEY (member_id, role)
);

CREATE TABLE organisations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    website       TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (collective_id, sort_name)
);

CREATE TABLE affiliations (
    member_id       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, organisation_id)
);
CREATE INDEX affiliations_by_org ON affiliations (organisation_id);

CREATE TABLE invitations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL DEFAULT '',
    roles         TEXT NOT NULL,
    invited_by    BIGINT REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'revoked')),
    answered_by   BIGINT REFERENCES users (id),
    answered_at   TIMESTAMPTZ
);
CREATE INDEX invitations_by_collective ON invitations (collective_id, created_at);

CREATE TABLE files (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT REFERENCES collectives (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    data          BYTEA NOT NULL,
    created_by    BIGINT REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL
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
