package decision

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// The decision forms name people in three places: the invited voters, the
// proxy pickers and the weights. All three read one member list, so a name
// typed for a weight means the person the pickers would show by that name.

// memberPages bounds how many pages of members a picker loads; the
// collective service pages members to keep each read small.
const memberPages = 20

// memberList is the collective's members by name, as the pickers list them.
func (h *Handlers) memberList(r *http.Request, a *collective.Access) ([]choice, error) {
	var out []choice
	for page := 1; page <= memberPages; page++ {
		mp, err := h.Collectives.Members(r.Context(), a, collective.MemberQuery{Page: page})
		if err != nil {
			return nil, err
		}
		for _, m := range mp.Members {
			out = append(out, choice{Value: idText(m.ID), Label: m.Name})
		}
		if len(mp.Members) == 0 || len(out) >= mp.Total {
			break
		}
	}
	return out, nil
}

// memberChoices adds the other members, for choosing a proxy.
func (h *Handlers) memberChoices(r *http.Request, a *collective.Access, d map[string]any) error {
	all, err := h.memberList(r, a)
	if err != nil {
		return err
	}
	me := idText(a.MemberID)
	out := make([]choice, 0, len(all))
	for _, c := range all {
		if c.Value != me {
			out = append(out, c)
		}
	}
	d["People"] = out
	return nil
}

// formWeights reads the weights of a weighted decision from its form. The
// members are loaded only when there are weights to resolve: most forms
// have none.
func (h *Handlers) formWeights(r *http.Request, a *collective.Access, v url.Values) (map[int64]int64, error) {
	text := strings.TrimSpace(v.Get("weights"))
	weighted := v.Get("weighted") != ""
	switch {
	case !weighted && text != "":
		// Dropping typed weights without a word would count the decision
		// differently from what its author wrote.
		return nil, errs.Field("weighted", "Tick “Weighted votes” to use the weights below, or clear them.")
	case !weighted:
		return nil, nil
	case text == "":
		return nil, errs.Field("weights", "List whose votes weigh more, one a line, such as “Ann Lee: 3”; or untick “Weighted votes”.")
	}
	members, err := h.memberList(r, a)
	if err != nil {
		return nil, err
	}
	return weightLines(text, members)
}

// weightLines reads "Full name: weight" lines against the members. Names
// match whatever their case and spacing; a name two members share is
// refused rather than guessed.
func weightLines(text string, members []choice) (map[int64]int64, error) {
	byName := map[string][]int64{}
	for _, m := range members {
		id, err := strconv.ParseInt(m.Value, 10, 64)
		if err != nil {
			return nil, err
		}
		k := nameKey(m.Label)
		byName[k] = append(byName[k], id)
	}
	out := map[int64]int64{}
	lineOf := map[int64]int{} // member → the line that weighted them
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		cut := strings.LastIndex(line, ":")
		if cut < 0 || strings.TrimSpace(line[:cut]) == "" {
			return nil, errs.Field("weights", "Line %d: write the full name, a colon and the weight, such as “Ann Lee: 3”.", n)
		}
		name, num := strings.Join(strings.Fields(line[:cut]), " "), strings.TrimSpace(line[cut+1:])
		w, err := strconv.ParseInt(num, 10, 64)
		if err != nil || w < 1 || w > MaxWeight {
			return nil, errs.Field("weights", "Line %d: the weight of “%s” must be a whole number from 1 to %d, not “%s”.",
				n, name, MaxWeight, num)
		}
		ids := byName[nameKey(name)]
		switch {
		case len(ids) == 0:
			return nil, errs.Field("weights", "Line %d: no member is called “%s”.", n, name)
		case len(ids) > 1:
			return nil, errs.Field("weights", "Line %d: %d members are called “%s”, so the name cannot tell them apart; give their weights through the API, by member number.",
				n, len(ids), name)
		}
		if first, seen := lineOf[ids[0]]; seen {
			return nil, errs.Field("weights", "Line %d: “%s” already has a weight, on line %d.", n, name, first)
		}
		out[ids[0]], lineOf[ids[0]] = w, n
	}
	return out, nil
}

// nameKey is a name as weights compare it: lower case, single spaces.
func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
