-- +goose Up
-- A collective's charter is a chain of versions that are never changed.
-- charters holds which version is current, so an edit claims the next
-- number with one conditional UPDATE (optimistic concurrency: it touches no
-- row when someone else saved first) and nothing else needs a lock.
CREATE TABLE charters (
    collective_id   INTEGER PRIMARY KEY REFERENCES collectives (id) ON DELETE CASCADE,
    current_version INTEGER NOT NULL CHECK (current_version >= 1)
);

-- ambition_by is a calendar date as YYYY-MM-DD ('' for none): a deadline
-- is a day, not an instant, and text keeps it the same in both dialects.
CREATE TABLE charter_versions (
    collective_id     INTEGER NOT NULL REFERENCES charters (collective_id) ON DELETE CASCADE,
    version           INTEGER NOT NULL CHECK (version >= 1),
    purpose           TEXT NOT NULL,
    ambition          TEXT NOT NULL DEFAULT '',
    ambition_by       TEXT NOT NULL DEFAULT '',
    value_proposition TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (collective_id, version)
);

-- One row per member: the version they last endorsed. An edit leaves it
-- alone, so it then reads as an endorsement of an earlier version.
CREATE TABLE charter_endorsements (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    collective_id INTEGER NOT NULL REFERENCES charters (collective_id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    endorsed_at   TIMESTAMP NOT NULL
);
CREATE INDEX charter_endorsements_by_collective ON charter_endorsements (collective_id);

-- A value proposition belongs to exactly one member or one organisation
-- and goes when they leave; its versions work as the charter's do.
CREATE TABLE value_propositions (
    id              INTEGER PRIMARY KEY,
    collective_id   INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    member_id       INTEGER UNIQUE REFERENCES members (id) ON DELETE CASCADE,
    organisation_id INTEGER UNIQUE REFERENCES organisations (id) ON DELETE CASCADE,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    CHECK ((member_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX value_propositions_by_collective ON value_propositions (collective_id);

CREATE TABLE value_versions (
    proposition_id INTEGER NOT NULL REFERENCES value_propositions (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    gain           TEXT NOT NULL DEFAULT '',
    bring          TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    author_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (proposition_id, version)
);

-- +goose Down
DROP TABLE value_versions;
DROP TABLE value_propositions;
DROP TABLE charter_endorsements;
DROP TABLE charter_versions;
DROP TABLE charters;
