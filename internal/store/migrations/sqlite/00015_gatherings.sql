-- +goose Up
-- Intentional gatherings: what should be different afterwards, who is
-- invited, each occurrence (one for a single gathering, one per date of a
-- recurring one), registrations with a waiting list, attendance, agenda,
-- pre-reads, outcomes, the focus budgets people keep, and calendar feeds.
CREATE TABLE gatherings (
    id               INTEGER PRIMARY KEY,
    collective_id    INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    -- the iCalendar UID: random, never changes, so calendars update in place
    uid              TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    intention        TEXT NOT NULL,
    format           TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    place            TEXT NOT NULL DEFAULT '',
    link             TEXT NOT NULL DEFAULT '',
    time_zone        TEXT NOT NULL,
    -- the first occurrence, in UTC; later ones follow rrule in time_zone
    starts_at        TIMESTAMP NOT NULL,
    ends_at          TIMESTAMP NOT NULL,
    rrule            TEXT NOT NULL DEFAULT '',
    capacity         INTEGER NOT NULL DEFAULT 0,
    registration     BOOLEAN NOT NULL DEFAULT FALSE,
    invite_everyone  BOOLEAN NOT NULL DEFAULT TRUE,
    status           TEXT NOT NULL CHECK (status IN ('scheduling', 'planned', 'cancelled')),
    -- the time poll that sets the date while status is 'scheduling'
    poll_decision_id INTEGER,
    host_member_id   INTEGER REFERENCES members (id) ON DELETE SET NULL,
    sequence         INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX gatherings_by_collective ON gatherings (collective_id, status, starts_at);

CREATE TABLE gathering_invitees (
    gathering_id    INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    member_id       INTEGER REFERENCES members (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    CHECK ((member_id IS NULL) <> (organisation_id IS NULL))
);
CREATE UNIQUE INDEX gathering_invitees_member ON gathering_invitees (gathering_id, member_id) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX gathering_invitees_org ON gathering_invitees (gathering_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX gathering_invitees_by_member ON gathering_invitees (member_id, gathering_id);

-- One row per date: a single gathering has one; a recurring one has one per
-- date of its rule up to a horizon the extend job moves on. recurrence_id is
-- the date the rule gives (UTC), kept when an occurrence is moved.
CREATE TABLE gathering_occurrences (
    id            INTEGER PRIMARY KEY,
    gathering_id  INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    recurrence_id TIMESTAMP NOT NULL,
    starts_at     TIMESTAMP NOT NULL,
    ends_at       TIMESTAMP NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'cancelled')),
    moved         BOOLEAN NOT NULL DEFAULT FALSE,
    minutes       TEXT NOT NULL DEFAULT '',
    -- set when the host closes the report; outcomes may still be added
    closed_at     TIMESTAMP,
    going         INTEGER NOT NULL DEFAULT 0,
    waiting       INTEGER NOT NULL DEFAULT 0,
    attended      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (gathering_id, recurrence_id)
);
CREATE INDEX gathering_occurrences_by_time ON gathering_occurrences (collective_id, starts_at);

CREATE TABLE gathering_agenda (
    id              INTEGER PRIMARY KEY,
    gathering_id    INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    owner_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    minutes         INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gathering_agenda_by_gathering ON gathering_agenda (gathering_id, position);

CREATE TABLE gathering_prereads (
    id           INTEGER PRIMARY KEY,
    gathering_id INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    url          TEXT NOT NULL
);
CREATE INDEX gathering_prereads_by_gathering ON gathering_prereads (gathering_id, id);

-- An answer to an invitation: going, waiting (a place frees up in order of
-- waiting_since) or declined.
CREATE TABLE gathering_registrations (
    occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences (id) ON DELETE CASCADE,
    member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('going', 'waiting', 'declined')),
    online        BOOLEAN NOT NULL DEFAULT FALSE,
    waiting_since TIMESTAMP,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (occurrence_id, member_id)
);
CREATE INDEX gathering_registrations_by_member ON gathering_registrations (member_id, status);
CREATE INDEX gathering_registrations_waiting ON gathering_registrations (occurrence_id, status, waiting_since);

CREATE TABLE gathering_attendance (
    occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences (id) ON DELETE CASCADE,
    member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    online        BOOLEAN NOT NULL DEFAULT FALSE,
    checked_in_at TIMESTAMP NOT NULL,
    checked_in_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (occurrence_id, member_id)
);
CREATE INDEX gathering_attendance_by_member ON gathering_attendance (member_id, occurrence_id);

-- What emerged. decision_id and commitment_id name rows of other features,
-- read back through their services, so they carry no foreign key.
CREATE TABLE gathering_outcomes (
    id            INTEGER PRIMARY KEY,
    occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences (id) ON DELETE CASCADE,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('decision', 'commitment', 'opportunity', 'breakthrough', 'request', 'question')),
    text          TEXT NOT NULL,
    decision_id   INTEGER,
    commitment_id INTEGER,
    member_id     INTEGER REFERENCES members (id) ON DELETE SET NULL,
    author_name   TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX gathering_outcomes_by_occurrence ON gathering_outcomes (occurrence_id, id);

-- The hours a week a person keeps for their own work; gatherings past it
-- bring a gentle warning.
CREATE TABLE focus_budgets (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    -- their working week and, of it, the time they keep for their own
    -- work (the focus budget), in minutes; gatherings may take the rest
    week_minutes  INTEGER NOT NULL CHECK (week_minutes > 0 AND week_minutes <= 10080),
    focus_minutes INTEGER NOT NULL CHECK (focus_minutes > 0 AND focus_minutes <= week_minutes),
    updated_at    TIMESTAMP NOT NULL
);

-- Subscribable calendars: the token is in the feed's path; only its hash
-- is kept, and a revoked feed answers 404.
CREATE TABLE calendar_feeds (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    scope         TEXT NOT NULL CHECK (scope IN ('collective', 'person')),
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    revoked_at    TIMESTAMP,
    used_at       TIMESTAMP
);
CREATE INDEX calendar_feeds_by_member ON calendar_feeds (member_id, revoked_at);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE focus_budgets;
DROP TABLE gathering_outcomes;
DROP TABLE gathering_attendance;
DROP TABLE gathering_registrations;
DROP TABLE gathering_prereads;
DROP TABLE gathering_agenda;
DROP TABLE gathering_occurrences;
DROP TABLE gathering_invitees;
DROP TABLE gatherings;
