package vote

import (
	"encoding/binary"
	"slices"
)

// store merges the line's ballot into the ones seen so far.
//
// The ballot is first put in canonical form in scratch (tie groups and
// mark lists sorted by candidate, so "A=B" and "B=A" merge). Distinct
// ballots are kept in flat arrays without pointers (count, chamber, and
// where the ranking or marks sit in the slabs), which the garbage
// collector need not scan and which grow cheaply; they become Ballots once,
// at the end (ballots). The stored ballots are their own merge keys: the
// open-addressing table (linear probing, at most half full) holds only
// each one's hash tag and index. No allocation per line.
func (p *parser) store(count int64, chamber []byte) {
	h := p.hashSeed
	switch p.kind {
	case KindRanked:
		p.packed = p.packed[:0]
		at := 0
		for _, g := range p.groups {
			grp := p.cands[at : at+g]
			slices.Sort(grp)
			for i, c := range grp {
				v := uint32(c) << 1
				if i == g-1 {
					v |= 1
				}
				p.packed = append(p.packed, v)
				h = mix(h, uint64(v))
			}
			at += g
		}
	case KindApproval, KindSingle:
		slices.Sort(p.cands)
		p.marks = p.marks[:0]
		for _, c := range p.cands {
			p.marks = append(p.marks, Mark{Candidate: c, Value: 1})
			h = mix(h, uint64(c))
		}
	case KindScored:
		p.marks = p.marks[:0]
		for i, c := range p.cands {
			p.marks = append(p.marks, Mark{Candidate: c, Value: p.vals[i]})
		}
		slices.SortFunc(p.marks, func(a, b Mark) int { return a.Candidate - b.Candidate })
		for _, m := range p.marks {
			h = mix(mix(h, uint64(m.Candidate)), uint64(m.Value))
		}
	}
	ch := p.chamberIndex(chamber)
	// A table entry is the hash's top 32 bits (the tag, which also picks
	// the slot) over ballot index+1, so a probe that misses touches one
	// cache line, and growing needs no other record of the hashes.
	tag := mix(h, uint64(ch)) >> 32
	mask := uint64(len(p.table) - 1)
	slot := tag & mask
	for ; p.table[slot] != 0; slot = (slot + 1) & mask {
		if p.table[slot]>>32 != tag {
			continue
		}
		i := int(p.table[slot]&0xffffffff) - 1
		if p.chamberOf[i] == ch && p.sameAs(i) {
			p.counts[i] += count
			return
		}
	}
	p.table[slot] = tag<<32 | uint64(len(p.counts)+1)
	p.counts = append(p.counts, count)
	p.chamberOf = append(p.chamberOf, ch)
	if p.kind == KindRanked {
		p.where = append(p.where, p.rankSlab.add(p.packed))
	} else {
		p.where = append(p.where, p.markSlab.add(p.marks))
	}
	if 2*len(p.counts) > len(p.table) {
		p.grow()
	}
}

// sameAs reports whether distinct ballot i is the one in scratch.
func (p *parser) sameAs(i int) bool {
	if p.kind == KindRanked {
		return slices.Equal(p.rankSlab.at(p.where[i]), p.packed)
	}
	return slices.Equal(p.markSlab.at(p.where[i]), p.marks)
}

// ballots makes the distinct ballots, in the order first seen, with one
// allocation.
func (p *parser) ballots() []Ballot {
	all := make([]Ballot, len(p.counts))
	for i := range all {
		b := &all[i]
		b.Count = p.counts[i]
		if ch := p.chamberOf[i]; ch > 0 {
			b.Chamber = p.chambers[ch-1]
		}
		if p.kind == KindRanked {
			b.Ranks = p.rankSlab.at(p.where[i])
		} else {
			b.Marks = p.markSlab.at(p.where[i])
		}
	}
	return all
}

// slab hands out pieces of large chunks, so a million short lists cost a
// few allocations, and names each by a position (chunk, offset, length)
// packed into a uint64 instead of a slice header.
type slab[T any] struct{ chunks [][]T }

const slabChunk = 1 << 18

