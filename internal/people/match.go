package people

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// Limits on how many matches one request asks for.
const (
	DefaultMatches = 10
	MaxMatches     = 50
)

// MatchQuery narrows a search for collaborators. The filters apply to the
// candidates, on their fields visible to the viewer only.
type MatchQuery struct {
	K            int    // how many matches; 0 means DefaultMatches
	Organisation string // the candidate's organisation, any case
	Skill        string // one of the candidate's skills
	Value        string // a value the candidate ranks, by name (any case) or ID
}

// Match is one suggested collaborator for a person, with why.
type Match struct {
	MemberID        int64    `json:"member_id"`
	Name            string   `json:"name"`
	Organisation    string   `json:"organisation,omitempty"`
	Score           float64  `json:"score"`
	ValueSimilarity float64  `json:"value_similarity"`
	Complementarity float64  `json:"complementarity"`
	SharedValues    []string `json:"shared_values"`
	TheyOffer       []string `json:"they_offer"` // what they offer that the person needs
	YouOffer        []string `json:"you_offer"`  // what the person offers that they need
	Reasons         []string `json:"reasons"`
}

// Matches finds the members of the collective who fit the member best, as
// collaborators. The person may ask for their own; a steward may ask for
// any member's, to introduce people.
//
// How a candidate is scored (only fields the viewer may read count: the
// person's at LevelFor(a, person), each candidate's at the level the viewer
// reads everyone else at; a hidden field counts as empty):
//
//   - Value similarity is the cosine of the two rank-weighted value
//     vectors: a value at rank r weighs 11 − r (10 for the first, 1 for the
//     tenth), so sim = Σ w₁(v)·w₂(v) over shared values v, divided by
//     √(Σ w₁²)·√(Σ w₂²) over each person's own values. It is 0 when either
//     has no values.
//   - Complementarity is (|my needs ∩ their offers| + |their needs ∩ my
//     offers|) / (|my needs| + |their needs|), comparing normalised tags
//     (NormaliseTag); 0 when neither has needs.
//   - Score = 0.7 × value similarity + 0.3 × complementarity.
//
// Candidates scoring 0 are left out; the rest come best first, equal
// scores by member ID. The person is never their own match.
func (s *Service) Matches(ctx context.Context, a *collective.Access, memberID int64, q MatchQuery) ([]Match, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to find collaborators.")
	}
	if a.MemberID == 0 || (a.MemberID != memberID && !a.IsSteward()) {
		return nil, errs.New(errs.Forbidden, "You can see your own collaborator suggestions; stewards can see anyone's.")
	}
	if q.K == 0 {
		q.K = DefaultMatches
	}
	if q.K < 1 || q.K > MaxMatches {
		return nil, errs.Field("k", "Ask for between 1 and %d matches.", MaxMatches)
	}
	ix, err := s.index(ctx, a.Collective.ID, a.Collective.Version)
	if err != nil {
		return nil, err
	}
	subj, ok := ix.pos[memberID]
	if !ok {
		return nil, errs.New(errs.NotFound, "%s has no member with that number.", a.Collective.Name)
	}
	self := LevelFor(a, ix.people[subj].userID)
	others := othersLevel(a)
	keep, none := ix.filter(q, others)
	if none {
		return []Match{}, nil
	}
	top := ix.score(subj, self, others, keep, q.K)
	out := make([]Match, 0, len(top))
	for _, c := range top {
		out = append(out, ix.explain(subj, c, self, others, a.MemberID == memberID))
	}
	return out, nil
}

// filter turns the query's filters into a test on candidates at level l.
// none reports a filter that names a skill or value nobody has, so no
// candidate can pass.
func (ix *matchIndex) filter(q MatchQuery, l Level) (keep candidateFilter, none bool) {
	var tests []candidateFilter
	if org := strings.TrimSpace(q.Organisation); org != "" {
		tests = append(tests, func(p *indexPerson) bool {
			return l.Shows(Visibility(p.visOrg)) && strings.EqualFold(strings.TrimSpace(p.organisation), org)
		})
	}
	if skill := NormaliseTag(q.Skill); skill != "" {
		t, ok := ix.tagByName[skill]
		if !ok {
			return nil, true
		}
		tests = append(tests, func(p *indexPerson) bool {
			return l.Shows(Visibility(p.visSkills)) && slices.Contains(p.skills, t)
		})
	}
	if v := strings.TrimSpace(q.Value); v != "" {
		t, ok := ix.termByName[strings.ToLower(v)]
		if id, err := strconv.ParseInt(v, 10, 64); !ok && err == nil {
			t, ok = ix.termByID[id]
		}
		if !ok {
			return nil, true
		}
		tests = append(tests, func(p *indexPerson) bool {
			return l.Shows(Visibility(p.visValues)) && slices.Contains(p.values, t)
		})
	}
	if len(tests) == 0 {
		return nil, false
	}
	return func(p *indexPerson) bool {
		for _, t := range tests {
			if !t(p) {
				return false
			}
		}
		return true
	}, false
}

// explain turns a scored candidate into a Match: what they share with
// the person and why, naming only fields visible at the levels used to
// score.
func (ix *matchIndex) explain(subj int32, c scored, self, others Level, viewerIsSubject bool) Match {
	s, p := &ix.people[subj], &ix.people[c.p]
	m := Match{MemberID: p.memberID, Name: p.visibleName(others), Score: c.score,
		ValueSimilarity: c.values, Complementarity: c.compl,
		SharedValues: []string{}, TheyOffer: []string{}, YouOffer: []string{}}
	if others.Shows(Visibility(p.visOrg)) {
		m.Organisation = p.organisation
	}
	var shared []sharedValue
	if self.Shows(Visibility(s.visValues)) && others.Shows(Visibility(p.visValues)) {
		for i, t := range s.values {
			if j := slices.Index(p.values, t); j >= 0 {
				shared = append(shared, sharedValue{name: ix.terms[t], mine: int(s.ranks[i]), theirs: int(p.ranks[j])})
			}
		}
		// Strongest shared value first: the product of the two weights is
		// what it adds to the cosine; equal ones in the person's order.
		slices.SortStableFunc(shared, func(x, y sharedValue) int {
			return int(rankWeight(y.mine)*rankWeight(y.theirs)) - int(rankWeight(x.mine)*rankWeight(x.theirs))
		})
		for _, v := range shared {
			m.SharedValues = append(m.SharedValues, v.name)
		}
	}
	if self.Shows(Visibility(s.visNeeds)) && others.Shows(Visibility(p.visOffers)) {
		m.TheyOffer = ix.common(s.needs, p.offers)
	}
	if self.Shows(Visibility(s.visOffers)) && others.Shows(Visibility(p.visNeeds)) {
		m.YouOffer = ix.common(s.offers, p.needs)
	}
	subject := "you"
	if !viewerIsSubject {
		subject = s.visibleName(self)
	}
	m.Reasons = reasons(subject, m.Name, shared, m.TheyOffer, m.YouOffer)
	return m
}

// common lists the tags of mine that are also in theirs, in my order.
func (ix *matchIndex) common(mine, theirs []int32) []string {
	out := []string{}
	for _, t := range mine {
		if slices.Contains(theirs, t) {
			out = append(out, ix.tags[t])
		}
	}
	return out
}
