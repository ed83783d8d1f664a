// Command knnpeer times graph.KNN on the same value vectors as
// bench/peers/knn_sklearn.py and scores its recall against
// scikit-learn's exact answer for that script's sample.
//
//	go run ./bench/knnpeer -db /tmp/people.db -sample /tmp/knn-sklearn.json
//
// The vectors are the groupings worker's (internal/people/grouping_worker.go):
// rank r weighs 11 − r; graph.KNN runs with K = 20, Workers = GOMAXPROCS and
// a fixed Seed (the worker seeds by the run's ID; -seed). Like the Python
// side, it reads every member of the collective with a value, in member id
// order, value term ids as indices (cosine does not depend on how the
// indices are numbered, so the worker's own numbering gives the same
// similarities).
//
// A found neighbour is right when its similarity is at least the 20th
// exact one less 1e-6 (ties make many answers right; scikit-learn works
// in float64 and graph.KNN rounds to float32). graph.ExactKNN is then run
// on the whole set and checked against scikit-learn the same way (it
// should find everything, with similarities equal to about 1e-7), unless
// it takes longer than -exact-limit, when the command says so and stops.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"syscall"
	"time"

	"commonground/bench/seed"
	"commonground/internal/graph"
	"commonground/internal/store"
)

// k is the worker's groupingNeighbours.
const k = 20

// tolerance is how far below the k-th exact similarity a found one may
// be and still count: float32 rounding, not a looser standard.
const tolerance = 1e-6

// sampleFile is what knn_sklearn.py writes.
type sampleFile struct {
	Tool   string `json:"tool"`
	People int    `json:"people"`
	Sample []struct {
		Member     int64     `json:"member"`
		Neighbours []int64   `json:"neighbours"`
		Sims       []float64 `json:"sims"`
	} `json:"sample"`
}

func main() {
	dsn := flag.String("db", "", "database filled by peoplegen (required)")
	samplePath := flag.String("sample", "/tmp/knn-sklearn.json", "knn_sklearn.py's exact answers for the sample")
	seedFlag := flag.Uint64("seed", 1, "graph.KNN's seed (the worker uses the run's ID)")
	exact := flag.Bool("exact", true, "also time graph.ExactKNN on the whole set")
	exactLimit := flag.Duration("exact-limit", 3*time.Minute, "give up on ExactKNN after this long")
	limit := flag.Int("limit", 0, "keep the first N people (as knn_sklearn.py --limit, for a quick try)")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "knnpeer: give -db")
		os.Exit(2)
	}
	ctx := context.Background()
	t := time.Now()
	ids, vecs, entries, err := load(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	if *limit > 0 && *limit < len(vecs) {
		ids, vecs = ids[:*limit], vecs[:*limit]
		entries = 0
		for _, v := range vecs {
			entries += len(v.Idx)
		}
	}
	fmt.Printf("loaded %d people, %d values in %s\n", len(vecs), entries, time.Since(t).Round(time.Millisecond))
	sf, err := readSample(*samplePath)
	if err != nil {
		fail(err)
	}
	if sf.People != len(vecs) {
		fail(fmt.Errorf("%s has %d people, the database %d: not the same vectors", *samplePath, sf.People, len(vecs)))
	}
	place := make(map[int64]int, len(ids))
	for i, id := range ids {
		place[id] = i
	}

	t = time.Now()
	nn := graph.KNN(vecs, graph.KNNOptions{K: k, Seed: *seedFlag})
	took := time.Since(t)
	r, err := recall(sf, place, ids, nn)
	if err != nil {
		fail(err)
	}
	fmt.Printf("graph.KNN k=%d seed=%d workers=%d: %.3f s; peak RSS %.1f MiB; recall against %s on %d people: %.4f (%d of %d)\n",
		k, *seedFlag, runtime.GOMAXPROCS(0), took.Seconds(), peakMiB(), sf.Tool, len(sf.Sample), r.share(), r.found, r.whole)
	if !*exact {
		return
	}
	done := make(chan [][]graph.Neighbour, 1)
	t = time.Now()
	go func() { done <- graph.ExactKNN(vecs, k, 0) }()
	select {
	case ex := <-done:
		took := time.Since(t)
		r, err := recall(sf, place, ids, ex)
		if err != nil {
			fail(err)
		}
		fmt.Printf("graph.ExactKNN k=%d workers=%d: %.3f s; peak RSS %.1f MiB; recall against %s: %.4f (%d of %d); largest similarity difference %.2g\n",
			k, runtime.GOMAXPROCS(0), took.Seconds(), peakMiB(), sf.Tool, r.share(), r.found, r.whole, r.maxDiff)
	case <-time.After(*exactLimit):
		// Returning ends the process and the goroutine with it.
		fmt.Printf("graph.ExactKNN k=%d: skipped, not done after %s\n", k, *exactLimit)
	}
}

