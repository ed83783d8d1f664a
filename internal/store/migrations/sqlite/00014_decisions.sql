-- +goose Up
-- Shared power: proposals with a discussion thread, decisions on them by one
-- of the methods in internal/decision/methods.go, ballots, proxies, outcomes
-- and the counters behind the power page.
CREATE TABLE proposals (
    id               INTEGER PRIMARY KEY,
    collective_id    INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL DEFAULT '',
    -- a proxy given for a topic covers every decision whose proposal has it
    topic            TEXT NOT NULL DEFAULT '',
    author_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    author_name      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('discussion', 'deciding', 'decided', 'withdrawn')),
    comment_count    INTEGER NOT NULL DEFAULT 0,
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX proposals_by_collective ON proposals (collective_id, status, id);

CREATE TABLE proposal_comments (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES proposal_comments (id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES members (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    edited_at   TIMESTAMP,
    deleted_at  TIMESTAMP
);
CREATE INDEX proposal_comments_by_proposal ON proposal_comments (proposal_id, id);

-- One decision on a proposal. subject names what a close hook acts on
-- ('mandate:12:grant', 'gathering:3'); the decision feature never reads it.
-- result is the tally stored at close (JSON), so a closed decision reads the
-- same for ever. version moves on with every ballot, so caches of live
-- results can check they are current.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    collective_id   INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    proposal_id     INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    method          TEXT NOT NULL,
    question        TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    electorate      TEXT NOT NULL CHECK (electorate IN ('members', 'role', 'invited')),
    electorate_role TEXT NOT NULL DEFAULT '',
    anonymous       BOOLEAN NOT NULL DEFAULT FALSE,
    results_shown   TEXT NOT NULL CHECK (results_shown IN ('always', 'after_vote', 'after_close')),
    reasons         TEXT NOT NULL CHECK (reasons IN ('off', 'optional', 'required', 'objections')),
    seats           INTEGER NOT NULL DEFAULT 1,
    quorum          INTEGER NOT NULL DEFAULT 0,
    threshold_num   INTEGER NOT NULL DEFAULT 0,
    threshold_den   INTEGER NOT NULL DEFAULT 0,
    at_least        BOOLEAN NOT NULL DEFAULT FALSE,
    max_score       INTEGER NOT NULL DEFAULT 0,
    max_dots        INTEGER NOT NULL DEFAULT 0,
    stv_rules       TEXT NOT NULL DEFAULT 'meek',
    weighted        BOOLEAN NOT NULL DEFAULT FALSE,
    proxies         BOOLEAN NOT NULL DEFAULT FALSE,
    chambers        BOOLEAN NOT NULL DEFAULT FALSE,
    status          TEXT NOT NULL CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
    opens_at        TIMESTAMP NOT NULL,
    closes_at       TIMESTAMP NOT NULL,
    closed_at       TIMESTAMP,
    seed            INTEGER NOT NULL,
    turnout         INTEGER NOT NULL DEFAULT 0,
    passed          BOOLEAN,
    result          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    opened_notice_at  TIMESTAMP,
    closing_notice_at TIMESTAMP,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX decisions_by_collective ON decisions (collective_id, status, closes_at, id);
CREATE INDEX decisions_by_proposal ON decisions (proposal_id, id);
CREATE INDEX decisions_due ON decisions (status, closes_at);

-- The options of a decision, in order; a time poll's options carry a time.
CREATE TABLE decision_options (
    decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    starts_at   TIMESTAMP,
    PRIMARY KEY (decision_id, position)
);

-- Invited voters (electorate 'invited') and every voter's weight when the
-- decision is weighted; absent means weight 1.
CREATE TABLE decision_voters (
    decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    weight      INTEGER NOT NULL DEFAULT 1 CHECK (weight >= 0),
    PRIMARY KEY (decision_id, member_id)
);

-- Named ballots: who voted what, and why.
CREATE TABLE ballots (
    decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    voter_name  TEXT NOT NULL,
    choice      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    cast_at     TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (decision_id, member_id)
);

-- Anonymous ballots carry no voter, no time and no order: the key is random
-- and the table has no rowid, so rows sit in the order of that random key.
-- receipt_hash is the SHA-256 of the code the voter was shown, so the voter
-- (and only someone holding the code) can replace the ballot.
CREATE TABLE anonymous_ballots (
    decision_id  INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    receipt_hash TEXT NOT NULL UNIQUE,
    choice       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (decision_id, id)
) WITHOUT ROWID;

-- The organisations' chamber of an anonymous decision: one row for each
-- organisation a voter speaks for, each under its own key derived from the
-- receipt and the organisation, so no row names more than one organisation
-- and none can be joined to the ballot or to another (a replaced ballot
-- finds its rows again from the receipt alone).
CREATE TABLE anonymous_blocks (
    decision_id     INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    choice          TEXT NOT NULL,
    PRIMARY KEY (decision_id, organisation_id, id)
) WITHOUT ROWID;

-- Who has voted (for turnout and reminders), without a time; keyed by the
-- member, so the order of rows follows member ids, not the order of voting.
CREATE TABLE decision_turnout (
    decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, member_id)
) WITHOUT ROWID;

-- Proxies: a member lets another vote for them in one decision or on a
-- topic, until revoked. A delegate's ballot counts for those who did not
-- vote themselves.
CREATE TABLE decision_proxies (
    id             INTEGER PRIMARY KEY,
    collective_id  INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    from_member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    to_member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    decision_id    INTEGER REFERENCES decisions (id) ON DELETE CASCADE,
    topic          TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP
);
CREATE INDEX decision_proxies_by_collective ON decision_proxies (collective_id, revoked_at);
CREATE INDEX decision_proxies_from ON decision_proxies (from_member_id, revoked_at);
CREATE INDEX decision_proxies_to ON decision_proxies (to_member_id, revoked_at);

-- Outcomes: what was decided, in words, with a date to look at it again.
CREATE TABLE decision_outcomes (
    id                    INTEGER PRIMARY KEY,
    collective_id         INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    proposal_id           INTEGER REFERENCES proposals (id) ON DELETE SET NULL,
    decision_id           INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    title                 TEXT NOT NULL,
    statement             TEXT NOT NULL,
    method                TEXT NOT NULL DEFAULT '',
    passed                BOOLEAN,
    recorded_by_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    recorded_by_name      TEXT NOT NULL,
    review_on             TEXT NOT NULL DEFAULT '',
    reminded_at           TIMESTAMP,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
CREATE INDEX decision_outcomes_by_collective ON decision_outcomes (collective_id, id);
CREATE INDEX decision_outcomes_review ON decision_outcomes (review_on, reminded_at);

-- What each member did with power, per month: proposals made, votes cast in
-- named decisions, objections raised and objections that blocked a consent
-- decision. Kept in the transactions that make them, so the power page sums
-- a few thousand rows instead of every ballot.
CREATE TABLE power_counts (
    collective_id       INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    member_id           INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    month               TEXT NOT NULL,
    proposals           INTEGER NOT NULL DEFAULT 0,
    votes               INTEGER NOT NULL DEFAULT 0,
    objections          INTEGER NOT NULL DEFAULT 0,
    decisive_objections INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, member_id, month)
) WITHOUT ROWID;
-- The month's sums and each month's proposers read this index alone.
CREATE INDEX power_counts_by_month ON power_counts (collective_id, month, proposals, votes);
CREATE INDEX power_counts_proposers ON power_counts (collective_id, month, member_id, proposals) WHERE proposals > 0;

-- power_counts summed over all months per member, and over all members per
-- month, kept in the same transactions: the all-time page reads a row per
-- member and a row per month instead of every counter.
CREATE TABLE power_totals (
    collective_id       INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    member_id           INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    proposals           INTEGER NOT NULL DEFAULT 0,
    votes               INTEGER NOT NULL DEFAULT 0,
    objections          INTEGER NOT NULL DEFAULT 0,
    decisive_objections INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, member_id)
);

