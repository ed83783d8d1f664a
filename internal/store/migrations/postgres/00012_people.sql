-- +goose Up
-- A profile is one per account and shows in every collective the person
-- belongs to. Each field has its own visibility, a small number so that a
-- query can say "visible at this level" as vis_x >= level:
--   0 only me, 1 stewards (of the collective it is shown in),
--   2 my collectives (members of that collective), 3 everyone on the instance.
CREATE TABLE profiles (
    user_id          BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name     TEXT NOT NULL DEFAULT '',
    pronouns         TEXT NOT NULL DEFAULT '',
    photo_file_id    BIGINT REFERENCES files (id) ON DELETE SET NULL,
    organisation     TEXT NOT NULL DEFAULT '',
    department       TEXT NOT NULL DEFAULT '',
    role_title       TEXT NOT NULL DEFAULT '',
    about            TEXT NOT NULL DEFAULT '',
    vis_display_name INTEGER NOT NULL DEFAULT 2 CHECK (vis_display_name BETWEEN 0 AND 3),
    vis_pronouns     INTEGER NOT NULL DEFAULT 2 CHECK (vis_pronouns BETWEEN 0 AND 3),
    vis_photo        INTEGER NOT NULL DEFAULT 2 CHECK (vis_photo BETWEEN 0 AND 3),
    vis_organisation INTEGER NOT NULL DEFAULT 2 CHECK (vis_organisation BETWEEN 0 AND 3),
    vis_department   INTEGER NOT NULL DEFAULT 2 CHECK (vis_department BETWEEN 0 AND 3),
    vis_role_title   INTEGER NOT NULL DEFAULT 2 CHECK (vis_role_title BETWEEN 0 AND 3),
    vis_about        INTEGER NOT NULL DEFAULT 2 CHECK (vis_about BETWEEN 0 AND 3),
    vis_skills       INTEGER NOT NULL DEFAULT 2 CHECK (vis_skills BETWEEN 0 AND 3),
    vis_offers       INTEGER NOT NULL DEFAULT 2 CHECK (vis_offers BETWEEN 0 AND 3),
    vis_needs        INTEGER NOT NULL DEFAULT 2 CHECK (vis_needs BETWEEN 0 AND 3),
    vis_values       INTEGER NOT NULL DEFAULT 2 CHECK (vis_values BETWEEN 0 AND 3),
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX profiles_organisation ON profiles (organisation);

-- Skills, offers and needs are short tags. tag is the normalised form
-- (lower case, single spaces) that filters and matching compare; label is
-- as the person typed it. position keeps their order.
CREATE TABLE profile_tags (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('skill', 'offer', 'need')),
    tag      TEXT NOT NULL,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, tag)
);
CREATE INDEX profile_tags_by_tag ON profile_tags (kind, tag, user_id);

-- A collective's vocabulary of values: stewards curate it, members propose.
-- sort_name (lower case) keeps names unique per collective.
CREATE TABLE value_terms (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('active', 'proposed', 'retired', 'declined')),
    proposed_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (collective_id, sort_name)
);
CREATE INDEX value_terms_by_status ON value_terms (collective_id, status, sort_name);

-- A member's ranked values in one collective (rank 1 first, at most ten),
-- each with an optional sentence on why it matters. They go when the
-- member leaves.
CREATE TABLE person_values (
    member_id     BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    term_id       BIGINT NOT NULL REFERENCES value_terms (id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 10),
    why           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, rank),
    UNIQUE (member_id, term_id)
);
CREATE INDEX person_values_by_term ON person_values (term_id, rank);
CREATE INDEX person_values_by_collective ON person_values (collective_id, member_id);

-- Per collective: data_version moves on, in the same transaction, with every
-- write that changes what matching reads (a profile of one of its members,
-- values, the vocabulary), so an in-memory index built at one version is
-- never served after another; seeded_at says the starter vocabulary was
-- copied in (once).
CREATE TABLE people_state (
    collective_id BIGINT PRIMARY KEY REFERENCES collectives (id) ON DELETE CASCADE,
    data_version  INTEGER NOT NULL DEFAULT 0,
    seeded_at     TIMESTAMPTZ
);

-- Prompts stewards set: 'background' ones stand on every profile as
-- optional questions ("the perspective I bring"); 'periodic' ones run for a
-- period ("a tradition from my family I bring to work"). Dates are
-- YYYY-MM-DD ('' for none).
CREATE TABLE people_prompts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('background', 'periodic')),
    question      TEXT NOT NULL,
    opens_on      TEXT NOT NULL DEFAULT '',
    closes_on     TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    archived_at   TIMESTAMPTZ,
    created_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX people_prompts_by_collective ON people_prompts (collective_id, kind, position);

-- An answer carries the visibility its author chose for it.
CREATE TABLE prompt_answers (
    prompt_id  BIGINT NOT NULL REFERENCES people_prompts (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    answer     TEXT NOT NULL,
    visibility INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 3),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (prompt_id, member_id)
);
CREATE INDEX prompt_answers_by_member ON prompt_answers (member_id);

-- Suggested groupings: one run per request (a job), its groups with what
-- unites each, and who is in which.
CREATE TABLE grouping_runs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    job_id        BIGINT,
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    people        INTEGER NOT NULL DEFAULT 0,
    group_count   INTEGER NOT NULL DEFAULT 0,
    modularity    DOUBLE PRECISION,
    error         TEXT NOT NULL DEFAULT '',
    requested_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX grouping_runs_by_collective ON grouping_runs (collective_id, id);

CREATE TABLE grouping_groups (
    run_id        BIGINT NOT NULL REFERENCES grouping_runs (id) ON DELETE CASCADE,
    group_no      INTEGER NOT NULL,
    size          INTEGER NOT NULL,
    organisations INTEGER NOT NULL DEFAULT 0,
    summary       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, group_no)
);

CREATE TABLE grouping_members (
    run_id    BIGINT NOT NULL REFERENCES grouping_runs (id) ON DELETE CASCADE,
    group_no  INTEGER NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, member_id)
);
CREATE INDEX grouping_members_by_group ON grouping_members (run_id, group_no);

-- +goose Down
DROP TABLE grouping_members;
DROP TABLE grouping_groups;
DROP TABLE grouping_runs;
DROP TABLE prompt_answers;
DROP TABLE people_prompts;
DROP TABLE people_state;
DROP TABLE person_values;
DROP TABLE value_terms;
DROP TABLE profile_tags;
DROP TABLE profiles;
