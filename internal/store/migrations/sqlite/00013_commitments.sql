-- +goose Up
-- Commitments: promises between members of a collective, from a person (or
-- an organisation through a person) to a person, an organisation or the
-- whole collective. Names are kept beside the ids so that a promise made by
-- or to someone who has since left still reads right in the ledger.
-- Sizes: hours are stored in minutes, money in minor units (cents), counts
-- as they are. Dates are 'YYYY-MM-DD' text in both dialects.
-- version moves on with every transition, so two concurrent transitions on
-- one commitment keep exactly one (UPDATE ... WHERE version = ?).
CREATE TABLE commitment_requests (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    member_id     INTEGER REFERENCES members (id) ON DELETE SET NULL,
    member_name   TEXT NOT NULL,
    what          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('do', 'give', 'share', 'introduce', 'teach', 'show_up')),
    goal_id       INTEGER REFERENCES measure_goals (id) ON DELETE SET NULL,
    indicator_id  INTEGER REFERENCES measure_indicators (id) ON DELETE SET NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at    TIMESTAMP NOT NULL,
    closed_at     TIMESTAMP
);
CREATE INDEX commitment_requests_by_collective ON commitment_requests (collective_id, status, id);

CREATE TABLE commitments (
    id                  INTEGER PRIMARY KEY,
    collective_id       INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    committer_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    committer_name      TEXT NOT NULL,
    committer_org_id    INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    committer_org_name  TEXT NOT NULL DEFAULT '',
    recipient_kind      TEXT NOT NULL CHECK (recipient_kind IN ('member', 'organisation', 'collective')),
    recipient_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    recipient_org_id    INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    recipient_name      TEXT NOT NULL,
    what                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('do', 'give', 'share', 'introduce', 'teach', 'show_up')),
    size_unit           TEXT NOT NULL DEFAULT '' CHECK (size_unit IN ('', 'hours', 'money', 'count')),
    size_amount         INTEGER NOT NULL DEFAULT 0 CHECK (size_amount >= 0),
    due_on              TEXT NOT NULL DEFAULT '',
    goal_id             INTEGER REFERENCES measure_goals (id) ON DELETE SET NULL,
    indicator_id        INTEGER REFERENCES measure_indicators (id) ON DELETE SET NULL,
    request_id          INTEGER REFERENCES commitment_requests (id) ON DELETE SET NULL,
    state               TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'in_progress', 'kept', 'not_kept', 'released')),
    done_at             TIMESTAMP,
    release_asked_by    TEXT NOT NULL DEFAULT '' CHECK (release_asked_by IN ('', 'committer', 'recipient')),
    on_time             BOOLEAN,
    version             INTEGER NOT NULL DEFAULT 1,
    created_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    closed_at           TIMESTAMP,
    reminded_due_at     TIMESTAMP,
    reminded_overdue_at TIMESTAMP,
    reminded_confirm_at TIMESTAMP
);
CREATE INDEX commitments_by_state ON commitments (collective_id, state, due_on, id);
CREATE INDEX commitments_by_committer ON commitments (committer_member_id, state, due_on);
CREATE INDEX commitments_by_recipient ON commitments (recipient_member_id, state);
CREATE INDEX commitments_by_org ON commitments (committer_org_id, state, due_on);
CREATE INDEX commitments_by_request ON commitments (request_id);
CREATE INDEX commitments_by_recipient_org ON commitments (recipient_org_id, state);
CREATE INDEX commitments_by_goal ON commitments (goal_id, state);
CREATE INDEX commitments_by_indicator ON commitments (indicator_id, state);

-- Every transition, who made it and when: a commitment's history.
CREATE TABLE commitment_events (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    action        TEXT NOT NULL,
    from_state    TEXT NOT NULL,
    to_state      TEXT NOT NULL,
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    note          TEXT NOT NULL DEFAULT '',
    at            TIMESTAMP NOT NULL
);
CREATE INDEX commitment_events_by_commitment ON commitment_events (commitment_id, id);

