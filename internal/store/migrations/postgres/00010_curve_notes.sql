-- +goose Up
-- "Turn the curve" notes on an indicator: a chain of versions never changed
-- after they are written. measure_curve_notes holds which version is
-- current, so a save claims the next number with one conditional UPDATE
-- (optimistic concurrency: it touches no row when someone else saved first).
CREATE TABLE measure_curve_notes (
    indicator_id    BIGINT PRIMARY KEY REFERENCES measure_indicators (id) ON DELETE CASCADE,
    current_version INTEGER NOT NULL CHECK (current_version >= 1)
);

CREATE TABLE measure_curve_note_versions (
    indicator_id BIGINT NOT NULL REFERENCES measure_curve_notes (indicator_id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    story        TEXT NOT NULL DEFAULT '',
    partners     TEXT NOT NULL DEFAULT '',
    what_works   TEXT NOT NULL DEFAULT '',
    proposal     TEXT NOT NULL DEFAULT '',
    author_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator_id, version)
);

-- The organisations of the collective a version names as partners with a
-- role; an organisation that leaves drops out of every version, while the
-- free text keeps whatever was written about it.
CREATE TABLE measure_curve_note_orgs (
    indicator_id    BIGINT NOT NULL,
    version         INTEGER NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, version, organisation_id),
    FOREIGN KEY (indicator_id, version) REFERENCES measure_curve_note_versions (indicator_id, version) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE measure_curve_note_orgs;
DROP TABLE measure_curve_note_versions;
DROP TABLE measure_curve_notes;
