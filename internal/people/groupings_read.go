package people

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// A run stores who was put in which group; everything else about a group
// is worked out when it is read, over the people it may still show: those
// still members of the collective who still let stewards see their values.
// Someone who later keeps their values to themself thus leaves every old
// run too, and a group's size, organisations and shared values are those
// of the people listed, from their values and profiles as they are now
// (read from the matching index, which follows every change). A group left
// with fewer than MinGroupSize people is no longer shown.

// GroupPreview is how many people of each group the run's page names;
// GroupMembers lists them all, GroupPerPage at a time.
const (
	GroupPreview = 8
	GroupPerPage = 50
)

// GroupPage is one page of a group's people, by name.
type GroupPage struct {
	Group   Group         `json:"group"`
	Members []GroupMember `json:"members"`
	Page    int           `json:"page"`
	PerPage int           `json:"per_page"`
	Total   int           `json:"total"`
	HasNext bool          `json:"has_next"`
}

// Grouping is one run with its groups as they stand now, largest first,
// each with its first GroupPreview people: stewards only. GroupCount is
// the number of groups still shown.
func (s *Service) Grouping(ctx context.Context, a *collective.Access, runID int64) (*RunDetail, error) {
	if err := requireStewardReader(a); err != nil {
		return nil, err
	}
	live, _, err := s.settleRuns(ctx, a.Collective.ID)
	if err != nil {
		return nil, err
	}
	r, err := s.run(ctx, a, runID)
	if err != nil {
		return nil, err
	}
	r.Busy = live[r.ID]
	d := &RunDetail{Run: *r, Groups: []Group{}}
	if r.Status != "done" {
		return d, nil
	}
	ix, by, err := s.groupsNow(ctx, a, runID, 0)
	if err != nil {
		return nil, err
	}
	for no, ms := range by {
		if len(ms) < MinGroupSize {
			continue
		}
		ix.sortByName(ms)
		g := ix.group(no, ms)
		for _, p := range ms[:min(GroupPreview, len(ms))] {
			g.Preview = append(g.Preview, ix.stewardView(p))
		}
		d.Groups = append(d.Groups, g)
	}
	slices.SortFunc(d.Groups, func(x, y Group) int {
		if x.Size != y.Size {
			return y.Size - x.Size
		}
		return x.No - y.No
	})
	d.GroupCount = len(d.Groups)
	return d, nil
}

// GroupMembers is page (from 1) of group groupNo of a run, by name, with
// the group as it stands now: stewards only.
func (s *Service) GroupMembers(ctx context.Context, a *collective.Access, runID int64, groupNo, page int) (*GroupPage, error) {
	if err := requireStewardReader(a); err != nil {
		return nil, err
	}
	if _, err := s.run(ctx, a, runID); err != nil {
		return nil, err
	}
	ix, by, err := s.groupsNow(ctx, a, runID, groupNo)
	if err != nil {
		return nil, err
	}
	ms := by[groupNo]
	if groupNo < 1 || len(ms) < MinGroupSize {
		return nil, errs.New(errs.NotFound, "Run %d has no group %d: it never had one, or too few of its people are left to show it.", runID, groupNo)
	}
	page = max(page, 1)
	ix.sortByName(ms)
	out := &GroupPage{Group: ix.group(groupNo, ms), Members: []GroupMember{}, Page: page, PerPage: GroupPerPage, Total: len(ms)}
	lo := min((page-1)*GroupPerPage, len(ms))
	hi := min(lo+GroupPerPage, len(ms))
	for _, p := range ms[lo:hi] {
		out.Members = append(out.Members, ix.stewardView(p))
	}
	out.HasNext = hi < len(ms)
	return out, nil
}

// groupsNow reads who a run put in which group (only group groupNo when it
// is not 0) and keeps, as places in the collective's matching index, the
// people still shown.
func (s *Service) groupsNow(ctx context.Context, a *collective.Access, runID int64, groupNo int) (*matchIndex, map[int][]int32, error) {
	ix, err := s.index(ctx, a.Collective.ID, a.Collective.Version)
	if err != nil {
		return nil, nil, err
	}
	var rows []struct {
		GroupNo  int   `db:"group_no"`
		MemberID int64 `db:"member_id"`
	}
	q, args := "SELECT group_no, member_id FROM grouping_members WHERE run_id = ?", []any{runID}
	if groupNo != 0 {
		q, args = q+" AND group_no = ?", append(args, groupNo)
	}
	if err := s.DB.Select(ctx, &rows, q, args...); err != nil {
		return nil, nil, err
	}
	by := map[int][]int32{}
	for _, r := range rows {
		p, ok := ix.pos[r.MemberID]
		if !ok || !Level(Stewards).Shows(Visibility(ix.people[p].visValues)) {
			continue // left the collective, or keeps their values from stewards now
		}
		by[r.GroupNo] = append(by[r.GroupNo], p)
	}
	return ix, by, nil
}

// group counts group no over its people ms as they are now.
func (ix *matchIndex) group(no int, ms []int32) Group {
	return Group{No: no, Size: len(ms), Organisations: ix.organisations(ms), Summary: ix.summary(ms)}
}

// stewardView is person p as stewards may see them: the display name and
// organisation only when their owner shows them to stewards.
func (ix *matchIndex) stewardView(p int32) GroupMember {
	person := &ix.people[p]
	m := GroupMember{MemberID: person.memberID, Name: person.name}
	if person.displayName != "" && Level(Stewards).Shows(Visibility(person.visName)) {
		m.Name = person.displayName
	}
	if Level(Stewards).Shows(Visibility(person.visOrg)) {
		m.Organisation = person.organisation
	}
	return m
}

// sortByName orders ms by the name stewards see, in any case, then by
// member ID, so pages keep their order from one request to the next.
func (ix *matchIndex) sortByName(ms []int32) {
	keys := make(map[int32]string, len(ms))
	for _, p := range ms {
		keys[p] = strings.ToLower(ix.stewardView(p).Name)
	}
	slices.SortFunc(ms, func(x, y int32) int {
		if c := strings.Compare(keys[x], keys[y]); c != 0 {
			return c
		}
		return cmp.Compare(ix.people[x].memberID, ix.people[y].memberID)
	})
}
