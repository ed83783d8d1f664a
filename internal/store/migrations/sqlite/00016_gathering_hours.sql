-- +goose Up
-- The balance dashboard's weekly figures that cannot change any more: how
-- many people spent time in gatherings in a week and how many went past
-- their focus budget. Counting them again means reading every check-in of
-- the year (hundreds of thousands of rows in a big collective); once a
-- week is over and check-in for its dates has closed, the service writes
-- them here the first time it counts them. Budgets are taken as they were
-- then, which is what the week was planned against.
CREATE TABLE gathering_week_stats (
    collective_id INTEGER NOT NULL REFERENCES collectives (id) ON DELETE CASCADE,
    week_start    TIMESTAMP NOT NULL,
    people        INTEGER NOT NULL,
    over_budget   INTEGER NOT NULL,
    computed_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (collective_id, week_start)
);

-- +goose Down
DROP TABLE gathering_week_stats;
