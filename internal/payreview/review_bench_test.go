package payreview

import (
	"os"
	"testing"
)

// BenchmarkReviewPay1m times Review alone (the file read once, outside the
// loop) on ../shared/bench/gen_pay.py's 1,000,000 employees with the
// benchmark's 62-coefficient model; bench/payreview.sh times the whole
// command. Skipped when the file has not been made.
func BenchmarkReviewPay1m(b *testing.B) {
	path := os.Getenv("PAY_DATA")
	if path == "" {
		path = "/tmp/peers-data/pay1m.csv"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("%v (make it with ../shared/bench/gen_pay.py)", err)
	}
	defer f.Close()
	d, err := Read(f, Mapping{Fields: map[string]string{"variable_pay": "bonus"},
		Controls:    []string{"job", "location", "level", "tenure", "perf"},
		Categorical: map[string]bool{"job": true, "location": true, "level": true}})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Review(d, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
