// Command commonground runs the platform and its tools. Subcommands take
// their settings from flags, each defaulting to a COMMONGROUND_* variable.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

type command struct {
	name, args, help string
	run              func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "[flags]", "run the web server", runServe},
		{"demo", "[flags]", "serve a demo collective on its own database (./commonground-demo.db)", runDemo},
		{"migrate", "[flags]", "apply database migrations and exit", runMigrate},
		{"user", "create|passwd|admin --email E", "create an account or set its password (password read from standard input)", runUser},
		{"token", "create --user E [--scope S]", "make an API token for an account and print it", runToken},
		{"measure", "import --collective S --as E FILE", "import measurements from CSV, checked line by line, all or nothing (docs/measure.md)", runMeasure},
		{"people", "import --collective S --as E FILE", "import profiles and ranked values from CSV, all or nothing (docs/people.md)", runPeople},
		{"job", "show|wait ID", "show a background job's progress, or wait for it with a progress bar", runJob},
		{"tally", "--method M --ballots FILE [flags]", "count a vote from a ballot file and explain the result (docs/tally.md)", runTally},
		{"network", "--edges FILE [flags]", "measure a network from an edge list: centrality, communities, trust paths (docs/network.md)", runNetwork},
		{"match", "--scores F --capacities F [flags]", "match mentees to mentors within capacities, provably optimally (docs/matching.md)", runMatch},
		{"circles", "--instance F | --people F [flags]", "group people into diverse circles (docs/matching.md)", runCircles},
		{"payreview", "--input F [flags]", "review pay equity: statutory gaps, adjusted gap, outliers, remediation (docs/payreview.md)", runPayReview},
		{"backup", "FILE [flags]", "write an online copy of the SQLite database to FILE", runBackup},
		{"restore", "FILE [flags]", "replace the SQLite database with the backup in FILE (stop the server first)", runRestore},
		{"version", "", "print the version", func(_ context.Context, _ []string, out, _ io.Writer) error {
			fmt.Fprintln(out, "commonground", version)
			return nil
		}},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "commonground: a shared place for collectives that want collective impact.")
	fmt.Fprintln(w, "\nUsage: commonground COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %-34s %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "  help                                         show this help, or `help COMMAND` for a command's flags")
	fmt.Fprintln(w, "\nEvery flag defaults to an environment variable, e.g. --db to COMMONGROUND_DB.")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(ctx, args[1:], stdout, stderr); err != nil {
				if err == errHelp {
					return 0
				}
				fmt.Fprintln(stderr, "commonground "+c.name+":", err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "commonground: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}
