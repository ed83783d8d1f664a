package vote

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func parseOK(t *testing.T, in string, kind Kind, opts ParseOptions) *Election {
	t.Helper()
	e, err := Parse(strings.NewReader(in), kind, opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return e
}

func TestParse(t *testing.T) {
	t.Run("OK ranked", func(t *testing.T) {
		in := "# a comment\n\n3, C > A = B > D \r\n1,A\n"
		e := parseOK(t, in, KindRanked, ParseOptions{})
		want := &Election{
			Candidates: []string{"C", "A", "B", "D"},
			Ballots: []Ballot{
				{Count: 3, Ranks: Rank([][]int{{0}, {1, 2}, {3}})},
				{Count: 1, Ranks: Rank([][]int{{1}})},
			},
			Seats: 1,
		}
		if !reflect.DeepEqual(e, want) {
			t.Fatalf("got %+v\nwant %+v", e, want)
		}
	})
	t.Run("OK fixed candidates", func(t *testing.T) {
		e := parseOK(t, "2,B;A\n", KindApproval, ParseOptions{Candidates: []string{"A", "B", "C"}, Seats: 2, Seed: 7})
		want := &Election{
			Candidates: []string{"A", "B", "C"},
			Ballots:    []Ballot{{Count: 2, Marks: []Mark{{0, 1}, {1, 1}}}},
			Seats:      2, Seed: 7,
		}
		if !reflect.DeepEqual(e, want) {
			t.Fatalf("got %+v\nwant %+v", e, want)
		}
	})
	t.Run("OK scored and single", func(t *testing.T) {
		e := parseOK(t, "3,A=5;B=-1\n", KindScored, ParseOptions{ScoreMin: -2, ScoreMax: 5})
		if got := e.Ballots[0].Marks; !reflect.DeepEqual(got, []Mark{{0, 5}, {1, -1}}) {
			t.Fatalf("marks %v", got)
		}
		e = parseOK(t, "3, yes \n2,no\n", KindSingle, ParseOptions{})
		if !reflect.DeepEqual(e.Candidates, []string{"yes", "no"}) || e.Ballots[1].Marks[0] != (Mark{1, 1}) {
			t.Fatalf("got %+v", e)
		}
	})
	t.Run("OK merges identical ballots", func(t *testing.T) {
		// "A=B" and "B=A" are the same ranking; the chamber separates.
		in := "2,A=B>C\n3,B=A>C\n1,A=B>C,senate\n4,A=B>C\n"
		e := parseOK(t, in, KindRanked, ParseOptions{})
		want := []Ballot{
			{Count: 9, Ranks: Rank([][]int{{0, 1}, {2}})},
			{Count: 1, Ranks: Rank([][]int{{0, 1}, {2}}), Chamber: "senate"},
		}
		if !reflect.DeepEqual(e.Ballots, want) {
			t.Fatalf("got %+v", e.Ballots)
		}
		e = parseOK(t, "1,A=2;B=3\n1,B=3;A=2\n1,B=3;A=1\n", KindScored, ParseOptions{})
		if len(e.Ballots) != 2 || e.Ballots[0].Count != 2 {
			t.Fatalf("got %+v", e.Ballots)
		}
		e = parseOK(t, "1,A;B\n1,B;A\n", KindApproval, ParseOptions{})
		if len(e.Ballots) != 1 || e.Ballots[0].Count != 2 {
			t.Fatalf("got %+v", e.Ballots)
		}
	})
	t.Run("OK a million alike voters cost one ballot", func(t *testing.T) {
		var sb strings.Builder
		for range 100000 {
			sb.WriteString("10,A>B>C\n")
		}
		e := parseOK(t, sb.String(), KindRanked, ParseOptions{})
		if len(e.Ballots) != 1 || e.Ballots[0].Count != 1000000 {
			t.Fatalf("got %d ballots, first %+v", len(e.Ballots), e.Ballots[0])
		}
	})
	t.Run("OK long line", func(t *testing.T) {
		var names []string
		for i := range 20000 {
			names = append(names, fmt.Sprintf("candidate%d", i))
		}
		e := parseOK(t, "1,"+strings.Join(names, ">")+"\n", KindRanked, ParseOptions{})
		if len(e.Candidates) != 20000 || len(e.Ballots[0].Ranks.Groups()) != 20000 {
			t.Fatalf("got %d candidates", len(e.Candidates))
		}
	})

	errs := []struct {
		name, in string
		kind     Kind
		opts     ParseOptions
		want     string
	}{
		{"ErrEmpty", "", KindRanked, ParseOptions{}, "no ballots"},
		{"ErrOnlyComments", "# nothing\n\n  \n", KindRanked, ParseOptions{}, "no ballots"},
		{"ErrUnknownCandidate", "1,A\n1,B\n\n\n\n\n3,Q>A\n", KindRanked, ParseOptions{Candidates: []string{"A", "B"}}, `line 7: unknown candidate "Q"`},
		{"ErrRepeatedRanked", "1,A>B>A\n", KindRanked, ParseOptions{}, `line 1: repeated candidate "A"`},
		{"ErrRepeatedTie", "1,A\n1,B=B\n", KindRanked, ParseOptions{}, `line 2: repeated candidate "B"`},
		{"ErrRepeatedApproval", "1,A;A\n", KindApproval, ParseOptions{}, `line 1: repeated candidate "A"`},
		{"ErrRepeatedScore", "1,A=1;A=2\n", KindScored, ParseOptions{}, `line 1: repeated candidate "A"`},
		{"ErrNegativeCount", "1,A\n-2,A\n", KindSingle, ParseOptions{}, "line 2: count must be positive, got -2"},
		{"ErrZeroCount", "0,A\n", KindSingle, ParseOptions{}, "line 1: count must be positive, got 0"},
		{"ErrFractionalCount", "2.5,A\n", KindSingle, ParseOptions{}, `line 1: count "2.5" is not a whole number`},
		{"ErrWordCount", "x,A\n", KindSingle, ParseOptions{}, `line 1: count "x" is not a whole number`},
		{"ErrSignedCount", "+3,A\n", KindSingle, ParseOptions{}, `line 1: count "+3": write it with digits only`},
		{"ErrStrictTie", "1,A>B\n# note\n2,C=A>B\n", KindRanked, ParseOptions{Strict: true}, `line 3: "C=A>B" ranks candidates equal; this method needs a strict order (use > only)`},
		{"ErrHugeCount", "99999999999999999999,A\n", KindSingle, ParseOptions{}, `line 1: count "99999999999999999999" is too large`},
		{"ErrCountsOverflow", "9223372036854775807,A\n1,A\n", KindSingle, ParseOptions{}, "line 2: counts add up to more than 9223372036854775807"},
		{"ErrMissingCount", ",A\n", KindSingle, ParseOptions{}, "line 1: missing count"},
		{"ErrNoComma", "A>B\n", KindRanked, ParseOptions{}, `line 1: want COUNT,BALLOT, got "A>B"`},
		{"ErrNoBallot", "3\n", KindRanked, ParseOptions{}, "line 1: no ballot after the count"},
		{"ErrEmptyBallot", "3, \n", KindRanked, ParseOptions{}, "line 1: empty ballot"},
		{"ErrEmptyGroup", "3,A>>B\n", KindRanked, ParseOptions{}, "line 1: empty candidate name"},
		{"ErrTrailingGreater", "3,A>\n", KindRanked, ParseOptions{}, "line 1: empty candidate name"},
		{"ErrTrailingEqual", "3,A=\n", KindRanked, ParseOptions{}, "line 1: empty candidate name"},
		{"ErrTrailingSemicolon", "3,A;\n", KindApproval, ParseOptions{}, "line 1: empty candidate name"},
		{"ErrSemicolonInRanked", "3,A;B\n", KindRanked, ParseOptions{}, `line 1: unexpected ";" in ranked ballot`},
		{"ErrGreaterInApproval", "3,A>B\n", KindApproval, ParseOptions{}, `line 1: unexpected ">" in approval ballot`},
		{"ErrTwoChoices", "3,A;B\n", KindSingle, ParseOptions{}, `line 1: a majority ballot names exactly one candidate, got "A;B"`},
		{"ErrEmptyChamber", "3,A,\n", KindSingle, ParseOptions{}, "line 1: empty chamber name"},
		{"ErrTooManyFields", "3,A,x,y\n", KindSingle, ParseOptions{}, "line 1: too many fields (want COUNT,BALLOT[,CHAMBER])"},
		{"ErrMissingScore", "3,A=1;B\n", KindScored, ParseOptions{}, `line 1: missing score for "B" (want NAME=SCORE)`},
		{"ErrBadScore", "3,A=1.5\n", KindScored, ParseOptions{}, `line 1: score "1.5" for "A" is not a whole number`},
		{"ErrScoreOutOfRange", "1,A=5\n3,A=6\n", KindScored, ParseOptions{ScoreMin: 0, ScoreMax: 5}, `line 2: score 6 for "A" is outside the range 0-5`},
		{"ErrScoreBelowRange", "3,A=-1\n", KindScored, ParseOptions{ScoreMin: 0, ScoreMax: 5}, `line 1: score -1 for "A" is outside the range 0-5`},
		{"ErrTooManyDots", "1,A=3\n1,A=2;B=2\n", KindScored, ParseOptions{MaxDots: 3}, "line 2: more dots than the 3 allowed"},
		{"ErrNegativeDots", "1,A=-1\n", KindScored, ParseOptions{MaxDots: 3}, `line 1: negative dots (-1) for "A"`},
		{"ErrDuplicateCandidateOption", "1,A\n", KindSingle, ParseOptions{Candidates: []string{"A", " A"}}, `candidates: "A" listed twice`},
		{"ErrBadCandidateOption", "1,A\n", KindSingle, ParseOptions{Candidates: []string{"A>B"}}, `candidates: bad name "A>B"`},
		{"ErrEmptyRange", "1,A=1\n", KindScored, ParseOptions{ScoreMin: 5, ScoreMax: 1}, "score range 5-1 is empty"},
		{"ErrKind", "1,A\n", Kind(9), ParseOptions{}, "unknown ballot kind Kind(9)"},
		{"ErrLineTooLong", "1,A\n2," + strings.Repeat("x", maxLine+10) + "\n", KindSingle, ParseOptions{}, "line 2: line longer than 1 MiB"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Parse(strings.NewReader(tc.in), tc.kind, tc.opts)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if e != nil {
				t.Fatal("an election came back with the error")
			}
		})
	}
}

