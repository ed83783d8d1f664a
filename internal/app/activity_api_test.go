package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// actList is the API's page of entries.
type actList struct {
	Items []activity.Item `json:"items"`
	Next  string          `json:"next"`
}

func (f *scFixture) activityAPI(t *testing.T, who, path string) (int, actList) {
	t.Helper()
	res, body := f.jar[who].do(t, "GET", path, nil, nil, nil)
	var l actList
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, body)
		}
	}
	return res.StatusCode, l
}

func verbs(l actList) []string {
	var out []string
	for _, it := range l.Items {
		if !slices.Contains(out, it.Verb) {
			out = append(out, it.Verb)
		}
	}
	slices.Sort(out)
	return out
}

// TestActivityAPIAudiences: the same collective's log read through the API
// by each kind of person.
func TestActivityAPIAudiences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		path := "/api/v1/collectives/" + scA + "/activity?limit=200"
		shared := []string{"collective.created", "member.affiliations_changed", "member.joined", "organisation.created"}
		for _, c := range []struct {
			who  string
			want []string
		}{
			{"steward", []string{"collective.created", "invitation.created", "member.affiliations_changed", "member.joined", "organisation.created"}},
			{"member", shared},
			{"observer", shared},
		} {
			t.Run(c.who, func(t *testing.T) {
				status, l := f.activityAPI(t, c.who, path)
				if status != 200 || !slices.Equal(verbs(l), c.want) {
					t.Fatalf("%d: verbs %q, want %q", status, verbs(l), c.want)
				}
			})
		}
		t.Run("OutsiderNotFound", func(t *testing.T) {
			if status, _ := f.activityAPI(t, "outsider", path); status != 404 {
				t.Fatalf("status %d", status)
			}
		})
		t.Run("RemovedMemberNotFound", func(t *testing.T) {
			if status, _ := f.activityAPI(t, "removed", path); status != 200 {
				t.Fatalf("before removal: status %d", status)
			}
			scRemoveThroughService(scA, "removed")(t, f, nil)
			if status, _ := f.activityAPI(t, "removed", path); status != 404 {
				t.Fatalf("after removal: status %d", status)
			}
			_, l := f.activityAPI(t, "steward", path+"&member="+actItoa(f.mid[scA+"/steward"]))
			if len(l.Items) == 0 || l.Items[0].Verb != "member.removed" || l.Items[0].Summary != "Sam Steward removed Rae Removed from Riverside Coalition." ||
				l.Items[0].Audience != "stewards" || l.Items[0].Link != "/c/riverside/members" {
				t.Fatalf("newest of the steward's entries: %+v", l.Items[0])
			}
			_, l = f.activityAPI(t, "member", path)
			if slices.Contains(verbs(l), "member.removed") {
				t.Fatal("a member sees a removal addressed to stewards")
			}
		})
		t.Run("PersonalFeed", func(t *testing.T) {
			status, l := f.activityAPI(t, "member", "/api/v1/activity?limit=200")
			var slugs []string
			for _, it := range l.Items {
				if !slices.Contains(slugs, it.Collective) {
					slugs = append(slugs, it.Collective)
				}
			}
			slices.Sort(slugs)
			if status != 200 || !slices.Equal(slugs, []string{scP, scA}) {
				t.Fatalf("%d: collectives %q", status, slugs)
			}
		})
	})
}

func actItoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestActivityNotices: the collective service writes its entries and sends
// its notices in the transaction of the change, and neither when it fails.
func TestActivityNotices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		var sent []activity.Notice
		f.app.Collectives.Notify = func(_ context.Context, _ *store.Tx, n activity.Notice) error {
			sent = append(sent, n)
			return nil
		}
		count := func() int {
			var n int
			if err := db.Get(context.Background(), &n, "SELECT count(*) FROM activity"); err != nil {
				t.Fatal(err)
			}
			return n
		}
		sctx, a := f.stewardAccess(t, scA)
		steward := f.user["steward"].ID
		t.Run("RolesChanged", func(t *testing.T) {
			sent = nil
			if err := f.app.Collectives.SetRoles(sctx, a, f.mid[scA+"/member"], []string{auth.Member, auth.Host}); err != nil {
				t.Fatal(err)
			}
			if len(sent) != 1 || sent[0].Kind != "member.roles_changed" || !slices.Equal(sent[0].UserIDs, []int64{f.user["member"].ID}) ||
				sent[0].Body != "Sam Steward set your roles in Riverside Coalition to host, member." {
				t.Fatalf("sent %+v", sent)
			}
		})
		t.Run("ErrLastStewardNothingWritten", func(t *testing.T) {
			sent = nil
			before := count()
			err := f.app.Collectives.SetRoles(sctx, a, f.mid[scA+"/steward"], []string{auth.Member})
			if err == nil || count() != before || len(sent) != 0 {
				t.Fatalf("err %v, %d entries written, sent %+v", err, count()-before, sent)
			}
		})
		t.Run("Removed", func(t *testing.T) {
			sent = nil
			if err := f.app.Collectives.Remove(sctx, a, f.mid[scA+"/extra"]); err != nil {
				t.Fatal(err)
			}
			if len(sent) != 1 || sent[0].Kind != "member.removed" || !slices.Equal(sent[0].UserIDs, []int64{f.user["extra"].ID}) {
				t.Fatalf("sent %+v", sent)
			}
		})
		t.Run("Left", func(t *testing.T) {
			sent = nil
			if err := f.app.Collectives.Leave(f.as("leaver"), f.access(t, "leaver", scA)); err != nil {
				t.Fatal(err)
			}
			if len(sent) != 1 || sent[0].Kind != "member.left" || !slices.Equal(sent[0].UserIDs, []int64{steward}) ||
				sent[0].Title != "Lee Leaver left Riverside Coalition" {
				t.Fatalf("sent %+v", sent)
			}
		})
		t.Run("InvitationAccepted", func(t *testing.T) {
			sent = nil
			f.join(t, scA, "invitee", auth.Member)
			if len(sent) != 1 || sent[0].Kind != "invitation.accepted" || !slices.Equal(sent[0].UserIDs, []int64{steward}) ||
				sent[0].Body != "Ivy Invitee is now a member of Riverside Coalition as member." {
				t.Fatalf("sent %+v", sent)
			}
		})
		t.Run("Declined", func(t *testing.T) {
			before := count()
			if err := f.app.Collectives.DeclineInvitation(context.Background(), f.tok["decline"]); err != nil {
				t.Fatal(err)
			}
			var e struct {
				Verb     string `db:"verb"`
				Summary  string `db:"summary"`
				Audience string `db:"audience"`
			}
			if err := db.Get(context.Background(), &e, "SELECT verb, summary, audience FROM activity ORDER BY id DESC LIMIT 1"); err != nil {
				t.Fatal(err)
			}
			if count() != before+1 || e.Verb != "invitation.declined" || e.Audience != "stewards" {
				t.Fatalf("%+v", e)
			}
		})
	})
}
