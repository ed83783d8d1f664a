package assign

import (
	"os"
	"strings"
	"testing"
	"time"
)

// circleBudgets are the objectives anticlust 0.8.11's TPSDP reaches on
// MDGPLIB in 1,000 iterations and the time it takes on this kind of
// machine (../shared/data/README.md; fewer iterations where noted
// there). The first two are the budgets.
var circleBudgets = []struct {
	name   string
	target float64
	tpsdp  time.Duration
}{
	{"RanReal_n240_ss_01", 155179.89, 7200 * time.Millisecond},
	{"Geo_n480_ss_01", 551990.21, 34600 * time.Millisecond},
	{"RanReal_n120_ss_01", 47285.48, 2100 * time.Millisecond},
	{"RanInt_n120_ss_01", 47628.00, 100 * time.Millisecond},
	{"Geo_n120_ss_01", 101522.40, 100 * time.Millisecond},
	{"Geo_n240_ss_01", 188822.71, 12600 * time.Millisecond},
	{"RanReal_n480_ss_01", 377222.08, 25 * time.Second},
}

// circleTimeToTarget runs the solver until it reaches target or the
// limit passes, and says how long that took (solving only, after
// parsing).
func circleTimeToTarget(c *Circles, seed uint64, target float64, limit time.Duration) (time.Duration, float64, error) {
	start := time.Now()
	g, err := SolveCircles(c, CircleOptions{Seed: seed, Deadline: limit, Target: target})
	if err != nil {
		return 0, 0, err
	}
	return time.Since(start), g.Objective, nil
}

// BenchmarkCirclesTimeToTarget reports, for each MDGPLIB instance at
// hand, the seconds the solver takes to reach TPSDP's objective (seed
// 1, then 2, ... over b.N runs), given at most twice TPSDP's time, and
// the share of runs that got there ("reached"). Run it with
// -benchtime=5x or so: each run takes seconds.
func BenchmarkCirclesTimeToTarget(b *testing.B) {
	instances := circleInstances(b)
	for _, bud := range circleBudgets {
		path, ok := instances[bud.name]
		if !ok {
			continue
		}
		b.Run(bud.name, func(b *testing.B) {
			c := loadCircleInstance(b, path)
			var total time.Duration
			reached := 0
			b.ResetTimer()
			for k := range b.N {
				took, f, err := circleTimeToTarget(c, uint64(k+1), bud.target, 2*bud.tpsdp)
				if err != nil {
					b.Fatal(err)
				}
				total += took
				if f >= bud.target {
					reached++
				}
			}
			b.ReportMetric(total.Seconds()/float64(b.N), "s-to-target")
			b.ReportMetric(float64(reached)/float64(b.N), "reached")
			b.ReportMetric(bud.tpsdp.Seconds(), "s-TPSDP")
		})
	}
}

// TestCirclesBudgets checks the two budgets: seeds 1 to 5 must
// each reach TPSDP's objective in less than TPSDP's time. It needs the
// shared data and a machine that is not busy, so it runs only when
// COMMONGROUND_CIRCLES_BUDGETS is set.
func TestCirclesBudgets(t *testing.T) {
	if os.Getenv("COMMONGROUND_CIRCLES_BUDGETS") == "" {
		t.Skip("set COMMONGROUND_CIRCLES_BUDGETS=1 to run the timed budgets")
	}
	instances := circleInstances(t)
	for _, bud := range circleBudgets[:2] {
		path, ok := instances[bud.name]
		if !ok {
			t.Fatalf("%s is not at hand (../shared/data/mdgplib)", bud.name)
		}
		c := loadCircleInstance(t, path)
		for seed := range uint64(5) {
			took, f, err := circleTimeToTarget(c, seed+1, bud.target, bud.tpsdp)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s seed %d: %.2f in %v (TPSDP %.2f in %v); load %s", bud.name, seed+1, f, took.Round(time.Millisecond),
				bud.target, bud.tpsdp, circleLoad())
			if f < bud.target {
				t.Errorf("%s seed %d: %.2f after %v, short of %.2f", bud.name, seed+1, f, took, bud.target)
			}
		}
	}
}

// circleLoad is the machine's load average, to print beside timings.
func circleLoad() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