// TestParseGPUS reads the committed Meek test file: 67 distinct lines, 94
// ballots, 13 declared candidates.
func TestParseGPUS(t *testing.T) {
	f, err := os.Open("testdata/gpus2005.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := Parse(f, KindRanked, ParseOptions{Candidates: strings.Split("A,B,C,D,E,F,G,H,I,J,K,L,M", ",")})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, b := range e.Ballots {
		total += b.Count
	}
	if len(e.Ballots) != 67 || total != 94 || len(e.Candidates) != 13 {
		t.Fatalf("%d ballots, %d votes, %d candidates", len(e.Ballots), total, len(e.Candidates))
	}
}

// FuzzParse: Parse never panics, and either fails with no election or
// returns one whose counts are positive and whose candidates are in range.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"3,C>A=B>D\n1,A", "3,A;B\n", "3,A=5;B=3\n2,B=1", "3,A\n1,B,house", "#x\n\n1,A>B", "0,A", "1,A>>B"} {
		for k := range 4 {
			f.Add(s, uint8(k), false)
			f.Add(s, uint8(k), true)
		}
	}
	f.Fuzz(func(t *testing.T, in string, kind uint8, fixed bool) {
		k := Kind(kind % 4)
		opts := ParseOptions{ScoreMin: 0, ScoreMax: 9, MaxDots: 10}
		if fixed {
			opts.Candidates = []string{"A", "B", "C", "D"}
		}
		e, err := Parse(strings.NewReader(in), k, opts)
		if err != nil {
			if e != nil {
				t.Fatal("election with error")
			}
			return
		}
		n := len(e.Candidates)
		if n == 0 || len(e.Ballots) == 0 {
			t.Fatal("empty election without error")
		}
		var total int64
		distinct := map[string]bool{}
		for _, b := range e.Ballots {
			// merging leaves no two ballots alike
			key := fmt.Sprint(b.Ranks.Groups(), b.Marks, b.Chamber)
			if distinct[key] {
				t.Fatalf("ballot %s appears twice", key)
			}
			distinct[key] = true
			if b.Count <= 0 {
				t.Fatalf("count %d", b.Count)
			}
			if total += b.Count; total <= 0 {
				t.Fatal("total overflowed")
			}
			seen := map[int]bool{}
			for _, g := range b.Ranks.Groups() {
				if len(g) == 0 {
					t.Fatal("empty group")
				}
				if !slices.IsSorted(g) {
					t.Fatalf("group %v not in canonical order", g)
				}
				for _, c := range g {
					if c < 0 || c >= n || seen[c] {
						t.Fatalf("candidate %d of %d (seen %v)", c, n, seen[c])
					}
					seen[c] = true
				}
			}
			for _, m := range b.Marks {
				if m.Candidate < 0 || m.Candidate >= n || seen[m.Candidate] {
					t.Fatalf("mark %v of %d", m, n)
				}
				seen[m.Candidate] = true
			}
		}
	})
}

