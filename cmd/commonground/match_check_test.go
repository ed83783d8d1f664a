package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// What the match tests check a report against: the instance read here,
// apart from the engine's parser (its own CSV reading and decimal
// rounding), so that a fault in either shows.

type matchInstance struct {
	mentees, mentors []string
	mentee, mentor   map[string]int
	capacity         []int
	score            map[[2]int]int64 // the allowed pairs, micro-units
	fixed            map[int]int
	forbid           map[[2]int]bool
}

// matchMicro reads a decimal exactly and rounds it to micro-units, half
// away from zero.
func matchMicro(t *testing.T, s string) int64 {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not a decimal", s)
	}
	r.Mul(r, big.NewRat(1_000_000, 1))
	half := big.NewRat(1, 2)
	if r.Sign() < 0 {
		half.Neg(half)
	}
	r.Add(r, half) // then truncate towards zero
	q := new(big.Int).Quo(r.Num(), r.Denom())
	return q.Int64()
}

// matchCSV reads a CSV file's records after its header.
func matchCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		for k := range r {
			r[k] = strings.TrimSpace(r[k])
		}
	}
	return recs[1:]
}

// matchReadInstance reads the files a `match` command line names.
func matchReadInstance(t *testing.T, args []string) *matchInstance {
	t.Helper()
	file := map[string]string{}
	for k := 0; k+1 < len(args); k++ {
		if strings.HasPrefix(args[k], "--") {
			file[args[k][2:]] = args[k+1]
		}
	}
	in := &matchInstance{mentee: map[string]int{}, mentor: map[string]int{}, score: map[[2]int]int64{},
		fixed: map[int]int{}, forbid: map[[2]int]bool{}}
	for _, r := range matchCSV(t, file["capacities"]) {
		in.mentor[r[0]] = len(in.mentors)
		in.mentors = append(in.mentors, r[0])
		c, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatal(err)
		}
		in.capacity = append(in.capacity, c)
	}
	for _, r := range matchCSV(t, file["scores"]) {
		if _, ok := in.mentee[r[0]]; !ok {
			in.mentee[r[0]] = len(in.mentees)
			in.mentees = append(in.mentees, r[0])
		}
		in.score[[2]int{in.mentee[r[0]], in.mentor[r[1]]}] = matchMicro(t, r[2])
	}
	if file["fixed"] != "" {
		for _, r := range matchCSV(t, file["fixed"]) {
			in.fixed[in.mentee[r[0]]] = in.mentor[r[1]]
		}
	}
	if file["forbid"] != "" {
		for _, r := range matchCSV(t, file["forbid"]) {
			in.forbid[[2]int{in.mentee[r[0]], in.mentor[r[1]]}] = true
		}
	}
	return in
}

// bruteForce is the best total over every assignment: each mentee to one
// of its allowed mentors or to none, fixed mentees to their mentor.
func (in *matchInstance) bruteForce() int64 {
	left := slices.Clone(in.capacity)
	for _, j := range in.fixed {
		left[j]-- // fixed pairs hold their seats from the start
	}
	var best int64 = math.MinInt64
	var walk func(i int, total int64)
	walk = func(i int, total int64) {
		if i == len(in.mentees) {
			best = max(best, total)
			return
		}
		if j, ok := in.fixed[i]; ok {
			walk(i+1, total+in.score[[2]int{i, j}])
			return
		}
		walk(i+1, total)
		for j := range in.mentors {
			sc, ok := in.score[[2]int{i, j}]
			if ok && !in.forbid[[2]int{i, j}] && left[j] > 0 {
				left[j]--
				walk(i+1, total+sc)
				left[j]++
			}
		}
	}
	walk(0, 0)
	return best
}

// matchReport is a --format json report; unknown keys are refused.
type matchReport struct {
	Assignments []struct {
		Mentee, Mentor string
		Score          json.Number
	} `json:"assignments"`
	TotalScore json.Number `json:"total_score"`
	Matched    int         `json:"matched"`
	Unmatched  []string    `json:"unmatched"`
	Certified  bool        `json:"certified"`
	Mentors    []struct {
		Mentor             string
		Capacity, Assigned int
		Price              json.Number
	} `json:"mentors"`
}

