#!/usr/bin/env bash
# Gatherings benchmark against issue 12's budgets: the collective's balance
# dashboard for 10,000 members over a year under 200 ms, and a personal
# calendar feed over 10,000 gatherings under 50 ms, on SQLite and on
# PostgreSQL.
#
# bench/gatheringgen fills a database in bulk (members through bench/seed;
# 10,000 gatherings over eleven months back and one ahead, 200 of them
# weekly series of 52 dates, with invitations, answers, check-ins,
# outcomes and focus budgets through SQL in one transaction);
# bench/gatheringbench then times Service.Balance, Service.MyBalance and
# Service.Feed (a personal feed of the member invited to most, and a
# collective feed) in process, without HTTP, and prints p50/p99/min.
#
# Usage: bench/gatherings.sh [POSTGRES_URL]     (needs go)
#   With a URL, the PostgreSQL run uses a fresh schema cg_bench_gatherings
#   there (dropped and made again).
# Settings (environment): MEMBERS (10000), GATHERINGS (10000), SERIES (200),
#   RUNS (30).
# Raw output goes to bench/out/gatherings-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=${1:-}
MEMBERS=${MEMBERS:-10000}
GATHERINGS=${GATHERINGS:-10000}
SERIES=${SERIES:-200}
RUNS=${RUNS:-30}

command -v go >/dev/null || { echo "gatherings.sh: go is not installed" >&2; exit 1; }

OUT=$ROOT/bench/out/gatherings-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

log "# Gatherings benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "$MEMBERS members, $GATHERINGS gatherings ($SERIES weekly series), $RUNS runs"

echo "building into $TMP ..."
(cd "$ROOT" && go build -o "$TMP/gatheringgen" ./bench/gatheringgen && go build -o "$TMP/gatheringbench" ./bench/gatheringbench &&
	go build -o "$TMP/measureload" ./bench/measureload)

# bench_one DB NAME: fill, then time.
bench_one() {
	local db=$1 name=$2
	log ""
	log "## $name"
	echo "load average before generating: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/gatheringgen" -db "$db" -members "$MEMBERS" -gatherings "$GATHERINGS" -series "$SERIES" 2>&1 | tee -a "$OUT/summary.txt"
	echo "load average before timing: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/gatheringbench" -db "$db" -runs "$RUNS" 2>&1 | tee -a "$OUT/summary.txt"
}

bench_one "$TMP/gatherings.db" sqlite
if [[ -n $PG ]]; then
	bench_one "$("$TMP/measureload" schema -url "$PG" -name cg_bench_gatherings)" postgres
fi
log ""
log "budgets: Balance under 200 ms for 10,000 members over a year; a personal Feed under 50 ms over 10,000 gatherings"
log "load average at the end: $(loadavg)"
log "raw output: $OUT"
