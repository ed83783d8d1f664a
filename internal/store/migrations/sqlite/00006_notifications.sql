-- +goose Up
-- One row per person per notice. mode is how it was to be e-mailed when it
-- was made (immediately, daily, weekly or never); emailed_at is set when it
-- went out, alone or in a digest, so it is never sent twice.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    collective_id INTEGER REFERENCES collectives (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    mode          TEXT NOT NULL CHECK (mode IN ('immediately', 'daily', 'weekly', 'never')),
    created_at    TIMESTAMP NOT NULL,
    read_at       TIMESTAMP,
    emailed_at    TIMESTAMP
);
-- A person's list, newest first.
CREATE INDEX notifications_by_user ON notifications (user_id, id);
-- The unread count in every page's header reads only unread rows.
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
-- The digest job reads only what waits for a digest.
CREATE INDEX notifications_waiting ON notifications (mode, user_id, id) WHERE emailed_at IS NULL;

-- How each person wants to hear of each kind; a missing row means the
-- kind's default. Kind '*' is the default for kinds without a row, set when
-- someone unsubscribes from all e-mail.
CREATE TABLE notification_prefs (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    mode    TEXT NOT NULL CHECK (mode IN ('immediately', 'daily', 'weekly', 'never')),
    PRIMARY KEY (user_id, kind)
);

-- One row per digest sent, keyed by period ('2026-11-23', '2026-W48'), so a
-- digest job that runs again sends nothing twice.
CREATE TABLE notification_digests (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period  TEXT NOT NULL,
    items   INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, period)
);

-- +goose Down
DROP TABLE notification_digests;
DROP TABLE notification_prefs;
DROP TABLE notifications;
