package commitment

import (
	"fmt"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestDistribution: A gave B two kept promises, B gave A one, A has one
// accepted promise to C past its due date; nobody else gave anything.
func TestDistribution(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, in := range []Input{sized(f.B, "one", Hours, "2", ""), promise(f.B, "two")} {
			c := f.commit(t, f.A, in)
			f.move(t, f.B, c.ID, Accept)
			f.move(t, f.B, c.ID, Confirm)
		}
		c := f.commit(t, f.B, promise(f.A, "three"))
		f.move(t, f.A, c.ID, Accept)
		f.move(t, f.A, c.ID, Confirm)
		late := f.commit(t, f.A, sized(f.C, "four", NoSize, "", day(1)))
		f.move(t, f.C, late.ID, Accept)
		f.Clock.Set(testStart.AddDate(0, 0, 3))

		names := func(p *DistributionPage) []string {
			out := []string{}
			for _, r := range p.Rows {
				out = append(out, r.Name)
			}
			return out
		}
		get := func(t *testing.T, q DistributionQuery) *DistributionPage {
			t.Helper()
			p, err := f.S.Distribution(ctxOf(f.Steward), f.Steward, q)
			ok(t, err)
			return p
		}
		t.Run("OK", func(t *testing.T) {
			p := get(t, DistributionQuery{})
			same(t, "total", p.Total, 5)
			same(t, "A", p.Rows[0], DistributionRow{MemberID: f.A.MemberID, Name: "Ana Adler", Made: 3, GivenCount: 2,
				ReceivedCount: 1, Kept: 2, Overdue: 1, Fulfilment: ptr(2.0 / 3)})
			same(t, "B", p.Rows[1], DistributionRow{MemberID: f.B.MemberID, Name: "Ben Brook", Made: 1, GivenCount: 1,
				ReceivedCount: 2, Kept: 1, Fulfilment: ptr(1.0)})
			same(t, "never contributed", p.Rows[2], DistributionRow{MemberID: f.C.MemberID, Name: "Cleo Cole"})
		})
		t.Run("Sorts", func(t *testing.T) {
			for _, c := range []struct {
				sort string
				want []string
			}{
				{SortGiven, []string{"Ana Adler", "Ben Brook", "Cleo Cole", "Olga Observer", "Sam Steward"}},
				{SortReceived, []string{"Ben Brook", "Ana Adler", "Cleo Cole", "Olga Observer", "Sam Steward"}},
				{SortMade, []string{"Ana Adler", "Ben Brook", "Cleo Cole", "Olga Observer", "Sam Steward"}},
				{SortName, []string{"Ana Adler", "Ben Brook", "Cleo Cole", "Olga Observer", "Sam Steward"}},
			} {
				same(t, c.sort, names(get(t, DistributionQuery{Sort: c.sort})), c.want)
			}
		})
		t.Run("Filters", func(t *testing.T) {
			for _, c := range []struct {
				filter string
				want   []string
			}{
				{FilterNever, []string{"Cleo Cole", "Olga Observer", "Sam Steward"}},
				{FilterReceives, []string{"Ben Brook"}},
				{FilterGives, []string{"Ana Adler"}},
			} {
				p := get(t, DistributionQuery{Filter: c.filter, Sort: SortName})
				same(t, c.filter, []any{names(p), p.Total}, []any{c.want, len(c.want)})
			}
		})
		t.Run("ErrQuery", func(t *testing.T) {
			_, err := f.S.Distribution(ctxOf(f.Steward), f.Steward, DistributionQuery{Sort: "balance"})
			wantErr(t, err, errs.Invalid, "sort", "Sort by given, received, made or name.")
			_, err = f.S.Distribution(ctxOf(f.Steward), f.Steward, DistributionQuery{Filter: "takers"})
			wantErr(t, err, errs.Invalid, "filter", "never_contributed")
		})
		t.Run("ErrNotSteward", func(t *testing.T) {
			for _, a := range []*collective.Access{f.A, f.Observer, f.Outsider, f.Anon} {
				_, err := f.S.Distribution(ctxOf(a), a, DistributionQuery{})
				wantErr(t, err, errs.Forbidden, "", "Only stewards of River")
			}
		})
		t.Run("Pages", func(t *testing.T) {
			for i := range PerPage {
				f.join(t, fmt.Sprintf("Zed %02d", i), auth.Member)
			}
			st := f.access(t, f.Steward.User)
			p1, err := f.S.Distribution(ctxOf(st), st, DistributionQuery{Sort: SortGiven})
			ok(t, err)
			p2, err := f.S.Distribution(ctxOf(st), st, DistributionQuery{Sort: SortGiven, Page: 2})
			ok(t, err)
			same(t, "page 1", []any{p1.Total, len(p1.Rows), p1.Rows[0].Name, p1.Rows[49].Name}, []any{55, 50, "Ana Adler", "Zed 44"})
			same(t, "page 2", []any{p2.Page, names(p2)}, []any{2, []string{"Zed 45", "Zed 46", "Zed 47", "Zed 48", "Zed 49"}})
		})
	})
}
