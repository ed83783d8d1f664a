package people

import (
	"math"
	"sync"
)

// The two parts of a match's score. Shared values weigh most: the issue's
// premise is that collaboration holds on shared values; complementary
// offers and needs break ties between people who value the same things.
const (
	valueShare      = 0.7
	complementShare = 0.3
)

// rankWeight is the weight of a value at rank r (1..10) in a person's
// vector: 10 for their first value down to 1 for their tenth.
func rankWeight(rank int) int32 { return int32(11 - rank) }

// posting is one person on a postings list: who (their place in the
// index), the weight they give the value (rank weight; 0 for tags) and the
// visibility of the field the list is about, so a query can skip people
// whose field it may not read without touching their record.
type posting struct {
	p   int32
	w   uint8
	vis uint8
}

// indexPerson is one member as the index keeps them: every field matching
// reads, with its visibility. Values are term places, first rank first;
// tags are tag places in the person's order.
type indexPerson struct {
	memberID, userID  int64
	name, displayName string
	organisation      string
	visName, visOrg   uint8
	visSkills         uint8
	visOffers         uint8
	visNeeds          uint8
	visValues         uint8
	values            []int32
	ranks             []uint8 // the rank of each of values, as stored
	skills            []int32
	offers            []int32
	needs             []int32
	normSq            int32 // sum of squared rank weights of all values
}

// visibleName is the person's name at level l: the display name when they
// show it, else the account name (which every member may see on the member
// list anyway).
func (p *indexPerson) visibleName(l Level) string {
	if p.displayName != "" && l.Shows(Visibility(p.visName)) {
		return p.displayName
	}
	return p.name
}

// matchIndex is a collective's people as matching reads them, built once
// per (collective version, people data_version) and then only read, by
// any number of requests at once.
type matchIndex struct {
	version, dataVersion int64

	people []indexPerson
	pos    map[int64]int32 // member ID → place in people

	terms      []string         // value names by term place
	termByID   map[int64]int32  // value_terms.id → term place
	termByName map[string]int32 // lower-case name → term place
	tags       []string         // normalised tags by tag place
	tagByName  map[string]int32

	holders   [][]posting // term place → people who rank it
	offeredBy [][]posting // tag place → people who offer it
	neededBy  [][]posting // tag place → people who need it
}

// scratch is one query's accumulators, one slot per person, reused
// through a pool: allocating 100,000 slots per request would cost more
// than the query itself.
type scratch struct {
	dot     []int32
	hits    []uint16
	seen    []bool
	touched []int32
}

var scratchPool sync.Pool

func getScratch(n int) *scratch {
	sc, _ := scratchPool.Get().(*scratch)
	if sc == nil || len(sc.dot) < n {
		sc = &scratch{dot: make([]int32, n), hits: make([]uint16, n), seen: make([]bool, n)}
	}
	sc.touched = sc.touched[:0]
	return sc
}

// putScratch clears the slots the query touched and returns sc to the
// pool.
func putScratch(sc *scratch) {
	for _, p := range sc.touched {
		sc.dot[p], sc.hits[p], sc.seen[p] = 0, 0, false
	}
	sc.touched = sc.touched[:0]
	scratchPool.Put(sc)
}

func (sc *scratch) touch(p int32) {
	if !sc.seen[p] {
		sc.seen[p] = true
		sc.touched = append(sc.touched, p)
	}
}

// scored is a candidate's score and its two parts.
type scored struct {
	p                    int32
	score, values, compl float64
}

// better orders candidates: higher score first, then lower member ID.
func (ix *matchIndex) better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return ix.people[a.p].memberID < ix.people[b.p].memberID
}

// candidateFilter keeps a candidate or not; nil keeps everyone.
type candidateFilter func(p *indexPerson) bool

// score finds the k best matches of the person at place subj. The
// subject's fields are read at level self, everyone else's at level
// others; a field the level does not show counts as empty. Only people who
// share a visible value or a visible offer/need with the subject can score
// above 0, so the query walks the postings of the subject's values, needs
// and offers and never the whole collective.
func (ix *matchIndex) score(subj int32, self, others Level, keep candidateFilter, k int) []scored {
	s := &ix.people[subj]
	sc := getScratch(len(ix.people))
	defer putScratch(sc)
	if self.Shows(Visibility(s.visValues)) {
		for i, t := range s.values {
			ws := rankWeight(int(s.ranks[i]))
			for _, h := range ix.holders[t] {
				if h.p != subj && others.Shows(Visibility(h.vis)) {
					sc.touch(h.p)
					sc.dot[h.p] += ws * int32(h.w)
				}
			}
		}
	}
	myNeeds := 0
	if self.Shows(Visibility(s.visNeeds)) {
		myNeeds = len(s.needs)
		for _, t := range s.needs {
			ix.countHits(sc, ix.offeredBy[t], subj, others)
		}
	}
	if self.Shows(Visibility(s.visOffers)) {
		for _, t := range s.offers {
			ix.countHits(sc, ix.neededBy[t], subj, others)
		}
	}
	sNorm := math.Sqrt(float64(s.normSq))
	top := make([]scored, 0, k+1)
	for _, p := range sc.touched {
		c := &ix.people[p]
		var cand scored
		cand.p = p
		if d := sc.dot[p]; d > 0 {
			cand.values = float64(d) / (sNorm * math.Sqrt(float64(c.normSq)))
		}
		theirNeeds := 0
		if others.Shows(Visibility(c.visNeeds)) {
			theirNeeds = len(c.needs)
		}
		if den := myNeeds + theirNeeds; den > 0 && sc.hits[p] > 0 {
			cand.compl = float64(sc.hits[p]) / float64(den)
		}
		cand.score = valueShare*cand.values + complementShare*cand.compl
		if cand.score <= 0 || (keep != nil && !keep(c)) {
			continue
		}
		if len(top) == k && !ix.better(cand, top[k-1]) {
			continue
		}
		top = ix.insert(top, cand, k)
	}
	return top
}

// countHits adds one complementarity hit for every visible person on a
// tag's postings list.
func (ix *matchIndex) countHits(sc *scratch, list []posting, subj int32, others Level) {
	for _, e := range list {
		if e.p != subj && others.Shows(Visibility(e.vis)) {
			sc.touch(e.p)
			sc.hits[e.p]++
		}
	}
}

// insert puts c in its place in top (best first), keeping at most k.
func (ix *matchIndex) insert(top []scored, c scored, k int) []scored {
	i := len(top)
	for i > 0 && ix.better(c, top[i-1]) {
		i--
	}
	top = append(top, scored{})
	copy(top[i+1:], top[i:])
	top[i] = c
	if len(top) > k {
		top = top[:k]
	}
	return top
}