-- The ledger's counters per person (party_kind 'member', party_id a member
-- id) and per organisation, kept up to date in the transaction of every
-- transition, so a ledger or the stewards' distribution reads one row per
-- party instead of a million commitments. given_* count kept commitments
-- the party made, received_* kept ones made to it; judged = kept + not kept.
CREATE TABLE commitment_ledger (
    collective_id     INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    party_kind        TEXT NOT NULL CHECK (party_kind IN ('member', 'organisation')),
    party_id          INTEGER NOT NULL,
    -- Exactly one of these is set, matching party_kind/party_id, so the row
    -- goes with its member or organisation: SQLite reuses ids, and a newcomer
    -- must not inherit a leaver's record.
    member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    made              INTEGER NOT NULL DEFAULT 0,
    open_count        INTEGER NOT NULL DEFAULT 0,
    given_count       INTEGER NOT NULL DEFAULT 0,
    given_minutes     INTEGER NOT NULL DEFAULT 0,
    given_money       INTEGER NOT NULL DEFAULT 0,
    given_units       INTEGER NOT NULL DEFAULT 0,
    received_count    INTEGER NOT NULL DEFAULT 0,
    received_minutes  INTEGER NOT NULL DEFAULT 0,
    received_money    INTEGER NOT NULL DEFAULT 0,
    received_units    INTEGER NOT NULL DEFAULT 0,
    kept              INTEGER NOT NULL DEFAULT 0,
    kept_on_time      INTEGER NOT NULL DEFAULT 0,
    not_kept          INTEGER NOT NULL DEFAULT 0,
    released          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, party_kind, party_id)
);

-- The same per calendar month (YYYY-MM of the day a commitment was kept),
-- for the balance over time.
CREATE TABLE commitment_ledger_months (
    collective_id    INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    party_kind       TEXT NOT NULL CHECK (party_kind IN ('member', 'organisation')),
    party_id         INTEGER NOT NULL,
    -- Exactly one of these is set, matching party_kind/party_id, so the row
    -- goes with its member or organisation: SQLite reuses ids, and a newcomer
    -- must not inherit a leaver's record.
    member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    month            TEXT NOT NULL,
    given_count      INTEGER NOT NULL DEFAULT 0,
    given_minutes    INTEGER NOT NULL DEFAULT 0,
    given_money      INTEGER NOT NULL DEFAULT 0,
    given_units      INTEGER NOT NULL DEFAULT 0,
    received_count   INTEGER NOT NULL DEFAULT 0,
    received_minutes INTEGER NOT NULL DEFAULT 0,
    received_money   INTEGER NOT NULL DEFAULT 0,
    received_units   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, party_kind, party_id, month)
);

-- Kept and broken promises between two people, for the trust feature's
-- reliability as behaved.
CREATE TABLE commitment_pairs (
    collective_id      INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    committer_member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    recipient_member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kept               INTEGER NOT NULL DEFAULT 0,
    not_kept           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, committer_member_id, recipient_member_id)
);

-- How many commitments of the collective are in each state, per goal (goal_id
-- 0 for none), kept in the transaction of every transition: the board's
-- counts without counting a million rows.
CREATE TABLE commitment_counts (
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    goal_id       INTEGER NOT NULL,
    state         TEXT NOT NULL,
    n             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, goal_id, state)
);

-- "My part": how a member contributes to the current state of things and
-- what they will change.
CREATE TABLE member_parts (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    contribute    TEXT NOT NULL DEFAULT '',
    will_change   TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE member_parts;
DROP TABLE commitment_counts;
DROP TABLE commitment_pairs;
DROP TABLE commitment_ledger_months;
DROP TABLE commitment_ledger;
DROP TABLE commitment_events;
DROP TABLE commitments;
DROP TABLE commitment_requests;
