// Package browsertest runs end-to-end tests of the web pages in a headless
// Chromium, driven through github.com/chromedp/chromedp, and checks pages for
// accessibility problems with axe-core.
//
// A test starts one browser with [New] and opens an isolated browser context
// (its own cookies and storage, like a second person at another computer) for
// each user with [Browser.NewContext]. [Axe] runs axe-core on the page that a
// context shows, and [Serious] keeps the violations that must fail a test.
//
// The package reads these environment variables:
//
//   - COMMONGROUND_CHROMIUM: the path of the Chromium (or Chrome) binary. The
//     default is /usr/bin/chromium.
//   - COMMONGROUND_AXE: the path of axe-core's axe.min.js. When it is not set,
//     the package looks for .cache/npm/node_modules/axe-core/axe.min.js in the
//     working directory and in each parent directory up to the one that holds
//     go.mod. `npm install --no-save --prefix .cache/npm axe-core@4` in the
//     repository root puts it there.
//   - CI: when it is not empty, a missing browser or a missing axe-core fails
//     the test. Otherwise the test is skipped, so that `go test ./...` works
//     on a machine without them.
//
// The script .ci/run installs both and sets the variables.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// DefaultChromium is the browser binary that New uses when
	// COMMONGROUND_CHROMIUM is not set.
	DefaultChromium = "/usr/bin/chromium"

	// ContextTimeout is how long a context of Browser.NewContext lives.
	ContextTimeout = 60 * time.Second

	// startTimeout bounds the start of the browser process.
	startTimeout = 60 * time.Second

	// axeRelPath is where `npm install --prefix .cache/npm axe-core` puts
	// the script, relative to the repository root.
	axeRelPath = ".cache/npm/node_modules/axe-core/axe.min.js"
)

// Browser is one headless Chromium process that a test started with New.
// It is safe to call NewContext from parallel subtests.
type Browser struct {
	// ctx is the chromedp context of the first tab. Its Browser is set, so
	// children of it open tabs in the running browser.
	ctx context.Context
}

// inCI reports whether the tests run in continuous integration, where a
// missing tool is an error and not a reason to skip.
func inCI() bool { return os.Getenv("CI") != "" }

// skipOrFail skips the test, or fails it in CI, with the reason.
func skipOrFail(t testing.TB, reason string) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s (CI is set, so this is an error and not a skip)", reason)
	}
	t.Skip(reason)
}

// ChromiumPath returns the path of the browser binary: the value of
// COMMONGROUND_CHROMIUM, or DefaultChromium.
func ChromiumPath() string {
	if p := os.Getenv("COMMONGROUND_CHROMIUM"); p != "" {
		return p
	}
	return DefaultChromium
}

// New starts a headless Chromium for the test and stops it when the test and
// its subtests end (with t.Cleanup). The browser runs without a sandbox and a
// GPU, with a fresh temporary profile that is removed at the end.
//
// When the binary (see ChromiumPath) does not exist, New skips the test, or
// fails it when the environment variable CI is not empty. A browser that
// exists but does not start always fails the test.
func New(t testing.TB) *Browser {
	t.Helper()
	path := ChromiumPath()
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		skipOrFail(t, fmt.Sprintf("browsertest: no browser at %s (set COMMONGROUND_CHROMIUM, or apt-get install chromium)", path))
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1024),
		// No UserDataDir option: the allocator then makes a fresh
		// temporary profile directory, and removes it (after it kills
		// leftover child processes) when the browser stops.
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc() // waits for the process to end and the profile to go
	})

	// Do with no steps starts the browser and attaches to its first tab.
	// The browser lives as long as the context of this first call, so the
	// call gets ctx itself and not a child with a timeout; a timer bounds
	// the start instead.
	timer := time.AfterFunc(startTimeout, cancelBrowser)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		t.Fatalf("browsertest: %s did not start within %v: %v", path, startTimeout, err)
	}
	if err != nil {
		t.Fatalf("browsertest: starting %s: %v", path, err)
	}
	return &Browser{ctx: ctx}
}

// NewContext opens a tab in a new, isolated browser context: it shares no
// cookies, storage or cache with the other contexts, like a second person.
// Run chromedp actions on the returned context, for example
//
//	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/login"))
//
// The context expires after ContextTimeout, and it is cancelled (which closes
// the tab and disposes of the browser context) when t ends.
func (b *Browser) NewContext(t testing.TB) context.Context {
	t.Helper()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(tabCtx, ContextTimeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab() // waits until the tab is closed
	})
	// Create the browser context and the tab now, so that a failure shows
	// here and not in the first action of the test.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	return ctx
}

