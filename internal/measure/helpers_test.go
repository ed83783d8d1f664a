package measure_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
)

// now is the fixture's clock: measurements may be dated up to the next day.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// world is a collective with a steward, a member of the Food Bank, a member
// of the Library, an observer, and a goal.
type world struct {
	db                    *store.DB
	cs                    *collective.Service
	svc                   *measure.Service
	steward, ana, ben, ob *auth.User
	food, library         int64
	goal                  int64
	users                 int
}

func newWorld(t testing.TB, db *store.DB) *world {
	t.Helper()
	db.Now = func() time.Time { return now }
	cs := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	w := &world{db: db, cs: cs, svc: &measure.Service{DB: db, Collectives: cs}}
	w.steward = w.user(t, "Sam Steward")
	if _, err := cs.Create(as(w.steward), collective.Input{Slug: "river", Name: "River", Visibility: "private"}); err != nil {
		t.Fatal(err)
	}
	sa := w.access(t, w.steward)
	for _, o := range []struct {
		name string
		id   *int64
	}{{"Food Bank", &w.food}, {"Library", &w.library}} {
		org, err := cs.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: o.name})
		if err != nil {
			t.Fatal(err)
		}
		*o.id = org.ID
	}
	w.ana = w.join(t, "Ana", []string{auth.Member}, w.food)
	w.ben = w.join(t, "Ben", []string{auth.Member}, w.library)
	w.ob = w.join(t, "Olu", []string{auth.Observer}, 0)
	g, err := w.svc.CreateGoal(as(w.steward), w.access(t, w.steward), measure.GoalInput{Title: "Nobody goes hungry"})
	if err != nil {
		t.Fatal(err)
	}
	w.goal = g.ID
	return w
}

func (w *world) user(t testing.TB, name string) *auth.User {
	t.Helper()
	w.users++
	return authtest.User(t, w.db, name, fmt.Sprintf("u%d@example.org", w.users))
}

// join invites a new person with roles, has them accept, and affiliates
// them with org (0 for none).
func (w *world) join(t testing.TB, name string, roles []string, org int64) *auth.User {
	t.Helper()
	u := w.user(t, name)
	inv, err := w.cs.CreateInvitation(as(w.steward), w.access(t, w.steward), collective.InviteInput{Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	if _, err := w.cs.AcceptInvitation(as(u), token); err != nil {
		t.Fatal(err)
	}
	if org != 0 {
		a := w.access(t, u)
		if err := w.cs.SetAffiliations(as(w.steward), w.access(t, w.steward), a.MemberID, []int64{org}); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

func (w *world) access(t testing.TB, u *auth.User) *collective.Access {
	t.Helper()
	a, err := w.cs.Access(as(u), "river")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func as(u *auth.User) context.Context { return authtest.As(u) }

// indicator makes an indicator as the steward.
func (w *world) indicator(t testing.TB, in measure.IndicatorInput) *measure.Indicator {
	t.Helper()
	if in.GoalID == 0 {
		in.GoalID = w.goal
	}
	if in.Direction == "" {
		in.Direction = measure.Higher
	}
	ind, err := w.svc.CreateIndicator(as(w.steward), w.access(t, w.steward), in)
	if err != nil {
		t.Fatalf("create indicator %s: %v", in.Name, err)
	}
	return ind
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if errs.Code(err) != code {
		t.Fatalf("got %v (%s), want %s", err, errs.Code(err), code)
	}
}

// count counts rows of a table.
func (w *world) count(t testing.TB, table string) int {
	t.Helper()
	var n int
	if err := w.db.Get(context.Background(), &n, "SELECT count(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}

// activity lists the verbs recorded in the collective, oldest first.
func (w *world) verbs(t testing.TB) []string {
	t.Helper()
	var out []string
	if err := w.db.Select(context.Background(), &out, "SELECT verb FROM activity WHERE verb LIKE 'goal.%' OR verb LIKE 'indicator.%' OR verb LIKE 'measurement.%' ORDER BY id"); err != nil {
		t.Fatal(err)
	}
	return out
}

// dateAfter is the date n days after day.
func dateAfter(day string, n int) string {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	return d.AddDate(0, 0, n).Format("2006-01-02")
}
