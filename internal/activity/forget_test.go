package activity

import "testing"

func TestReplaceWords(t *testing.T) {
	const former = "a former member"
	for _, c := range []struct{ in, name, want string }{
		{"Ana left Riverside.", "Ana", "a former member left Riverside."},
		{"Sam gave Ana the steward role.", "Ana", "Sam gave a former member the steward role."},
		{"Anabel and Ana, Ana.", "Ana", "Anabel and a former member, a former member."},
		{"Al joined; Alma stayed; Sal too.", "Al", "a former member joined; Alma stayed; Sal too."},
		{"Zoë Ørsted left; Zoë Ørstedt stayed.", "Zoë Ørsted", "a former member left; Zoë Ørstedt stayed."},
		{"formerly met", "former", "formerly met"},
		{"the former left", "former", "the a former member left"},
		{"nothing here", "Ana", "nothing here"},
	} {
		if got := replaceWords(c.in, c.name, former); got != c.want {
			t.Errorf("replaceWords(%q, %q) = %q, want %q", c.in, c.name, got, c.want)
		}
	}
}
