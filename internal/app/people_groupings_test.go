package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/people"
	"commonground/internal/store"
)

// ppInsertRun writes a done run of the scenarios' collective A as the
// groupings worker would have, with one group of members, and returns its
// ID. The scenarios run no job queue, and a handful of people make no
// real group.
func ppInsertRun(t *testing.T, db *store.DB, members []int64) int64 {
	t.Helper()
	var run int64
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		var c int64
		if err := tx.Get(ctx, &c, "SELECT id FROM collectives WHERE slug = ?", scA); err != nil {
			return err
		}
		var err error
		if run, err = tx.Insert(ctx, `INSERT INTO grouping_runs (collective_id, status, people, group_count, created_at)
			VALUES (?, 'done', ?, 1, ?)`, c, len(members), tx.Now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO grouping_groups (run_id, group_no, size) VALUES (?, 1, ?)", run, len(members)); err != nil {
			return err
		}
		for _, id := range members {
			if _, err := tx.Exec(ctx, "INSERT INTO grouping_members (run_id, group_no, member_id) VALUES (?, 1, ?)", run, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// ppDoneRun adds a done run with one group of Mo, Ola and the steward;
// then the run's page and its group's page show them as the steward sees
// them, and a member is refused the group's page.
func ppDoneRun(ids ppIDs) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, b *scBrowser) {
		t.Helper()
		run := ppInsertRun(t, f.app.DB, []int64{ids.member, ids.ola, ids.steward})
		path := fmt.Sprintf("/c/%s/people/groupings/%d", scA, run)
		// Fairness is a value two of them hold; Mo and Ola name two
		// organisations, the steward none.
		scThen(path, 200, "Group 1: 3 people from 2 organisations", "What they share: Fairness", "Ola Observer", "Mo Member")(t, f, b)
		scThen(path+"/groups/1", 200, fmt.Sprintf("Group 1 of run %d", run), "3 people from 2 organisations",
			"What they share: Fairness", "Ola Observer", "Mo Member", "Eastbank Housing")(t, f, b)
		scThen(path+"/groups/2", 404)(t, f, b)
		scThenAs("member", path+"/groups/1", 403, nil, nil)(t, f, b)
	}
}

// paGroupRun adds a done run with one group of Mo, Ola and the steward.
// While Ola lets stewards see her values, the API lists the three of them
// and counts them; once she keeps them to herself again (as the seed has
// it), she is gone from the run and her group, left with two, is no
// longer shown.
func paGroupRun(t *testing.T, f *apiFixture, _ apiAnswer) {
	t.Helper()
	m := func(who string) int64 { return f.mid[scA+"/"+who] }
	run := ppInsertRun(t, f.app.DB, []int64{m("member"), m("observer"), m("steward")})
	paDigests[f] = paDigest(t, f.app.DB)
	olaValues := func(v people.Visibility) {
		t.Helper()
		err := f.app.DB.Write(context.Background(), func(tx *store.Tx) error {
			ctx := context.Background()
			if _, err := tx.Exec(ctx, "UPDATE profiles SET vis_values = ? WHERE user_id = ?", v, f.user["observer"].ID); err != nil {
				return err
			}
			// As the service does on every change matching reads.
			_, err := tx.Exec(ctx, `UPDATE people_state SET data_version = data_version + 1
				WHERE collective_id = (SELECT id FROM collectives WHERE slug = ?)`, scA)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	get := func(path string, status int, want map[string]any) string {
		t.Helper()
		ans := f.callers["steward"].do(t, "GET", fmt.Sprintf("%s%s/groupings/%d%s", apiC, scA, run, path), "")
		if err := f.validate(ans); ans.status != status || err != nil {
			t.Fatalf("GET %s: %d, %v\n%s", path, ans.status, err, ans.body)
		}
		doc := paJSON(t, ans)
		for p, w := range want {
			if got, _ := apiAt(doc, p); got != w {
				t.Errorf("GET %s: %s = %v, want %v", path, p, got, w)
			}
		}
		return string(ans.body)
	}

	olaValues(people.Stewards)
	// Mo and Ola both rank Fairness first; what else is shared depends on
	// the values earlier scenarios gave the steward.
	if body := get("/groups/1/members", 200, map[string]any{"total": 3.0, "items.#": 3, "group.size": 3.0, "group.group_no": 1.0,
		"items.1.name": "Ola Observer", "next": nil}); !strings.Contains(body, `"summary":"Fairness`) {
		t.Errorf("summary: %s", body)
	}
	get("", 200, map[string]any{"group_count": 1.0, "groups.0.size": 3.0, "groups.0.preview.#": 3, "busy": false})
	olaValues(people.OnlyMe)
	get("/groups/1/members", 404, nil)
	if body := get("", 200, map[string]any{"group_count": 0.0, "groups.#": 0}); strings.Contains(body, "Ola") {
		t.Errorf("Ola is still shown: %s", body)
	}
}
