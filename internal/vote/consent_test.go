package vote

import "testing"

func TestConsent(t *testing.T) {
	cases := []struct {
		name   string
		objs   []Objection
		passed bool
		note   string
	}{
		{"OK no objections", nil, true, "passed: no objections"},
		{"OK all withdrawn", []Objection{{"Ann", "too costly", true}, {"Bo", "no time", true}}, true, "passed: all 2 objections withdrawn"},
		{"OK one stands", []Objection{{"Ann", "too costly", true}, {"Bo", " no time ", false}}, false, `blocked by 1 standing objection: Bo ("no time")`},
		{"OK two stand", []Objection{{"Ann", "too costly", false}, {"Bo", "no time", false}}, false,
			`blocked by 2 standing objections: Ann ("too costly"); Bo ("no time")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Consent(tc.objs)
			if err != nil {
				t.Fatal(err)
			}
			if r.Method != "consent" || *r.Passed != tc.passed || r.Note != tc.note {
				t.Fatalf("passed %v note %q", *r.Passed, r.Note)
			}
		})
	}
	t.Run("ErrNoReason", func(t *testing.T) {
		_, err := Consent([]Objection{{"Ann", "ok", false}, {"Bo", "  ", true}})
		if err == nil || err.Error() != "consent: objection 2 (Bo) gives no reason" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrNoMember", func(t *testing.T) {
		_, err := Consent([]Objection{{"", "why", false}})
		if err == nil || err.Error() != "consent: objection 1 names no member" {
			t.Fatalf("error %v", err)
		}
	})
}
