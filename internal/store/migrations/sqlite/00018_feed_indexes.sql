-- +goose Up
-- Calendar feeds (issue 12's budget: a feed over 10,000 gatherings in
-- 50 ms). gatherings_feed lets a feed read a collective's gatherings in
-- rowid order, so each table page is read once; through
-- gatherings_by_collective the lookups follow the start times and jump
-- around a table larger than a connection's page cache.
CREATE INDEX gatherings_feed ON gatherings (collective_id);
-- The dates that differ from their rule, a few among thousands: a feed
-- reads these instead of passing over every date.
CREATE INDEX gathering_occurrences_changed ON gathering_occurrences (collective_id) WHERE moved OR status = 'cancelled';
-- A personal feed keeps the gatherings a person answered (going or
-- waiting) and leaves out the dates they declined: with occurrence_id in
-- the index both read only the index, not a row a date from the largest
-- table. (It makes gathering_registrations_by_member, its prefix, redundant.)
CREATE INDEX gathering_registrations_by_member_date ON gathering_registrations (member_id, status, occurrence_id);

-- +goose Down
DROP INDEX gathering_registrations_by_member_date;
DROP INDEX gathering_occurrences_changed;
DROP INDEX gatherings_feed;
