package payreview

import (
	"slices"
	"strconv"
)

// idColumn gathers the ids and finds repeated ones after the last row: a
// map of a million strings filled row by row was a third of the reading
// time, and ids are nearly always whole numbers, which a bitmap or a sort
// checks far faster. The texts go into one buffer, and every id is a
// slice of one string made from it at the end: one allocation, not one
// per employee.
type idColumn struct {
	buf  []byte
	ends []int   // ends[i] is where id i ends in buf
	nums []int64 // the ids as numbers while all are canonical whole numbers
	ints bool    // all ids so far are canonical whole numbers
}

func newIDColumn() *idColumn { return &idColumn{ints: true} }

// add appends one id, already trimmed. An empty one (a fault reported
// by the caller) leaves nums short, which sends the check to the map.
func (c *idColumn) add(id string) {
	c.buf = append(c.buf, id...)
	c.ends = append(c.ends, len(c.buf))
	if !c.ints || id == "" {
		return
	}
	if n, ok := canonicalInt(id); ok {
		c.nums = append(c.nums, n)
	} else {
		c.ints, c.nums = false, nil
	}
}

// grow makes room for about n more ids.
func (c *idColumn) grow(n int) {
	if len(c.ends) > 0 {
		c.buf = slices.Grow(c.buf, n*len(c.buf)/len(c.ends))
	}
	c.ends = slices.Grow(c.ends, n)
	if c.ints {
		c.nums = slices.Grow(c.nums, n)
	}
}

// addLine appends a line number as the id of a row, for files without ids.
func (c *idColumn) addLine(line int) {
	c.buf = strconv.AppendInt(c.buf, int64(line), 10)
	c.ends = append(c.ends, len(c.buf))
	c.ints, c.nums = false, nil // lines are unique: nothing to check
}

// canonicalInt reads an id written as a whole number the one way it can
// be written (no sign, no leading zero), so that two ids are the same
// text exactly when they are the same number.
func canonicalInt(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// strings gives the ids.
func (c *idColumn) strings() []string {
	all := string(c.buf)
	ids := make([]string, len(c.ends))
	start := 0
	for i, end := range c.ends {
		ids[i] = all[start:end]
		start = end
	}
	return ids
}

// duplicates reports every id that was seen on an earlier line, with
// both lines. The map that finds the lines is built only when a quick
// check on the numbers cannot rule repeats out.
func (c *idColumn) duplicates(lines []int, ps *problems) {
	if c.ints && len(c.nums) == len(c.ends) && !c.numsRepeat() {
		return
	}
	ids := c.strings()
	first := make(map[string]int, len(ids))
	for i, id := range ids {
		if id == "" {
			continue
		}
		if prev, dup := first[id]; dup {
			ps.addf(lines[i], "id ", quote(id), " is also on line ", strconv.Itoa(prev))
			continue
		}
		first[id] = lines[i]
	}
}

// numsRepeat says whether a whole-number id repeats: with a bitmap when
// the numbers lie close together, as numbered ids do, else by sorting.
func (c *idColumn) numsRepeat() bool {
	if len(c.nums) == 0 {
		return false
	}
	lo, hi := slices.Min(c.nums), slices.Max(c.nums)
	if span := uint64(hi - lo); span < 64*uint64(len(c.nums)) {
		seen := make([]uint64, span/64+1)
		for _, n := range c.nums {
			k := uint64(n - lo)
			bit := uint64(1) << (k % 64)
			if seen[k/64]&bit != 0 {
				return true
			}
			seen[k/64] |= bit
		}
		return false
	}
	sorted := slices.Clone(c.nums)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return true
		}
	}
	return false
}
