-- +goose Up
-- A notification may carry a calendar entry (an iMIP invitation, RFC 6047):
-- its RFC 5546 method (REQUEST, CANCEL) and the iCalendar text, written per
-- recipient, since each copy names only its own attendee. The e-mail of the
-- notification adds it as a text/calendar part; digests leave it out.
ALTER TABLE notifications ADD COLUMN calendar_method TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN calendar TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE notifications DROP COLUMN calendar;
ALTER TABLE notifications DROP COLUMN calendar_method;