// matchCheck checks a JSON report against the instance: a feasible
// assignment in mentee order whose scores add up to the total, the
// mentors' loads, and the certificate, checked from the printed prices
// alone: no mentee could do better by another allowed mentor at its
// price, none unmatched could gain from one, and only full mentors have a
// price. By linear-programming duality no assignment scores higher then.
func matchCheck(t *testing.T, in *matchInstance, out string) (res struct {
	total   int64
	matched int
}) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var doc matchReport
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if !strings.HasPrefix(out, "{\n  \"assignments\": [") || !doc.Certified {
		t.Errorf("report does not open with the assignments or is not certified:\n%s", out)
	}
	assigned := make([]int, len(in.mentees))
	for i := range assigned {
		assigned[i] = -1
	}
	score := make([]int64, len(in.mentees))
	last := -1
	for _, a := range doc.Assignments {
		i, ok := in.mentee[a.Mentee]
		j, ok2 := in.mentor[a.Mentor]
		sc, ok3 := in.score[[2]int{i, j}]
		switch {
		case !ok || !ok2 || !ok3:
			t.Fatalf("%s-%s is not an allowed pair", a.Mentee, a.Mentor)
		case i <= last:
			t.Errorf("%s is out of mentee order or listed twice", a.Mentee)
		case in.forbid[[2]int{i, j}]:
			t.Errorf("%s-%s is forbidden", a.Mentee, a.Mentor)
		case matchMicro(t, a.Score.String()) != sc:
			t.Errorf("%s-%s scores %s, the file says %d micro-units", a.Mentee, a.Mentor, a.Score, sc)
		}
		last, assigned[i], score[i] = i, j, sc
		res.total += sc
	}
	res.matched = len(doc.Assignments)
	var unmatched []string
	for i, j := range assigned {
		if f, ok := in.fixed[i]; ok && f != j {
			t.Errorf("%s is not with its fixed mentor", in.mentees[i])
		}
		if j < 0 {
			unmatched = append(unmatched, in.mentees[i])
		}
	}
	if !slices.Equal(doc.Unmatched, unmatched) && len(unmatched)+len(doc.Unmatched) > 0 {
		t.Errorf("unmatched %v, want %v", doc.Unmatched, unmatched)
	}
	if got := matchMicro(t, doc.TotalScore.String()); got != res.total || doc.Matched != res.matched {
		t.Errorf("total %s matched %d; the pairs add up to %d micro-units over %d", doc.TotalScore, doc.Matched, res.total, res.matched)
	}
	if len(doc.Mentors) != len(in.mentors) {
		t.Fatalf("%d mentors listed, %d in the file", len(doc.Mentors), len(in.mentors))
	}
	load := make([]int, len(in.mentors))
	for _, j := range assigned {
		if j >= 0 {
			load[j]++
		}
	}
	price := make([]int64, len(in.mentors))
	for j, m := range doc.Mentors {
		price[j] = matchMicro(t, m.Price.String())
		switch {
		case m.Mentor != in.mentors[j] || m.Capacity != in.capacity[j] || m.Assigned != load[j]:
			t.Errorf("mentor %d: %+v, want %s with capacity %d and %d assigned", j, m, in.mentors[j], in.capacity[j], load[j])
		case load[j] > in.capacity[j]:
			t.Errorf("%s takes %d mentees, capacity %d", m.Mentor, load[j], in.capacity[j])
		case price[j] < 0 || price[j] > 0 && load[j] < in.capacity[j]:
			t.Errorf("%s has price %s with %d of %d seats taken", m.Mentor, m.Price, load[j], in.capacity[j])
		}
	}
	for pair, sc := range in.score {
		i, k := pair[0], pair[1]
		if _, fixed := in.fixed[i]; fixed || in.forbid[pair] {
			continue
		}
		var utility int64 // what mentee i gains at the prices
		if j := assigned[i]; j >= 0 {
			utility = score[i] - price[j]
		}
		if utility < 0 || sc > utility+price[k] {
			t.Errorf("certificate fails: %s gains %d as matched but %d with %s at its price %d",
				in.mentees[i], utility, sc-price[k], in.mentors[k], price[k])
		}
	}
	return res
}
