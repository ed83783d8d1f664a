package people

import "strings"

// sharedValue is a value two people both rank, with each one's rank.
type sharedValue struct {
	name         string
	mine, theirs int
}

// reasons says in plain words why a candidate fits the person, from the
// person's side: subject is "you" when the viewer is the person, else the
// person's visible name; candidate is the candidate's visible name. Shared
// values come strongest first; offers and needs are the visible ones that
// meet.
//
//	You both rank fairness first
//	You both hold fairness, learning and care (both in your top three)
//	You also share courage
//	Ana offers grant writing, which you need
//	You offer mentoring, which Ana needs
func reasons(subject, candidate string, shared []sharedValue, theyOffer, youOffer []string) []string {
	you := subject == "you"
	both := "You both" // the person and the candidate, addressed to the person
	their := "your"
	needs := "you need"
	offer := "You offer"
	if !you {
		both = subject + " and " + candidate + " both"
		their = "their"
		needs = subject + " needs"
		offer = subject + " offers"
	}
	var out []string
	var first string
	for _, v := range shared {
		if v.mine == 1 && v.theirs == 1 {
			first = v.name
			out = append(out, both+" rank "+v.name+" first")
		}
	}
	var top, rest []string
	for _, v := range shared {
		if v.mine <= 3 && v.theirs <= 3 {
			top = append(top, v.name)
		} else {
			rest = append(rest, v.name)
		}
	}
	// The top three repeats the first value only when it says more than
	// the first-rank reason already did.
	if len(top) > 1 || (len(top) == 1 && top[0] != first) {
		out = append(out, both+" hold "+joinAnd(top)+" (both in "+their+" top three)")
	}
	if len(rest) > 0 {
		if len(out) > 0 {
			also := "You also share "
			if !you {
				also = subject + " and " + candidate + " also share "
			}
			out = append(out, also+joinAnd(rest))
		} else {
			out = append(out, both+" hold "+joinAnd(rest))
		}
	}
	if len(theyOffer) > 0 {
		out = append(out, candidate+" offers "+joinAnd(theyOffer)+", which "+needs)
	}
	if len(youOffer) > 0 {
		out = append(out, offer+" "+joinAnd(youOffer)+", which "+candidate+" needs")
	}
	if out == nil {
		out = []string{}
	}
	return out
}

// joinAnd lists words as people write them: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
