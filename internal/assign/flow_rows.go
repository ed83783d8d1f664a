package assign

import "slices"

// rowSorter puts a mentee's row of pairs in mentor order, the scores
// alongside, and finds a mentor listed twice. Rows usually come sorted
// and are left alone; a short row is sorted by insertion, a long one
// (an eighth of the mentors or more) by marking each mentor's place in
// an array over all mentors and reading it back in order, and the rest
// by sorting packed (mentor, place) keys. sort.Sort's interface calls
// cost ten times as much on a dense problem given in random order.
type rowSorter struct {
	mark []int32 // per mentor: its place in the row, -1
	keys []uint64
	tmp  []int64
}

// sort sorts the row; it returns a repeated mentor, or -1.
func (rs *rowSorter) sort(to []int32, score []int64, m int) int32 {
	if increasing(to) {
		return -1
	}
	switch {
	case len(to) <= 24:
		for x := 1; x < len(to); x++ {
			k, sc := to[x], score[x]
			y := x
			for ; y > 0 && to[y-1] > k; y-- {
				to[y], score[y] = to[y-1], score[y-1]
			}
			to[y], score[y] = k, sc
		}
	case len(to)*8 >= m:
		if rs.mark == nil {
			rs.mark = make([]int32, m)
			for k := range rs.mark {
				rs.mark[k] = -1
			}
		}
		rs.tmp = append(rs.tmp[:0], score...)
		for x, k := range to {
			if rs.mark[k] >= 0 {
				for _, k := range to[:x] {
					rs.mark[k] = -1
				}
				return k
			}
			rs.mark[k] = int32(x)
		}
		x := 0
		for k, at := range rs.mark {
			if at >= 0 {
				to[x], score[x] = int32(k), rs.tmp[at]
				rs.mark[k] = -1
				x++
			}
		}
	default:
		rs.keys = rs.keys[:0]
		for x, k := range to {
			rs.keys = append(rs.keys, uint64(k)<<32|uint64(x))
		}
		slices.Sort(rs.keys)
		rs.tmp = append(rs.tmp[:0], score...)
		for x, key := range rs.keys {
			to[x], score[x] = int32(key>>32), rs.tmp[uint32(key)]
		}
	}
	for x := 1; x < len(to); x++ {
		if to[x] == to[x-1] {
			return to[x]
		}
	}
	return -1
}

// increasing reports whether a row's mentors rise strictly: sorted, no repeats.
func increasing(to []int32) bool {
	for a := 1; a < len(to); a++ {
		if to[a] <= to[a-1] {
			return false
		}
	}
	return true
}
