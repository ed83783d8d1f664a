#!/usr/bin/env bash
# People benchmark against the issue's budgets:
#   - top-10 collaborators for one person in a collective of 100,000 members:
#     under 50 ms p99, warm (1,000 random members each ask for their own);
#   - suggested groupings over 100,000 people: under 30 s as a job (the
#     worker end to end: read values, KNN k=20, graph, Louvain, save).
#
# Usage: bench/people.sh [postgres://URL-of-an-empty-database]
# Settings (environment): MEMBERS (100000), QUERIES (1000).
# SQLite always (a new file in a temporary folder); PostgreSQL too when a
# URL is given. The machine's load average is printed: other work on the
# cores skews the figures.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MEMBERS=${MEMBERS:-100000}
QUERIES=${QUERIES:-1000}
PG=${1:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "# people benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
(cd "$ROOT" && go build -o "$TMP/peoplegen" ./bench/peoplegen && go build -o "$TMP/peoplebench" ./bench/peoplebench)

run() {
	echo
	echo "## $1 ($MEMBERS members)"
	"$TMP/peoplegen" -db "$2" -n "$MEMBERS"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	"$TMP/peoplebench" -db "$2" -queries "$QUERIES"
}

run SQLite "$TMP/people.db"
if [[ -n $PG ]]; then
	run PostgreSQL "$PG"
fi
