-- +goose Up
-- Shared measurement: goals (results) under a collective, indicators under
-- goals, their breakdown dimensions, the organisations contributing to them,
-- dated measurements with a history of corrections, and monthly rollups kept
-- up to date in the transaction of every write, so an indicator's page reads
-- a few hundred rollup rows instead of a million measurements.
-- Dates are 'YYYY-MM-DD' text in both dialects: they sort as dates, compare
-- as text, and read back the same from either driver.
CREATE TABLE measure_goals (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX measure_goals_by_collective ON measure_goals (collective_id, position, id);

CREATE TABLE measure_indicators (
    id             INTEGER PRIMARY KEY,
    collective_id  INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    goal_id        INTEGER NOT NULL REFERENCES measure_goals (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    sort_name      TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    kind           TEXT NOT NULL CHECK (kind IN ('population', 'how_much', 'how_well', 'better_off')),
    baseline_value REAL,
    baseline_text  TEXT NOT NULL DEFAULT '',
    baseline_date  TEXT,
    target_value   REAL,
    target_text    TEXT NOT NULL DEFAULT '',
    target_date    TEXT,
    frequency      TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
    definition     TEXT NOT NULL DEFAULT '',
    data_source    TEXT NOT NULL DEFAULT '',
    additive       BOOLEAN NOT NULL DEFAULT FALSE,
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (collective_id, sort_name)
);
CREATE INDEX measure_indicators_by_goal ON measure_indicators (goal_id, position, id);

CREATE TABLE measure_dimensions (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES measure_indicators (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    UNIQUE (indicator_id, name)
);

CREATE TABLE measure_dimension_values (
    dimension_id INTEGER NOT NULL REFERENCES measure_dimensions (id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (dimension_id, value)
);

CREATE TABLE measure_contributors (
    indicator_id    INTEGER NOT NULL REFERENCES measure_indicators (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, organisation_id)
);
CREATE INDEX measure_contributors_by_org ON measure_contributors (organisation_id);

-- One row per breakdown of an indicator that has data; key '' is the total,
-- otherwise the breakdown as canonical JSON ({"age":"18-24","area":"North"}).
-- Measurements and rollups refer to it by id, which keeps their rows and
-- indexes small.
CREATE TABLE measure_breakdowns (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES measure_indicators (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    UNIQUE (indicator_id, key)
);

-- value is a float (an indicator is a measurement, not a record of money);
-- value_text keeps the number exactly as it was entered.
CREATE TABLE measure_measurements (
    id              INTEGER PRIMARY KEY,
    indicator_id    INTEGER NOT NULL REFERENCES measure_indicators (id) ON DELETE CASCADE,
    breakdown_id    INTEGER NOT NULL REFERENCES measure_breakdowns (id) ON DELETE CASCADE,
    on_date         TEXT NOT NULL CHECK (length(on_date) = 10),
    value           REAL NOT NULL,
    value_text      TEXT NOT NULL,
    reported_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (indicator_id, breakdown_id, on_date)
);

CREATE TABLE measure_corrections (
    id             INTEGER PRIMARY KEY,
    measurement_id INTEGER NOT NULL REFERENCES measure_measurements (id) ON DELETE CASCADE,
    old_value      REAL NOT NULL,
    old_text       TEXT NOT NULL,
    new_value      REAL NOT NULL,
    new_text       TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    changed_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    changed_at     TIMESTAMP NOT NULL
);
CREATE INDEX measure_corrections_by_measurement ON measure_corrections (measurement_id, id);

-- period is the month, 'YYYY-MM'. last_* is the value on the latest date
-- in the period: the standing value of the series at the period's end.
CREATE TABLE measure_rollups (
    indicator_id INTEGER NOT NULL REFERENCES measure_indicators (id) ON DELETE CASCADE,
    breakdown_id INTEGER NOT NULL REFERENCES measure_breakdowns (id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    count        INTEGER NOT NULL,
    sum          REAL NOT NULL,
    min          REAL NOT NULL,
    max          REAL NOT NULL,
    last_date    TEXT NOT NULL,
    last_value   REAL NOT NULL,
    PRIMARY KEY (indicator_id, breakdown_id, period)
);

-- +goose Down
DROP TABLE measure_rollups;
DROP TABLE measure_corrections;
DROP TABLE measure_measurements;
DROP TABLE measure_breakdowns;
DROP TABLE measure_contributors;
DROP TABLE measure_dimension_values;
DROP TABLE measure_dimensions;
DROP TABLE measure_indicators;
DROP TABLE measure_goals;