func (s *slab[T]) add(v []T) uint64 {
	last := len(s.chunks) - 1
	if last < 0 || cap(s.chunks[last])-len(s.chunks[last]) < len(v) {
		s.chunks = append(s.chunks, make([]T, 0, max(len(v), slabChunk)))
		last++
	}
	off := len(s.chunks[last])
	s.chunks[last] = append(s.chunks[last], v...)
	return uint64(last)<<40 | uint64(off)<<20 | uint64(len(v))
}

// at returns the piece at pos; the slice's capacity ends with it.
func (s *slab[T]) at(pos uint64) []T {
	c := s.chunks[pos>>40]
	off, n := pos>>20&(1<<20-1), pos&(1<<20-1)
	return c[off : off+n : off+n]
}

// mix folds v into the hash h (a multiply-xorshift step: fast, and good
// enough for a table whose keys are compared in full on a hash match).
func mix(h, v uint64) uint64 {
	h = (h ^ v) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}

// chamberIndex numbers a chamber by its name, 0 for none: a file has few
// chambers and many ballots.
func (p *parser) chamberIndex(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	for i, name := range p.chambers {
		if name == string(b) {
			return uint32(i + 1)
		}
	}
	p.chambers = append(p.chambers, string(b))
	return uint32(len(p.chambers))
}

// lookup finds a candidate by name without allocating.
func (p *parser) lookup(f []byte) (int, bool) {
	if len(p.ntab) == 0 {
		return 0, false
	}
	h := nameHash(f)
	mask := uint64(len(p.ntab) - 1)
	for slot := h & mask; p.ntab[slot] != 0; slot = (slot + 1) & mask {
		c := int(p.ntab[slot] - 1)
		// a short name's hash is a one-to-one function of its bytes
		// and length, so equal hashes and lengths mean equal names
		if p.nhash[c] == h && len(p.names[c]) == len(f) && (len(f) <= 8 || p.names[c] == string(f)) {
			return c, true
		}
	}
	return 0, false
}

// nameHash hashes a candidate's name. A name of up to 8 bytes (most) is
// read as one word (a single load when the buffer it was cut from runs on
// for 8 bytes) and put through MurmurHash3's finaliser, which is
// one-to-one: lookup relies on that. Longer names go through FNV-1a.
func nameHash(b []byte) uint64 {
	if len(b) <= 8 {
		var w uint64
		if cap(b) >= 8 {
			// (for 8 bytes the shift gives 0 and the mask all ones)
			w = binary.LittleEndian.Uint64(b[:8]) & (1<<(8*len(b)) - 1)
		} else {
			for i, c := range b {
				w |= uint64(c) << (8 * i)
			}
		}
		// the finaliser spreads every input bit over the low bits a
		// slot is cut from, which a single multiply does not
		h := w ^ uint64(len(b))<<60
		h ^= h >> 33
		h *= 0xff51afd7ed558ccd
		h ^= h >> 33
		h *= 0xc4ceb9fe1a85ec53
		return h ^ h>>33
	}
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h ^ h>>29
}

// addName numbers a new candidate.
func (p *parser) addName(name string) int {
	c := len(p.names)
	p.names = append(p.names, name)
	p.nhash = append(p.nhash, nameHash([]byte(name)))
	if 2*len(p.names) > len(p.ntab) {
		size := 64 // a power of two, so that h & (size-1) probes every slot
		for size < 4*len(p.names) {
			size *= 2
		}
		p.ntab = make([]int32, size)
		mask := uint64(len(p.ntab) - 1)
		for i, h := range p.nhash {
			slot := h & mask
			for p.ntab[slot] != 0 {
				slot = (slot + 1) & mask
			}
			p.ntab[slot] = int32(i + 1)
		}
	} else {
		mask := uint64(len(p.ntab) - 1)
		slot := p.nhash[c] & mask
		for p.ntab[slot] != 0 {
			slot = (slot + 1) & mask
		}
		p.ntab[slot] = int32(c + 1)
	}
	return c
}

// grow doubles the merge table and re-inserts every ballot by its hash.
func (p *parser) grow() {
	t := make([]uint64, 2*len(p.table))
	mask := uint64(len(t) - 1)
	for _, e := range p.table {
		if e == 0 {
			continue
		}
		slot := e >> 32 & mask
		for t[slot] != 0 {
			slot = (slot + 1) & mask
		}
		t[slot] = e
	}
	p.table = t
}

// parseClip shortens a quoted fragment of a bad line.
func parseClip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
