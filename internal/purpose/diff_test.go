package purpose_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"commonground/internal/purpose"
)

// The expected diffs are worked out by hand from the longest common
// subsequence of the words (ties resolved towards deleting first).
func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, older, newer string
		want               []purpose.Op
	}{
		{"Replace", "the quick brown fox", "the slow brown fox",
			ops("=", "the", "-", " quick", "+", " slow", "=", " brown fox")},
		{"AppendAtEnd", "we act", "we act together",
			ops("=", "we act", "+", " together")},
		{"DeleteAtEnd", "we act together now", "we act",
			ops("=", "we act", "-", " together now")},
		{"DeleteAtStart", "Together we act", "we act",
			ops("-", "Together", "=", "we act")},
		{"InsertAtStart", "we act", "Now we act",
			ops("+", "Now", "=", " we act")},
		{"FromEmpty", "", "Every child reads",
			ops("+", "Every child reads")},
		{"ToEmpty", "Every child reads", "",
			ops("-", "Every child reads")},
		{"BothEmpty", "", "", ops()},
		{"SpacingOnly", "a  b\nc", "a b c", ops("=", "a b c")},
		{"Interleaved", "children in Riverside read well by age nine", "every child in Riverside reads well by age eight",
			ops("-", "children", "+", "every child", "=", " in Riverside", "-", " read", "+", " reads", "=", " well by age",
				"-", " nine", "+", " eight")},
		{"NewParagraph", "First line.\n\nSecond line.", "First line.\n\nA new line.\n\nSecond line.",
			ops("=", "First line.", "+", "\n\nA new line.", "=", "\n\nSecond line.")},
		{"RepeatedWords", "a b a b", "b a b a",
			ops("-", "a", "=", "b a b", "+", " a")},
		{"Punctuation", "Saturday mornings.", "Saturday mornings and a van.",
			ops("=", "Saturday mornings", "+", " and a van", "=", ".")},
		{"Unicode", "Lëtzebuerg für alle", "Lëtzebuerg für jeden Menschen",
			ops("=", "Lëtzebuerg für", "-", " alle", "+", " jeden Menschen")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			same(t, "diff", purpose.Diff(tc.older, tc.newer), tc.want)
		})
	}
}

// Past the table's budget the changed middle is one deletion and one
// insertion; the common ends are still found.
func TestDiffCoarseWhenHuge(t *testing.T) {
	var a, b []string
	for i := range 2100 {
		a = append(a, "w"+strconv.Itoa(i))
		b = append(b, "w"+strconv.Itoa(i))
	}
	older := "start x " + strings.Join(a, " ") + " end"
	newer := "start y " + strings.Join(b, " ") + " z end"
	got := purpose.Diff(older, newer)
	want := ops("=", "start", "-", " x "+strings.Join(a, " "), "+", " y "+strings.Join(b, " ")+" z", "=", " end")
	same(t, "coarse diff", got, want)
}

// Whatever the texts, the equal and inserted runs rebuild the newer text,
// the equal and deleted runs the older one's words, no two neighbouring
// runs share a kind, and the equal words are as many as a separately
// computed longest common subsequence.
func TestDiffProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	vocab := []string{"we", "act", "together", "for", "every", "child", "in", "Riverside", "\n\nNew"}
	text := func() string {
		n := r.IntN(12)
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	for range 2000 {
		older, newer := text(), text()
		got := purpose.Diff(older, newer)
		var newText, oldText strings.Builder
		equal := 0
		for i, op := range got {
			if i > 0 && got[i-1].Kind == op.Kind {
				t.Fatalf("%q → %q: neighbouring runs of one kind: %+v", older, newer, got)
			}
			if op.Kind != purpose.Delete {
				newText.WriteString(op.Text)
			}
			if op.Kind != purpose.Insert {
				oldText.WriteString(op.Text + " ")
			}
			if op.Kind == purpose.Equal {
				equal += len(strings.Fields(op.Text))
			}
		}
		if newText.String() != newer {
			t.Fatalf("%q → %q: new side %q", older, newer, newText.String())
		}
		if strings.Join(strings.Fields(oldText.String()), " ") != strings.Join(strings.Fields(older), " ") {
			t.Fatalf("%q → %q: old side %q", older, newer, oldText.String())
		}
		if want := lcsLength(strings.Fields(older), strings.Fields(newer)); equal != want {
			t.Fatalf("%q → %q: %d equal words, LCS is %d", older, newer, equal, want)
		}
	}
}

// lcsLength is the textbook recursion with memo, independent of the
// package's table.
func lcsLength(a, b []string) int {
	memo := map[[2]int]int{}
	var f func(i, j int) int
	f = func(i, j int) int {
		if i == len(a) || j == len(b) {
			return 0
		}
		if v, ok := memo[[2]int{i, j}]; ok {
			return v
		}
		v := max(f(i+1, j), f(i, j+1))
		if a[i] == b[j] {
			v = max(v, 1+f(i+1, j+1))
		}
		memo[[2]int{i, j}] = v
		return v
	}
	return f(0, 0)
}

// BenchmarkDiff diffs two texts at the longest field's limit that differ
// all through (one word in eight replaced), the costly case for a page.
func BenchmarkDiff(b *testing.B) {
	vocab := strings.Fields("we act together for every child in Riverside, so that reading, play and care reach all.")
	r := rand.New(rand.NewPCG(1, 2))
	var older, newer []string
	for n := 0; n < purpose.MaxValueProposition-20; n += len(older[len(older)-1]) + 1 {
		w := vocab[r.IntN(len(vocab))]
		older = append(older, w)
		if r.IntN(8) == 0 {
			w = vocab[r.IntN(len(vocab))]
		}
		newer = append(newer, w)
	}
	a, c := strings.Join(older, " "), strings.Join(newer, " ")
	b.ReportAllocs()
	for b.Loop() {
		purpose.Diff(a, c)
	}
}