// parseGenRanked writes n ranked ballots of count 1 over c candidates, each a
// random full ranking.
func parseGenRanked(n, c int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	names := make([]string, c)
	for i := range names {
		names[i] = fmt.Sprintf("cand%02d", i)
	}
	var b []byte
	perm := make([]int, c)
	for range n {
		for i := range perm {
			perm[i] = i
		}
		rng.Shuffle(c, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		b = append(b, "1,"...)
		for i, p := range perm {
			if i > 0 {
				b = append(b, '>')
			}
			b = append(b, names[p]...)
		}
		b = append(b, '\n')
	}
	return b
}

// BenchmarkParseRanked1M: a million random full rankings over 20
// candidates, nearly all distinct (the worst case for merging).
func BenchmarkParseRanked1M(b *testing.B) { benchParse(b, parseGenRanked(1000000, 20)) }

// BenchmarkParseRanked1MFewDistinct: a million ballots, 1,000 distinct.
func BenchmarkParseRanked1MFewDistinct(b *testing.B) {
	few := parseGenRanked(1000, 20)
	var data []byte
	for range 1000 {
		data = append(data, few...)
	}
	benchParse(b, data)
}

func benchParse(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := Parse(bytes.NewReader(data), KindRanked, ParseOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSingleRoundPermutingBallots: shuffling the lines of a file, and
// splitting a line's count over several lines, leaves every method's
// result as it was.
func TestSingleRoundPermutingBallots(t *testing.T) {
	names := []string{"A", "B", "C", "D", "E"}
	rng := rand.New(rand.NewPCG(7, 7))
	ballot := func(kind Kind) string {
		perm := rng.Perm(len(names))[:1+rng.IntN(len(names))]
		var sb strings.Builder
		for i, c := range perm {
			if i > 0 {
				switch kind {
				case KindRanked:
					sb.WriteString([]string{">", "="}[rng.IntN(2)])
				default:
					sb.WriteByte(';')
				}
			}
			sb.WriteString(names[c])
			if kind == KindScored {
				fmt.Fprintf(&sb, "=%d", rng.IntN(3))
			}
			if kind == KindSingle {
				break
			}
		}
		return sb.String()
	}
	methods := map[Kind][]func(*Election) (*Result, error){
		KindRanked:   {Borda},
		KindApproval: {Approval},
		KindScored:   {Score, func(e *Election) (*Result, error) { return Dot(e, 0) }},
		KindSingle: {func(e *Election) (*Result, error) {
			return Majority(e, MajorityOptions{ThresholdNum: 1, ThresholdDen: 4})
		}},
	}
	for kind, ms := range methods {
		for trial := range 20 {
			type line struct {
				count int
				b     string
			}
			var lines []line
			for range 1 + rng.IntN(12) {
				lines = append(lines, line{1 + rng.IntN(5), ballot(kind)})
			}
			render := func(ls []line) string {
				var sb strings.Builder
				for _, l := range ls {
					fmt.Fprintf(&sb, "%d,%s\n", l.count, l.b)
				}
				return sb.String()
			}
			// the shuffled file with every count split into ones
			var ones []line
			for _, l := range lines {
				for range l.count {
					ones = append(ones, line{1, l.b})
				}
			}
			rng.Shuffle(len(ones), func(i, j int) { ones[i], ones[j] = ones[j], ones[i] })
			opts := ParseOptions{Candidates: names, Seed: uint64(trial), Seats: 1 + rng.IntN(2)}
			a := parseOK(t, render(lines), kind, opts)
			b := parseOK(t, render(ones), kind, opts)
			for i, m := range ms {
				ra, erra := m(a)
				rb, errb := m(b)
				if fmt.Sprint(erra) != fmt.Sprint(errb) || !reflect.DeepEqual(ra, rb) {
					t.Fatalf("%s method %d trial %d:\n%s\n%+v %v\nvs\n%+v %v", kind, i, trial, render(lines), ra, erra, rb, errb)
				}
			}
		}
	}
}

// TestWeights: a ballot of weight w is a Count multiplied by w, so a
// weighted line and w plain lines tally alike.
func TestWeights(t *testing.T) {
	opts := ParseOptions{Candidates: []string{"A", "B"}}
	heavy := parseOK(t, "3,A\n2,B\n", KindSingle, opts) // A's voter weighs 3
	plain := parseOK(t, "1,A\n1,A\n1,A\n1,B\n1,B\n", KindSingle, opts)
	r1, _ := Majority(heavy, MajorityOptions{})
	r2, _ := Majority(plain, MajorityOptions{})
	if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(r1.Winners, []int{0}) {
		t.Fatalf("%+v vs %+v", r1, r2)
	}
}
