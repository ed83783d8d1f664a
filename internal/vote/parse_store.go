package vote

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
)

// store merges the line's ballot into the ones seen so far.
func (p *parser) store(count int64, chamber []byte) {
	// Canonical key: the candidates with each tie group or the whole mark
	// list sorted, so "A=B" and "B=A" merge.
	// The chamber comes first, length-prefixed; the rest is a stream of
	// varints whose shape the kind fixes, so distinct ballots never share
	// a key.
	k := binary.AppendUvarint(p.key[:0], uint64(len(chamber)))
	k = append(k, chamber...)
	switch p.kind {
	case KindRanked:
		at := 0
		for _, g := range p.groups {
			slices.Sort(p.cands[at : at+g])
			k = binary.AppendUvarint(k, uint64(g))
			for _, c := range p.cands[at : at+g] {
				k = binary.AppendUvarint(k, uint64(c))
			}
			at += g
		}
	case KindApproval, KindSingle:
		slices.Sort(p.cands)
		for _, c := range p.cands {
			k = binary.AppendUvarint(k, uint64(c))
		}
	case KindScored:
		p.order = p.order[:0]
		for i := range p.cands {
			p.order = append(p.order, i)
		}
		slices.SortFunc(p.order, func(a, b int) int { return p.cands[a] - p.cands[b] })
		for _, i := range p.order {
			k = binary.AppendUvarint(k, uint64(p.cands[i]))
			k = binary.AppendVarint(k, p.vals[i])
		}
	}
	p.key = k
	h := maphash.Bytes(p.seed, k)
	mask := uint64(len(p.table) - 1)
	slot := h & mask
	for ; p.table[slot] != 0; slot = (slot + 1) & mask {
		i := p.table[slot] - 1
		if p.hashes[i] != h {
			continue
		}
		end := len(p.keys)
		if int(i)+1 < len(p.keyAt) {
			end = p.keyAt[i+1]
		}
		if bytes.Equal(p.keys[p.keyAt[i]:end], k) {
			p.ballots[i].Count += count
			return
		}
	}
	p.table[slot] = int32(len(p.ballots) + 1)
	p.hashes = append(p.hashes, h)
	p.keyAt = append(p.keyAt, len(p.keys))
	p.keys = append(p.keys, k...)
	if 2*(len(p.ballots)+1) > len(p.table) {
		p.grow()
	}
	b := Ballot{Count: count}
	if len(chamber) > 0 {
		b.Chamber = string(chamber)
	}
	switch p.kind {
	case KindRanked:
		b.Ranks = p.slabGroups(len(p.groups))
		at := 0
		for i, g := range p.groups {
			if g == 1 {
				c := p.cands[at]
				b.Ranks[i] = p.singles[c : c+1 : c+1]
			} else {
				b.Ranks[i] = p.slabInts(g)
				copy(b.Ranks[i], p.cands[at:at+g])
			}
			at += g
		}
	case KindApproval, KindSingle:
		b.Marks = make([]Mark, len(p.cands))
		for i, c := range p.cands {
			b.Marks[i] = Mark{Candidate: c, Value: 1}
		}
	case KindScored:
		b.Marks = make([]Mark, len(p.order))
		for j, i := range p.order {
			b.Marks[j] = Mark{Candidate: p.cands[i], Value: p.vals[i]}
		}
	}
	p.ballots = append(p.ballots, b)
}

// lookup finds a candidate by name without allocating.
func (p *parser) lookup(f []byte) (int, bool) {
	if len(p.ntab) == 0 {
		return 0, false
	}
	h := fnv(f)
	mask := uint64(len(p.ntab) - 1)
	for slot := h & mask; p.ntab[slot] != 0; slot = (slot + 1) & mask {
		c := int(p.ntab[slot] - 1)
		if p.nhash[c] == h && p.names[c] == string(f) {
			return c, true
		}
	}
	return 0, false
}

// fnv is FNV-1a, fast on short names.
func fnv(b []byte) uint64 {
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
	p.nhash = append(p.nhash, fnv([]byte(name)))
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
	// one-candidate groups point into singles; a new array when it grows
	// (ballots made earlier keep the old one, whose values never change)
	if c >= len(p.singles) {
		p.singles = make([]int, max(64, 2*len(p.names)))
		for i := range p.singles {
			p.singles[i] = i
		}
	}
	return c
}

// grow doubles the merge table and re-inserts every ballot by its hash.
func (p *parser) grow() {
	t := make([]int32, 2*len(p.table))
	mask := uint64(len(t) - 1)
	for i, h := range p.hashes {
		slot := h & mask
		for t[slot] != 0 {
			slot = (slot + 1) & mask
		}
		t[slot] = int32(i + 1)
	}
	p.table = t
}

// slabInts returns n ints cut from a shared slab.
func (p *parser) slabInts(n int) []int {
	if cap(p.ints)-len(p.ints) < n {
		p.ints = make([]int, 0, max(n, 1<<16))
	}
	s := p.ints[len(p.ints) : len(p.ints)+n : len(p.ints)+n]
	p.ints = p.ints[:len(p.ints)+n]
	return s
}

// slabGroups returns n group slots cut from a shared slab.
func (p *parser) slabGroups(n int) [][]int {
	if cap(p.groupz)-len(p.groupz) < n {
		p.groupz = make([][]int, 0, max(n, 1<<14))
	}
	s := p.groupz[len(p.groupz) : len(p.groupz)+n : len(p.groupz)+n]
	p.groupz = p.groupz[:len(p.groupz)+n]
	return s
}

// parseClip shortens a quoted fragment of a bad line.
func parseClip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