// load reads the collective's value vectors, in member id order.
func load(ctx context.Context, dsn string) (ids []int64, vecs []graph.SparseVector, entries int, err error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, 0, err
	}
	defer db.Close()
	var rows []struct {
		Member int64 `db:"member_id"`
		Term   int32 `db:"term_id"`
		Rank   int   `db:"rank"`
	}
	if err := db.Select(ctx, &rows, `SELECT v.member_id, v.term_id, v.rank FROM person_values v
		JOIN members m ON m.id = v.member_id JOIN collectives c ON c.id = m.collective_id
		WHERE c.slug = ? AND v.collective_id = c.id ORDER BY v.member_id, v.term_id`, seed.Slug); err != nil {
		return nil, nil, 0, err
	}
	for i, r := range rows {
		if i == 0 || r.Member != rows[i-1].Member {
			ids = append(ids, r.Member)
			vecs = append(vecs, graph.SparseVector{})
		}
		v := &vecs[len(vecs)-1]
		v.Idx = append(v.Idx, r.Term)
		v.W = append(v.W, float32(11-r.Rank))
	}
	return ids, vecs, len(rows), nil
}

func readSample(path string) (*sampleFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sf sampleFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(sf.Sample) == 0 {
		return nil, fmt.Errorf("%s: no sample", path)
	}
	return &sf, nil
}

// score is a recall count and, where an answer names an exact neighbour,
// the largest difference between the two similarities given for it.
type score struct {
	found, whole int
	maxDiff      float64
}

func (s score) share() float64 { return float64(s.found) / float64(s.whole) }

// recall scores nn on the sample: each sampled person adds their number
// of exact neighbours to the whole and, to the found, how many of nn's
// neighbours reach the k-th exact similarity less tolerance (at most the
// whole's share).
func recall(sf *sampleFile, place map[int64]int, ids []int64, nn [][]graph.Neighbour) (score, error) {
	var s score
	for _, q := range sf.Sample {
		i, ok := place[q.Member]
		if !ok {
			return s, fmt.Errorf("member %d of the sample is not in the database", q.Member)
		}
		if len(q.Sims) == 0 {
			continue
		}
		exact := map[int64]float64{}
		for j, id := range q.Neighbours {
			exact[id] = q.Sims[j]
		}
		least := q.Sims[len(q.Sims)-1] - tolerance
		right := 0
		for _, nb := range nn[i] {
			if float64(nb.Sim) >= least {
				right++
			}
			if e, ok := exact[ids[nb.ID]]; ok {
				s.maxDiff = math.Max(s.maxDiff, math.Abs(e-float64(nb.Sim)))
			}
		}
		s.whole += len(q.Sims)
		s.found += min(right, len(q.Sims))
	}
	return s, nil
}

// peakMiB is the process's peak resident memory so far (Linux: KiB).
func peakMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Maxrss) / 1024
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "knnpeer:", err)
	os.Exit(1)
}
