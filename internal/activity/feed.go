package activity

import (
	"strconv"
	"strings"
)

// maxFeedTerms caps the SELECTs joined by UNION ALL in one feed query.
// SQLite refuses a compound SELECT of more than 500 terms
// (SQLITE_MAX_COMPOUND_SELECT); a person in a few hundred collectives
// would pass that, so their feed is read in several queries instead.
const maxFeedTerms = 200

// feedSQL is one query of a feed and its arguments.
type feedSQL struct {
	sql  string
	args []any
}

// feedTerm is one range scan of the index: a WHERE clause and its values.
type feedTerm struct {
	where string
	args  []any
}

// feedQueries builds the queries for one page of a feed; the page is the
// newest q.Limit+1 rows of all their results together.
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
// Nearly everyone needs one query. Past maxFeedTerms scans the readers are
// split over several queries, each with the same shape, whose results the
// caller merges; every query is cut at the page size, so the merge is exact.
//
// It returns nothing when the reader can see nothing at all.
func feedQueries(userID int64, readers []Reader, personal bool, q Query) []feedSQL {
	var out []feedSQL
	var terms []feedTerm
	flush := func() {
		if len(terms) > 0 {
			out = append(out, unionQuery(terms, q))
			terms = nil
		}
	}
	// Entries for the actor alone are only ever the reader's own, so an
	// actor filter naming someone else rules them out.
	ownToo := userID != 0 && (q.Actor == 0 || q.Actor == userID)
	for _, r := range readers {
		var mine []feedTerm
		for _, aud := range r.audiences() {
			if q.Actor != 0 {
				mine = append(mine, feedTerm{"collective_id = ? AND actor_id = ? AND audience = ?", []any{r.CollectiveID, q.Actor, string(aud)}})
			} else {
				mine = append(mine, feedTerm{"collective_id = ? AND audience = ?", []any{r.CollectiveID, string(aud)}})
			}
		}
		if ownToo && r.Member {
			mine = append(mine, feedTerm{"collective_id = ? AND actor_id = ? AND audience = 'actor'", []any{r.CollectiveID, userID}})
		}
		// A reader's scans stay in one query; a reader has a handful.
		if len(terms)+len(mine) > maxFeedTerms {
			flush()
		}
		terms = append(terms, mine...)
	}
	if personal && ownToo {
		if len(terms)+1 > maxFeedTerms {
			flush()
		}
		terms = append(terms, feedTerm{"collective_id IS NULL AND actor_id = ? AND audience = 'actor'", []any{userID}})
	}
	flush()
	return out
}

// unionQuery is the newest q.Limit+1 entries of the union of terms, with
// their actors' names.
func unionQuery(terms []feedTerm, q Query) feedSQL {
	n := q.Limit + 1 // one more than the page, to know whether another follows
	parts := make([]string, 0, len(terms))
	var args []any
	for i, t := range terms {
		where, whereArgs := t.where, t.args
		if q.Before > 0 {
			where += " AND id < ?"
			whereArgs = append(whereArgs[:len(whereArgs):len(whereArgs)], q.Before)
		}
		parts = append(parts, "SELECT id FROM (SELECT id FROM activity WHERE "+where+" ORDER BY id DESC LIMIT ?) s"+strconv.Itoa(i))
		args = append(append(args, whereArgs...), n)
	}
	ids := strings.Join(parts, " UNION ALL ") + " ORDER BY id DESC LIMIT ?"
	args = append(args, n)
	return feedSQL{`SELECT a.id, a.collective_id, a.actor_id, COALESCE(u.name, '') AS actor, a.verb, a.subject, a.summary, a.link,
		a.audience, a.created_at
		FROM activity a JOIN (` + ids + `) p ON p.id = a.id LEFT JOIN users u ON u.id = a.actor_id
		ORDER BY a.id DESC`, args}
}
