package vote

import (
	"fmt"
	"strconv"
	"strings"
)

// Objection is a member's objection to a proposal decided by consent.
type Objection struct {
	Member    string
	Reason    string // required: an objection states why
	Withdrawn bool   // the member withdrew it (e.g. after an amendment)
}

// Consent decides a proposal by consent: it passes when no objection
// stands, that is when every objection has been withdrawn. Every
// objection must name its member and give a reason (an error otherwise).
// Note lists the standing objections in the order given. Consent has no
// ties and no tie-break.
func Consent(objections []Objection) (*Result, error) {
	var standing []string
	for i, o := range objections {
		if strings.TrimSpace(o.Member) == "" {
			return nil, fmt.Errorf("consent: objection %d names no member", i+1)
		}
		if strings.TrimSpace(o.Reason) == "" {
			return nil, fmt.Errorf("consent: objection %d (%s) gives no reason", i+1, o.Member)
		}
		if !o.Withdrawn {
			standing = append(standing, strings.TrimSpace(o.Member)+" ("+strconv.Quote(strings.TrimSpace(o.Reason))+")")
		}
	}
	passed := len(standing) == 0
	r := &Result{Method: "consent", Passed: &passed, Scale: 1}
	switch {
	case passed && len(objections) == 0:
		r.Note = "passed: no objections"
	case passed:
		r.Note = fmt.Sprintf("passed: all %d objections withdrawn", len(objections))
	case len(standing) == 1:
		r.Note = "blocked by 1 standing objection: " + standing[0]
	default:
		r.Note = fmt.Sprintf("blocked by %d standing objections: %s", len(standing), strings.Join(standing, "; "))
	}
	return r, nil
}
