package activity

import (
	"strconv"
	"strings"
)

// feedQuery builds the query for one page of a feed.
//
// A reader sees the union of a few audiences (everyone, stewards, each role
// they hold, and what they did alone). Asking for all of them with one
// "audience IN (…) ORDER BY id" makes both databases collect every matching
// row and sort it, which over a million entries is far over budget. So each
// audience is its own range scan of the index (collective_id, audience, id),
// newest first and cut at the page size; the union of those short lists is
// sorted and cut again. A page costs at most (audiences × page size) index
// entries, however large the log and however small the reader's share.
//
// It returns "" when the reader can see nothing at all.
func feedQuery(userID int64, readers []Reader, personal bool, q Query) (string, []any) {
	var parts []string
	var args []any
	n := q.Limit + 1 // one more than the page, to know whether another follows
	add := func(where string, whereArgs ...any) {
		if q.Before > 0 {
			where += " AND id < ?"
			whereArgs = append(whereArgs, q.Before)
		}
		alias := "s" + strconv.Itoa(len(parts))
		parts = append(parts, "SELECT id FROM (SELECT id FROM activity WHERE "+where+" ORDER BY id DESC LIMIT ?) "+alias)
		args = append(append(args, whereArgs...), n)
	}
	// Entries for the actor alone are only ever the reader's own, so an
	// actor filter naming someone else rules them out.
	ownToo := userID != 0 && (q.Actor == 0 || q.Actor == userID)
	for _, r := range readers {
		for _, aud := range r.audiences() {
			if q.Actor != 0 {
				add("collective_id = ? AND actor_id = ? AND audience = ?", r.CollectiveID, q.Actor, string(aud))
			} else {
				add("collective_id = ? AND audience = ?", r.CollectiveID, string(aud))
			}
		}
		if ownToo && r.Member {
			add("collective_id = ? AND actor_id = ? AND audience = 'actor'", r.CollectiveID, userID)
		}
	}
	if personal && ownToo {
		add("collective_id IS NULL AND actor_id = ? AND audience = 'actor'", userID)
	}
	if len(parts) == 0 {
		return "", nil
	}
	ids := strings.Join(parts, " UNION ALL ") + " ORDER BY id DESC LIMIT ?"
	args = append(args, n)
	return `SELECT a.id, a.collective_id, a.actor_id, COALESCE(u.name, '') AS actor, a.verb, a.subject, a.summary, a.link,
		a.audience, a.created_at
		FROM activity a JOIN (` + ids + `) p ON p.id = a.id LEFT JOIN users u ON u.id = a.actor_id
		ORDER BY a.id DESC`, args
}
