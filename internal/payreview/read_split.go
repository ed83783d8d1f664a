package payreview

import (
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
)

// batchRows is how many rows the splitter hands over at a time: enough to
// make the hand-over cheap, few enough to keep both stages busy.
const batchRows = 2048

// batch is rows of cells on their way from the splitter to the checks.
type batch struct {
	cells    []string // the cells of each row, one row after another
	lines    []int    // the line each row starts on
	estimate int      // on the first batch: the rows the file likely holds, 0 if unknown
}

// splitter is the first stage of Read: it runs encoding/csv and checks the
// shape of each row, so the other stage gets rows it can take cell by
// cell. Its problems are merged in when it is done (closing full makes
// them visible to the other stage).
type splitter struct {
	cr   *csv.Reader
	p    *plan
	size int64 // bytes in the input, when it says; 0 when unknown
	full chan *batch
	free chan *batch
	errs problems
}

func (sp *splitter) run() {
	defer close(sp.full)
	n := len(sp.p.header)
	start := sp.cr.InputOffset()
	first := true
	b := sp.batch()
	for {
		rec, err := sp.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// after bad quoting the reader cannot tell where rows start
			sp.errs.add(csvProblem(err))
			break
		}
		line, _ := sp.cr.FieldPos(0)
		if !sp.check(line, rec) {
			continue
		}
		b.cells = append(b.cells, rec...)
		b.lines = append(b.lines, line)
		if len(b.lines) == batchRows {
			if first && sp.size > 0 {
				b.estimate = estimateRows(sp.size-start, sp.cr.InputOffset()-start, batchRows, n)
			}
			first = false
			sp.full <- b
			b = sp.batch()
		}
	}
	if len(b.lines) > 0 {
		sp.full <- b
	}
}

// batch is an empty batch, a used one when there is one.
func (sp *splitter) batch() *batch {
	select {
	case b := <-sp.free:
		b.cells, b.lines, b.estimate = b.cells[:0], b.lines[:0], 0
		return b
	default:
		n := len(sp.p.header)
		return &batch{cells: make([]string, 0, batchRows*n), lines: make([]int, 0, batchRows)}
	}
}

// check says whether a row has as many fields as the header. (The
// encoding is checked in the other stage, which has less to do.)
func (sp *splitter) check(line int, rec []string) bool {
	if len(rec) != len(sp.p.header) {
		sp.errs.addf(line, fmt.Sprintf("%d fields, but the header has %d columns", len(rec), len(sp.p.header)))
		return false
	}
	return true
}

// inputSize is the size of the input when the reader knows it (a file, a
// bytes or strings reader), else 0.
func inputSize(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}

// estimateRows extrapolates the rows of a file from the bytes its first
// rows took, a little over, so the columns are allocated once instead of
// growing by copies (a sixth of the time on a million rows).
func estimateRows(total, read int64, rows, cols int) int {
	if read <= 0 || total <= read {
		return 0
	}
	est := float64(total) / float64(read) * float64(rows) * 1.03
	if limit := float64(total) / float64(cols); est > limit { // a row takes a byte per column at least
		est = limit
	}
	return int(est)
}
