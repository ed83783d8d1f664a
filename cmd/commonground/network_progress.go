package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
)

// networkBarsFrom is the input size from which `network` shows progress:
// smaller files are read and measured before anyone would wonder.
const networkBarsFrom = 5 << 20

// networkBars shows progress on standard error: a bar for reading each
// edge list (bytes), then one for each stage of the analysis. A nil
// *networkBars shows nothing, which is what pipes, logs and tests get.
type networkBars struct {
	w     io.Writer
	sizes map[string]int64
	bar   *progressbar.ProgressBar
	stage string
	at    int64
}

// newNetworkBars returns bars when stderr is a terminal and an input file
// is large, nil otherwise.
func newNetworkBars(stderr io.Writer, files ...string) *networkBars {
	return networkBarsFor(stderr, isTerminal(stderr), files...)
}

func networkBarsFor(w io.Writer, tty bool, files ...string) *networkBars {
	if !tty {
		return nil
	}
	b := &networkBars{w: w, sizes: map[string]int64{}}
	large := false
	for _, f := range files {
		if f == "" {
			continue
		}
		size := networkFileSize(f)
		b.sizes[f] = size
		large = large || size > networkBarsFrom
	}
	if !large {
		return nil
	}
	return b
}

// networkFileSize is the size of an input, -1 when unknown (standard
// input from a pipe).
func networkFileSize(file string) int64 {
	var info os.FileInfo
	var err error
	if file == "-" {
		f, ok := stdin.(*os.File)
		if !ok {
			return -1
		}
		info, err = f.Stat()
	} else {
		info, err = os.Stat(file)
	}
	if err != nil || !info.Mode().IsRegular() {
		return -1
	}
	return info.Size()
}

// reading is graph.ParseOptions.Progress for one file.
func (b *networkBars) reading(file string) func(read int64) {
	if b == nil {
		return nil
	}
	return func(read int64) { b.show("reading "+networkFileName(file), b.sizes[file], read, true) }
}

// stages is graph.AnalyzeOptions.Progress; label names the period when
// two are measured.
func (b *networkBars) stages(label string) func(stage string, done, total int) {
	if b == nil {
		return nil
	}
	if label != "" {
		label += ": "
	}
	return func(stage string, done, total int) {
		if total <= 1 {
			total = -1 // one step with nothing to count: a spinner
		}
		b.show(label+stage, int64(total), int64(done), false)
	}
}

// show moves the bar of a stage, starting a new bar when the stage
// changes. Counts may arrive out of order from parallel searches, so the
// bar only moves forward.
func (b *networkBars) show(stage string, total, at int64, bytes bool) {
	if stage != b.stage {
		b.done()
		b.stage, b.at = stage, 0
		opts := []progressbar.Option{progressbar.OptionSetWriter(b.w), progressbar.OptionSetDescription(stage),
			progressbar.OptionShowBytes(bytes), progressbar.OptionSetWidth(30), progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish()}
		if total > 0 {
			opts = append(opts, progressbar.OptionShowCount())
		}
		b.bar = progressbar.NewOptions64(total, opts...)
		_ = b.bar.RenderBlank() // a stage that reports no steps still shows its name
	}
	if at > b.at {
		b.at = at
		_ = b.bar.Set64(at)
	}
}

// done ends the current bar, clearing its line.
func (b *networkBars) done() {
	if b == nil || b.bar == nil {
		return
	}
	_ = b.bar.Finish()
	b.bar, b.stage = nil, ""
}
