package payreview

import (
	"io"
	"os"
	"runtime"
	"testing"
	"time"
)

// pay1m is the million-row file of ../shared/bench/gen_pay.py; the
// benchmark skips without it.
const pay1m = "/tmp/peers-data/pay1m.csv"

var pay1mMapping = Mapping{
	Fields:      map[string]string{"variable_pay": "bonus"},
	Controls:    []string{"job", "location", "level", "tenure", "perf"},
	Categorical: map[string]bool{"job": true, "location": true, "level": true},
}

func BenchmarkReadPay1m(b *testing.B) {
	if _, err := os.Stat(pay1m); err != nil {
		b.Skip("no " + pay1m + "; make it with ../shared/bench/gen_pay.py")
	}
	for b.Loop() {
		f, err := os.Open(pay1m)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Read(f, pay1mMapping)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if d.Len() != 1_000_000 {
			b.Fatalf("%d rows", d.Len())
		}
	}
}

// TestReadPay1mBudget reads the million rows once from the file and once
// through a reader that hides its size (as a progress bar's would), and
// reports the time and the memory in use after, against the reader's
// share of the budget (0.8 s, 300 MB).
func TestReadPay1mBudget(t *testing.T) {
	if _, err := os.Stat(pay1m); err != nil || testing.Short() {
		t.Skip("no " + pay1m)
	}
	for _, hide := range []bool{false, true} {
		f, err := os.Open(pay1m)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = f
		if hide {
			r = struct{ io.Reader }{f}
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		d, err := Read(r, pay1mMapping)
		took := time.Since(start)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("size hidden %v: read %d rows in %v; heap in use %d MB, allocated %d MB", hide, d.Len(), took,
			ms.HeapInuse>>20, (ms.TotalAlloc-before.TotalAlloc)>>20)
		runtime.KeepAlive(d)
	}
}