// Violation is one rule of axe-core that the page breaks, with the elements
// that break it.
type Violation struct {
	// ID is the rule, for example "image-alt" or "label".
	ID string `json:"id"`
	// Impact is "minor", "moderate", "serious" or "critical".
	Impact string `json:"impact"`
	// Help is a one-line description of the rule.
	Help string `json:"help"`
	// HelpURL links to the documentation of the rule at Deque.
	HelpURL string `json:"helpUrl"`
	// Nodes are the elements that break the rule.
	Nodes []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	// Target holds the CSS selectors that find the element. It has more
	// than one entry for an element in an iframe; the selectors of an
	// element in a shadow tree are joined with " >>> ".
	Target []string `json:"target"`
	// HTML is the start of the element's markup.
	HTML string `json:"html"`
	// Impact is the impact for this element.
	Impact string `json:"impact"`
	// FailureSummary says what to fix.
	FailureSummary string `json:"failureSummary"`
}

// String formats the violation on a few lines, for a test failure message:
// the rule, its impact and help, and each element with its selector, markup
// and what to fix.
func (v Violation) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s [%s]: %s", v.ID, v.Impact, v.Help)
	if v.HelpURL != "" {
		fmt.Fprintf(&sb, " (%s)", v.HelpURL)
	}
	for _, n := range v.Nodes {
		fmt.Fprintf(&sb, "\n    at %s: %s", strings.Join(n.Target, " | "), n.HTML)
		if s := strings.TrimSpace(n.FailureSummary); s != "" {
			sb.WriteString("\n      ")
			sb.WriteString(strings.ReplaceAll(s, "\n", "\n      "))
		}
	}
	return sb.String()
}

// Serious returns the violations with the impact "serious" or "critical", the
// ones that must fail a test.
func Serious(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			out = append(out, v)
		}
	}
	return out
}

// AxeAvailable returns the path of axe.min.js and whether the file exists.
// The path is the value of COMMONGROUND_AXE when that is set. Otherwise it is
// .cache/npm/node_modules/axe-core/axe.min.js in the working directory or the
// nearest parent that has it, up to the directory that holds go.mod; when no
// directory has it, the path is the one under the go.mod directory (or the
// working directory) and ok is false.
func AxeAvailable() (path string, ok bool) {
	if p := os.Getenv("COMMONGROUND_AXE"); p != "" {
		return p, isFile(p)
	}
	wd, err := os.Getwd()
	if err != nil {
		return axeRelPath, false
	}
	fallback := filepath.Join(wd, axeRelPath)
	for dir := wd; ; {
		p := filepath.Join(dir, axeRelPath)
		if isFile(p) {
			return p, true
		}
		if isFile(filepath.Join(dir, "go.mod")) {
			return p, false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return fallback, false
		}
		dir = parent
	}
}

// RequireAxe skips the test when axe-core is not available, or fails it when
// the environment variable CI is not empty. Call it before New, so that a test
// does not start a browser that it cannot use.
func RequireAxe(t testing.TB) {
	t.Helper()
	if path, ok := AxeAvailable(); !ok {
		skipOrFail(t, fmt.Sprintf("browsertest: axe-core not found at %s (set COMMONGROUND_AXE, or run `npm install --no-save --prefix .cache/npm axe-core@4` in the repository root)", path))
	}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// axeSource caches the contents of axe.min.js by path.
var axeSource struct {
	sync.Mutex
	byPath map[string]string
}

// loadAxe returns the script of axe-core.
func loadAxe() (string, error) {
	path, ok := AxeAvailable()
	if !ok {
		return "", fmt.Errorf("browsertest: axe-core not found at %s (set COMMONGROUND_AXE)", path)
	}
	axeSource.Lock()
	defer axeSource.Unlock()
	if src, ok := axeSource.byPath[path]; ok {
		return src, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("browsertest: reading axe-core: %w", err)
	}
	if axeSource.byPath == nil {
		axeSource.byPath = map[string]string{}
	}
	axeSource.byPath[path] = string(b)
	return string(b), nil
}

// axeRunScript runs axe on the whole document with the WCAG 2.x A and AA
// rules and the best practices, and returns the violations as plain data.
const axeRunScript = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
	resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : String(s)),
		html: n.html,
		impact: n.impact || "",
		failureSummary: n.failureSummary || ""
	}))
})))`

// Axe injects axe-core into the page that the chromedp context ctx shows
// (once per document) and runs it on the whole document with the rules of
// WCAG 2.0, 2.1 and 2.2 at levels A and AA and axe's best practices. It
// returns all violations; pass them to Serious to keep the ones that must fail
// a test. Wait for the page to be ready (chromedp.Navigate waits for the load
// event) before calling Axe.
//
// The script comes from the file that AxeAvailable finds. The injection goes
// through the DevTools protocol, so a Content-Security-Policy of the page does
// not block it.
func Axe(ctx context.Context) ([]Violation, error) {
	src, err := loadAxe()
	if err != nil {
		return nil, err
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`))
	if err != nil {
		return nil, fmt.Errorf("browsertest: checking for axe-core: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("browsertest: injecting axe-core: %w", err)
		}
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](axeRunScript, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("browsertest: running axe-core: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		return nil, fmt.Errorf("browsertest: decoding the result of axe-core: %w", err)
	}
	return vs, nil
}
