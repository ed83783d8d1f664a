// Command matchgen writes the matching benchmark instances of issue 6's
// budgets, each as DIR/NAME/scores.csv (`mentee,mentor,score`) and
// DIR/NAME/capacities.csv (`mentor,capacity`), the files `commonground
// match` reads:
//
//	all_2000x400         2,000 mentees × 400 mentors of capacity 5, all pairs
//	cand50_20000x4000    20,000 × 4,000, capacity 5, 50 candidate mentors each
//	cand50_100000x20000  100,000 × 20,000, capacity 5, 50 candidates each
//	dense_2000x2000      2,000 × 2,000 one-to-one, all pairs (scipy's case)
//	all_5000x1000        5,000 × 1,000, capacity 5, all pairs (only with -only;
//	                     LEMON's 2.0 s in ../shared/data/README.md)
//
// Scores are uniform over 0.000000–0.999999 (whole micro-units, so the solver
// reads them exactly); candidates are distinct and uniform. Every instance
// has as many seats as mentees, the shape the LEMON figures were taken on.
// Each instance draws from its own PCG stream (seed, FNV-1a of its name), so
// an instance's files are the same whichever others are made; files are
// written under a temporary name and renamed, so a complete file is never
// confused with a half-written one.
//
// Usage: go run ./bench/matchgen [-dir /tmp/match-data] [-only NAME,...] [-seed 1]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// instance is one benchmark shape; candidates 0 means every pair.
type instance struct {
	name                       string
	mentees, mentors, capacity int
	candidates                 int
	budget                     bool // made by default
}

var instances = []instance{
	{"all_2000x400", 2000, 400, 5, 0, true},
	{"cand50_20000x4000", 20000, 4000, 5, 50, true},
	{"cand50_100000x20000", 100000, 20000, 5, 50, true},
	{"dense_2000x2000", 2000, 2000, 1, 0, true},
	{"all_5000x1000", 5000, 1000, 5, 0, false},
}

func main() {
	dir := flag.String("dir", "/tmp/match-data", "where the instance folders go")
	only := flag.String("only", "", "comma-separated instance names (default: the four budget instances)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	var todo []instance
	for _, in := range instances {
		if *only == "" && in.budget || slices.Contains(strings.Split(*only, ","), in.name) {
			todo = append(todo, in)
		}
	}
	if *only != "" && len(todo) != len(strings.Split(*only, ",")) {
		fail(fmt.Errorf("-only %q: the instances are %s", *only, names()))
	}
	for _, in := range todo {
		start := time.Now()
		if err := write(filepath.Join(*dir, in.name), in, *seed); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "matchgen: %s in %.1f s\n", filepath.Join(*dir, in.name), time.Since(start).Seconds())
	}
}

func names() string {
	var s []string
	for _, in := range instances {
		s = append(s, in.name)
	}
	return strings.Join(s, ", ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "matchgen:", err)
	os.Exit(1)
}

func write(dir string, in instance, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	h := fnv.New64a()
	h.Write([]byte(in.name))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	mentee := label("e", in.mentees)
	mentor := label("m", in.mentors)
	err := writeFile(filepath.Join(dir, "capacities.csv"), func(w *bufio.Writer) {
		w.WriteString("mentor,capacity\n")
		for j := range in.mentors {
			w.WriteString(mentor(j))
			w.WriteByte(',')
			w.WriteString(strconv.Itoa(in.capacity))
			w.WriteByte('\n')
		}
	})
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "scores.csv"), func(w *bufio.Writer) {
		w.WriteString("mentee,mentor,score\n")
		// seen[j] == i+1 marks mentor j as drawn for mentee i, so no map
		// or clearing is needed between mentees.
		seen := make([]int, in.mentors)
		var buf []byte
		pair := func(i, j int) {
			buf = append(buf[:0], mentee(i)...)
			buf = append(buf, ',')
			buf = append(buf, mentor(j)...)
			buf = append(buf, ",0."...)
			s := rng.IntN(1_000_000)
			for d := 100_000; d > 0; d /= 10 {
				buf = append(buf, byte('0'+s/d%10))
			}
			buf = append(buf, '\n')
			w.Write(buf)
		}
		for i := range in.mentees {
			if in.candidates == 0 {
				for j := range in.mentors {
					pair(i, j)
				}
				continue
			}
			for k := 0; k < in.candidates; {
				j := rng.IntN(in.mentors)
				if seen[j] == i+1 {
					continue
				}
				seen[j] = i + 1
				pair(i, j)
				k++
			}
		}
	})
}

// label returns a namer of n ids: prefix and a zero-padded number from 1,
// so ids sort in their numeric order.
func label(prefix string, n int) func(int) string {
	format := prefix + "%0" + strconv.Itoa(len(strconv.Itoa(n))) + "d"
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(format, i+1)
	}
	return func(i int) string { return ids[i] }
}

// writeFile writes path through fill under a temporary name, then renames it.
func writeFile(path string, fill func(*bufio.Writer)) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
