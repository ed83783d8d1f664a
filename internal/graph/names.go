package graph

import (
	"encoding/binary"
	"hash/maphash"
)

// nameTable finds a node's number by its name: open addressing, linear
// probing, at most half full, each slot holding the name's hash and the
// node's number+1. Node names in edge lists are mostly short ids; a name
// of up to 8 bytes is compared as one word, so a look-up costs one hash
// and usually one probe, where Go's map compared the bytes of every hit.
type nameTable struct {
	slots []nameSlot
	count int
	seed  maphash.Seed
}

type nameSlot struct {
	hash uint64
	word uint64 // a name of up to 8 bytes, inline, so most hits touch only the slot
	id   int32  // node+1; 0 is empty
	size int32  // the name's length
}

func (t *nameTable) hash(b []byte) uint64 {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.slots = make([]nameSlot, 1024)
	}
	return maphash.Bytes(t.seed, b)
}

// find looks name up; names[id] is the name of node id.
func (t *nameTable) find(name []byte, names []string) (int32, bool) {
	h := t.hash(name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; t.slots[i].id != 0; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash != h || int(s.size) != len(name) {
			continue
		}
		if len(name) <= 8 {
			if s.word == word(name) {
				return s.id - 1, true
			}
		} else if names[s.id-1] == string(name) {
			return s.id - 1, true
		}
	}
	return 0, false
}

// add files node id under name (not in the table yet).
func (t *nameTable) add(name []byte, id int32, names []string) {
	h := t.hash(name)
	if 2*(t.count+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]nameSlot, 2*len(old))
		for _, s := range old {
			if s.id != 0 {
				t.put(s)
			}
		}
	}
	t.put(nameSlot{hash: h, word: word(name), id: id + 1, size: int32(len(name))})
	t.count++
}

func (t *nameTable) put(s nameSlot) {
	mask := uint64(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// word packs a name of up to 8 bytes into a word (0 for longer names).
func word(b []byte) uint64 {
	if len(b) > 8 {
		return 0
	}
	if len(b) == 8 {
		return binary.LittleEndian.Uint64(b)
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * i)
	}
	return w
}