CREATE TABLE power_months (
    collective_id       INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    month               TEXT NOT NULL,
    proposals           INTEGER NOT NULL DEFAULT 0,
    votes               INTEGER NOT NULL DEFAULT 0,
    objections          INTEGER NOT NULL DEFAULT 0,
    decisive_objections INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (collective_id, month)
);

-- Mandates ("generous authority"): a role granted to a person by a consent
-- decision, with a scope and a term. pending_* is the decision under way
-- about it (grant, renew or revoke).
CREATE TABLE mandates (
    id                   INTEGER PRIMARY KEY,
    collective_id        INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    role                 TEXT NOT NULL,
    holder_member_id     INTEGER REFERENCES members (id) ON DELETE SET NULL,
    holder_name          TEXT NOT NULL,
    scope                TEXT NOT NULL,
    term_start           TEXT NOT NULL,
    term_end             TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'declined', 'ended', 'revoked')),
    pending_action       TEXT NOT NULL DEFAULT '' CHECK (pending_action IN ('', 'grant', 'renew', 'revoke')),
    pending_decision_id  INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    pending_term_end     TEXT NOT NULL DEFAULT '',
    granted_decision_id  INTEGER REFERENCES decisions (id) ON DELETE SET NULL,
    rotation_reminded_at TIMESTAMP,
    version              INTEGER NOT NULL DEFAULT 1,
    created_by           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);
CREATE INDEX mandates_by_collective ON mandates (collective_id, status, term_end);
CREATE INDEX mandates_by_holder ON mandates (holder_member_id, status);

-- Feedback rounds on how a mandate's authority is used. Answers are
-- anonymous: random key, no time, no member; who answered is kept apart.
CREATE TABLE mandate_feedback_rounds (
    id         INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates (id) ON DELETE CASCADE,
    opens_at   TIMESTAMP NOT NULL,
    closes_at  TIMESTAMP NOT NULL,
    responses  INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mandate_feedback_rounds_by_mandate ON mandate_feedback_rounds (mandate_id, id);

CREATE TABLE mandate_feedback (
    round_id INTEGER NOT NULL REFERENCES mandate_feedback_rounds (id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    serves   INTEGER NOT NULL CHECK (serves BETWEEN 1 AND 5),
    listens  INTEGER NOT NULL CHECK (listens BETWEEN 1 AND 5),
    within   INTEGER NOT NULL CHECK (within BETWEEN 1 AND 5),
    comment  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, id)
) WITHOUT ROWID;

CREATE TABLE mandate_feedback_given (
    round_id  INTEGER NOT NULL REFERENCES mandate_feedback_rounds (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, member_id)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE mandate_feedback_given;
DROP TABLE mandate_feedback;
DROP TABLE mandate_feedback_rounds;
DROP TABLE mandates;
DROP TABLE power_months;
DROP TABLE power_totals;
DROP INDEX power_counts_proposers;
DROP INDEX power_counts_by_month;
DROP TABLE power_counts;
DROP TABLE decision_outcomes;
DROP TABLE decision_proxies;
DROP TABLE decision_turnout;
DROP TABLE anonymous_blocks;
DROP TABLE anonymous_ballots;
DROP TABLE ballots;
DROP TABLE decision_voters;
DROP TABLE decision_options;
DROP TABLE decisions;
DROP TABLE proposal_comments;
DROP TABLE proposals;
