-- +goose Up
-- member_count saves counting 10,000 rows on every members page; version is
-- bumped by every change to the member list, so pages cached under an older
-- version are never served (on any instance: the version lives here).
ALTER TABLE collectives ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE collectives ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE collectives SET member_count = (SELECT count(*) FROM members WHERE members.collective_id = collectives.id);

-- +goose Down
ALTER TABLE collectives DROP COLUMN version;
ALTER TABLE collectives DROP COLUMN member_count;
