package people

import (
	"context"
	"strings"
	"sync"
)

// indexEntry is the cached index of one collective. Its mutex lets one
// request build while the others of a burst wait for that build instead
// of each reading 100,000 profiles.
type indexEntry struct {
	mu sync.Mutex
	ix *matchIndex
}

// index returns the matching index of the collective, building it when the
// cached one was built at another collective version (members joined or
// left) or people data_version (a profile, values or the vocabulary
// changed). Both versions are read before the data, so an index is never
// labelled newer than what it holds; at worst it holds newer data under an
// older label and is rebuilt once more.
func (s *Service) index(ctx context.Context, collectiveID, version int64) (*matchIndex, error) {
	dv, err := s.dataVersion(ctx, collectiveID)
	if err != nil {
		return nil, err
	}
	e, _ := s.indexes.LoadOrStore(collectiveID, &indexEntry{})
	entry := e.(*indexEntry)
	entry.mu.Lock()
	defer entry.mu.Unlock()
	if ix := entry.ix; ix != nil && ix.version == version && ix.dataVersion == dv {
		return ix, nil
	}
	ix, err := s.buildIndex(ctx, collectiveID)
	if err != nil {
		return nil, err
	}
	ix.version, ix.dataVersion = version, dv
	entry.ix = ix
	return ix, nil
}

// personRow is a member as the index reads them; a member with no profile
// has the default visibility (members of the collective).
type personRow struct {
	MemberID     int64  `db:"member_id"`
	UserID       int64  `db:"user_id"`
	Name         string `db:"name"`
	DisplayName  string `db:"display_name"`
	Organisation string `db:"organisation"`
	VisName      uint8  `db:"vis_display_name"`
	VisOrg       uint8  `db:"vis_organisation"`
	VisSkills    uint8  `db:"vis_skills"`
	VisOffers    uint8  `db:"vis_offers"`
	VisNeeds     uint8  `db:"vis_needs"`
	VisValues    uint8  `db:"vis_values"`
}

const indexPeopleSQL = `SELECT m.id AS member_id, m.user_id, u.name,
	COALESCE(p.display_name, '') AS display_name, COALESCE(p.organisation, '') AS organisation,
	COALESCE(p.vis_display_name, 2) AS vis_display_name, COALESCE(p.vis_organisation, 2) AS vis_organisation,
	COALESCE(p.vis_skills, 2) AS vis_skills, COALESCE(p.vis_offers, 2) AS vis_offers,
	COALESCE(p.vis_needs, 2) AS vis_needs, COALESCE(p.vis_values, 2) AS vis_values
	FROM members m JOIN users u ON u.id = m.user_id LEFT JOIN profiles p ON p.user_id = m.user_id
	WHERE m.collective_id = ? ORDER BY m.id`

// buildIndex reads the collective's members, profiles, tags and values
// and interns terms and tags so a query compares small integers.
func (s *Service) buildIndex(ctx context.Context, collectiveID int64) (*matchIndex, error) {
	var rows []personRow
	if err := s.DB.Select(ctx, &rows, indexPeopleSQL, collectiveID); err != nil {
		return nil, err
	}
	ix := &matchIndex{people: make([]indexPerson, len(rows)), pos: make(map[int64]int32, len(rows)),
		termByID: map[int64]int32{}, termByName: map[string]int32{}, tagByName: map[string]int32{}}
	for i, r := range rows {
		ix.people[i] = indexPerson{memberID: r.MemberID, userID: r.UserID, name: r.Name, displayName: r.DisplayName,
			organisation: r.Organisation, visName: r.VisName, visOrg: r.VisOrg, visSkills: r.VisSkills,
			visOffers: r.VisOffers, visNeeds: r.VisNeeds, visValues: r.VisValues}
		ix.pos[r.MemberID] = int32(i)
	}
	if err := s.loadTerms(ctx, ix, collectiveID); err != nil {
		return nil, err
	}
	if err := s.loadValues(ctx, ix, collectiveID); err != nil {
		return nil, err
	}
	if err := s.loadTags(ctx, ix, collectiveID); err != nil {
		return nil, err
	}
	return ix, nil
}

func (s *Service) loadTerms(ctx context.Context, ix *matchIndex, collectiveID int64) error {
	var terms []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := s.DB.Select(ctx, &terms, "SELECT id, name FROM value_terms WHERE collective_id = ? ORDER BY id", collectiveID); err != nil {
		return err
	}
	ix.terms = make([]string, len(terms))
	ix.holders = make([][]posting, len(terms))
	for i, t := range terms {
		ix.terms[i] = t.Name
		ix.termByID[t.ID] = int32(i)
		ix.termByName[strings.ToLower(t.Name)] = int32(i)
	}
	return nil
}

// loadValues reads ranked values in rank order, so each person's values
// come out first to tenth.
func (s *Service) loadValues(ctx context.Context, ix *matchIndex, collectiveID int64) error {
	var vals []struct {
		MemberID int64 `db:"member_id"`
		TermID   int64 `db:"term_id"`
		Rank     int   `db:"rank"`
	}
	if err := s.DB.Select(ctx, &vals, `SELECT member_id, term_id, rank FROM person_values
		WHERE collective_id = ? ORDER BY member_id, rank`, collectiveID); err != nil {
		return err
	}
	for _, v := range vals {
		p, ok := ix.pos[v.MemberID]
		t, tok := ix.termByID[v.TermID]
		if !ok || !tok {
			continue // a member who left, or a term added meanwhile: the next build has them
		}
		person := &ix.people[p]
		w := rankWeight(v.Rank) // the stored rank decides the weight, whatever gaps a list has

		person.values = append(person.values, t)
		person.ranks = append(person.ranks, uint8(v.Rank))
		person.normSq += w * w
		ix.holders[t] = append(ix.holders[t], posting{p: p, w: uint8(w), vis: person.visValues})
	}
	return nil
}

// loadTags reads every member's skills, offers and needs in their order.
func (s *Service) loadTags(ctx context.Context, ix *matchIndex, collectiveID int64) error {
	var tags []struct {
		MemberID int64  `db:"member_id"`
		Kind     string `db:"kind"`
		Tag      string `db:"tag"`
	}
	if err := s.DB.Select(ctx, &tags, `SELECT m.id AS member_id, t.kind, t.tag FROM profile_tags t
		JOIN members m ON m.user_id = t.user_id WHERE m.collective_id = ?
		ORDER BY m.id, t.kind, t.position`, collectiveID); err != nil {
		return err
	}
	for _, r := range tags {
		p, ok := ix.pos[r.MemberID]
		if !ok {
			continue
		}
		t := ix.tag(r.Tag)
		person := &ix.people[p]
		switch TagKind(r.Kind) {
		case TagSkill:
			person.skills = append(person.skills, t)
		case TagOffer:
			person.offers = append(person.offers, t)
			ix.offeredBy[t] = append(ix.offeredBy[t], posting{p: p, vis: person.visOffers})
		case TagNeed:
			person.needs = append(person.needs, t)
			ix.neededBy[t] = append(ix.neededBy[t], posting{p: p, vis: person.visNeeds})
		}
	}
	return nil
}

// tag interns a normalised tag.
func (ix *matchIndex) tag(name string) int32 {
	if t, ok := ix.tagByName[name]; ok {
		return t
	}
	t := int32(len(ix.tags))
	ix.tags = append(ix.tags, name)
	ix.tagByName[name] = t
	ix.offeredBy = append(ix.offeredBy, nil)
	ix.neededBy = append(ix.neededBy, nil)
	return t
}
