package payreview

import (
	"fmt"
	"math"
)

// bandNames are the four quartile bands, lower first.
var bandNames = [4]string{"lower", "lower middle", "upper middle", "upper"}

// bandSizes splits n ranked people into four bands as equal as possible,
// lower first, the way the UK government's published method does: with
// n = 4q + r, a remainder of 1 goes to the lower band, of 2 to the lower and
// upper middle bands, of 3 to the lower, lower middle and upper middle.
func bandSizes(n int) [4]int {
	q := n / 4
	s := [4]int{q, q, q, q}
	switch n % 4 {
	case 1:
		s[0]++
	case 2:
		s[0]++
		s[2]++
	case 3:
		s[0]++
		s[1]++
		s[2]++
	}
	return s
}

// quartiles ranks men and women by pay (men and women sorted ascending)
// into the four bands and gives each band's share of men and women.
//
// Only men and women are ranked: the regulations count the relevant
// employees, but the bands report shares of the two genders, and people of
// another gender would belong to neither share. Where people on the same
// pay straddle a boundary, the run is split between the bands in its own
// proportion of men and women (UK regulation 13(2)): a run of 4 men and
// 2 women with 3 places left in the lower band puts 2 men and 1 woman in
// each band, and a run of 3 men and 1 woman split 2/2 puts 1.5 men and
// 0.5 women in each. So the counts may be fractional.
//
// A band of fewer than the minimum group size has its shares withheld, and
// its counts are reported as 0, since they would give the shares away.
// When exactly one band is withheld, another goes too (secondaryPart): the
// band shares add up to the whole workforce's, which the headcounts give.
func quartiles(men, women []float64, s *suppressor) []Quartile {
	q := rankBands(men, women)
	parts := make([]part, len(q))
	for b := range q {
		name := fmt.Sprintf("quartile band %q", q[b].Band)
		// Rounded, so that counts equal as fractions but summed in a
		// different order tie, and the tie goes by name.
		smaller := math.Round(min(q[b].Men, q[b].Women)*1e9) / 1e9
		parts[b] = part{name: name, key: q[b].Band, smaller: smaller}
		if q[b].Employees < s.min {
			s.add(name, fmt.Sprintf("fewer than %d people in the band", s.min), KindPrimary)
			parts[b].withheld = true
		}
	}
	if k := secondaryPart(parts); k >= 0 {
		s.add(parts[k].name, secondaryReason(parts, "the shares of men and women in the whole workforce"), KindSecondary)
		parts[k].withheld = true
	}
	for b := range q {
		if parts[b].withheld {
			q[b].Men, q[b].Women = 0, 0
			continue
		}
		size := float64(q[b].Employees)
		wp, mp := q[b].Women/size*100, q[b].Men/size*100
		q[b].WomenPct, q[b].MenPct = &wp, &mp
	}
	return q
}

// rankBands fills the four bands with their sizes and their (possibly
// fractional) counts of men and women, walking the two sorted lists
// together one run of equal pay at a time.
func rankBands(men, women []float64) []Quartile {
	sizes := bandSizes(len(men) + len(women))
	q := make([]Quartile, 4)
	for b := range q {
		q[b].Band = bandNames[b]
		q[b].Employees = sizes[b]
	}
	band, room := 0, sizes[0] // the band being filled and its free places
	i, j := 0, 0
	for i < len(men) || j < len(women) {
		var v float64
		switch {
		case i == len(men):
			v = women[j]
		case j == len(women):
			v = men[i]
		default:
			v = min(men[i], women[j])
		}
		cm, cw := 0, 0
		for ; i < len(men) && men[i] == v; i++ {
			cm++
		}
		for ; j < len(women) && women[j] == v; j++ {
			cw++
		}
		run := cm + cw
		for left := run; left > 0; {
			for room == 0 {
				band++
				room = sizes[band]
			}
			take := min(left, room)
			if take == run {
				// The whole run in one band: whole counts, no rounding.
				q[band].Men += float64(cm)
				q[band].Women += float64(cw)
			} else {
				q[band].Men += float64(cm) * float64(take) / float64(run)
				q[band].Women += float64(cw) * float64(take) / float64(run)
			}
			left -= take
			room -= take
		}
	}
	return q
}
