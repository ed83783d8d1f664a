#!/usr/bin/env bash
# Decisions benchmark against issue 11's budgets: closing and tallying a
# decision with 100,000 voters under 3 s (named and anonymous ballots;
# majority and Schulze with 5 options), and the power page over 10,000
# decisions under 200 ms, on SQLite and on PostgreSQL; and, with no budget
# of its own, one anonymous vote in a decision already holding 10,000 and
# 100,000 anonymous ballots (on PostgreSQL each such vote rewrites them all).
#
# bench/decisiongen fills a database in bulk (members through bench/seed,
# the decisions through the service, the ballots and power counters
# through SQL in one transaction each); bench/decisionbench then times
# Service.Close (the decision reopened between runs), Service.Vote (the new
# ballot taken out between runs) and Service.Power in process, without
# HTTP, and prints p50/p99/min of the runs.
#
# Usage: bench/decisions.sh [POSTGRES_URL]     (needs go)
#   With a URL, the PostgreSQL runs use fresh schemas cg_bench_decisions and
#   cg_bench_power there (dropped and made again).
# Settings (environment): MEMBERS (103400: about 100,000 may vote),
#   OPTIONS (5), CLOSE_RUNS (5), VOTE_RUNS (5), POWER_MEMBERS (5000),
#   DECISIONS (10000), POWER_RUNS (50).
# Raw output goes to bench/out/decisions-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=${1:-}
MEMBERS=${MEMBERS:-103400}
OPTIONS=${OPTIONS:-5}
CLOSE_RUNS=${CLOSE_RUNS:-5}
VOTE_RUNS=${VOTE_RUNS:-5}
POWER_MEMBERS=${POWER_MEMBERS:-5000}
DECISIONS=${DECISIONS:-10000}
POWER_RUNS=${POWER_RUNS:-50}

command -v go >/dev/null || { echo "decisions.sh: go is not installed" >&2; exit 1; }

OUT=$ROOT/bench/out/decisions-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

log "# Decisions benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "close: $MEMBERS members, $OPTIONS options, $CLOSE_RUNS runs; anonymous vote: $VOTE_RUNS runs; power: $POWER_MEMBERS members, $DECISIONS decisions, $POWER_RUNS runs"

echo "building into $TMP ..."
(cd "$ROOT" && go build -o "$TMP/decisiongen" ./bench/decisiongen && go build -o "$TMP/decisionbench" ./bench/decisionbench &&
	go build -o "$TMP/measureload" ./bench/measureload)

# bench_one CLOSE_DB POWER_DB NAME: fill both, then time.
bench_one() {
	local closedb=$1 powerdb=$2 name=$3
	log ""
	log "## $name"
	echo "load average before generating: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/decisiongen" -db "$closedb" -mode close -members "$MEMBERS" -options "$OPTIONS" 2>&1 | tee -a "$OUT/summary.txt"
	echo "load average before closing: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/decisionbench" -db "$closedb" -mode close -runs "$CLOSE_RUNS" 2>&1 | tee -a "$OUT/summary.txt"
	echo "load average before voting: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/decisionbench" -db "$closedb" -mode vote -runs "$VOTE_RUNS" 2>&1 | tee -a "$OUT/summary.txt"
	"$TMP/decisiongen" -db "$powerdb" -mode power -members "$POWER_MEMBERS" -decisions "$DECISIONS" 2>&1 | tee -a "$OUT/summary.txt"
	echo "load average before the power page: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/decisionbench" -db "$powerdb" -mode power -runs "$POWER_RUNS" 2>&1 | tee -a "$OUT/summary.txt"
}

bench_one "$TMP/close.db" "$TMP/power.db" sqlite
if [[ -n $PG ]]; then
	bench_one "$("$TMP/measureload" schema -url "$PG" -name cg_bench_decisions)" \
		"$("$TMP/measureload" schema -url "$PG" -name cg_bench_power)" postgres
fi
log ""
log "budgets: Close under 3 s with 100,000 voters; Power under 200 ms over 10,000 decisions"
log "load average at the end: $(loadavg)"
log "raw output: $OUT"
