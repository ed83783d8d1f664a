package purpose

import (
	"unicode"
	"unicode/utf8"
)

// OpKind says what a piece of a diff is.
type OpKind string

// The kinds of a diff's pieces.
const (
	Equal  OpKind = "equal"  // in both versions
	Insert OpKind = "insert" // only in the newer version
	Delete OpKind = "delete" // only in the older version
)

// Op is one run of words of a diff.
type Op struct {
	Kind OpKind `json:"kind"`
	Text string `json:"text"`
}

// FieldDiff is the diff of one field between two versions.
type FieldDiff struct {
	Field   string `json:"field"`
	Label   string `json:"label"`
	Changed bool   `json:"changed"`
	Ops     []Op   `json:"ops"`
}

// maxCells bounds the LCS table (two bytes a cell, so 8 MB). Prose at the
// fields' limits (4,000 characters, some 800 words and marks) fits many
// times over; past it (text that is nearly all punctuation), the changed
// middle is shown as one deletion and one insertion rather than spending
// memory on a fine diff.
const maxCells = 4_000_000

// word is one word (or mark of punctuation) of a text with the whitespace
// before it, so a run of inserted or deleted words carries its own spacing
// and line breaks.
type word struct {
	key  string // the word itself, what the diff compares
	text string // the whitespace before it and the word
}

// words splits s into words (runs of letters and digits) and single marks
// of punctuation, each with the whitespace that precedes it: "mornings."
// against "mornings and a van." then differs by the inserted words, not by
// the whole of "mornings.".
func words(s string) []word {
	var out []word
	i := 0
	for i < len(s) {
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		keyStart := i
		if i == len(s) { // trailing whitespace: part of no word
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		for wordRune(r) && i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !wordRune(r) {
				break
			}
			i += size
		}
		out = append(out, word{key: s[keyStart:i], text: s[start:i]})
	}
	return out
}

// Diff compares two texts word by word (the longest common subsequence of
// their words) and returns runs of equal, deleted and inserted words; in a
// replacement the deletion comes first. Each word carries the whitespace
// before it, and equal runs carry the newer text's spacing: joining the
// equal and inserted runs gives the newer text, the equal and deleted runs
// the older one up to spacing. A change of spacing alone is no change.
func Diff(older, newer string) []Op {
	a, b := words(older), words(newer)
	var ops []Op
	add := func(kind OpKind, text string) {
		if n := len(ops); n > 0 && ops[n-1].Kind == kind {
			ops[n-1].Text += text
			return
		}
		ops = append(ops, Op{kind, text})
	}
	// Common ends need no table: most edits change a few words in the middle.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].key == b[pre].key {
		add(Equal, b[pre].text)
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].key == b[len(b)-1-suf].key {
		suf++
	}
	middle(a[pre:len(a)-suf], b[pre:len(b)-suf], add)
	for _, w := range b[len(b)-suf:] {
		add(Equal, w.text)
	}
	if ops == nil {
		ops = []Op{}
	}
	return ops
}

// middle diffs the parts between the common ends through the classic LCS
// table: lcs[i][j] is the length of the longest common subsequence of
// a[i:] and b[j:].
func middle(a, b []word, add func(OpKind, string)) {
	n, m := len(a), len(b)
	if n == 0 || m == 0 || (n+1)*(m+1) > maxCells {
		for _, w := range a {
			add(Delete, w.text)
		}
		for _, w := range b {
			add(Insert, w.text)
		}
		return
	}
	w := m + 1
	lcs := make([]uint16, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i].key == b[j].key:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i].key == b[j].key:
			add(Equal, b[j].text)
			i, j = i+1, j+1
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			add(Delete, a[i].text)
			i++
		default:
			add(Insert, b[j].text)
			j++
		}
	}
	for ; i < n; i++ {
		add(Delete, a[i].text)
	}
	for ; j < m; j++ {
		add(Insert, b[j].text)
	}
}

// diffFields diffs two versions' fields, in the order the fields are listed.
func diffFields(older, newer []field) []FieldDiff {
	out := make([]FieldDiff, len(newer))
	for i, f := range newer {
		ops := Diff(older[i].text, f.text)
		changed := false
		for _, op := range ops {
			if op.Kind != Equal {
				changed = true
			}
		}
		out[i] = FieldDiff{Field: f.name, Label: f.label, Changed: changed, Ops: ops}
	}
	return out
}

// wordRune reports whether r belongs inside a word.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
