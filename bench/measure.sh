#!/usr/bin/env bash
# Shared measurement benchmark against issue 8's budgets, on an indicator
# with 1,000,000 measurements across 50 breakdown values (sites):
#   - importing the 1,000,000 rows with `commonground measure import`:
#     under 10 s on SQLite (timed on PostgreSQL too, without a budget);
#   - the indicator page (/c/bench/indicators/ID, with a session cookie) and
#     GET /api/v1/collectives/bench/indicators/ID/forecast (bearer token)
#     over HTTP: p99 under 100 ms on SQLite and on PostgreSQL.
# The import is the whole command as a person runs it: opening the
# database, reading and checking every line, writing and the rollups.
# Latency is measured by bench/measureload (Go; wrk is not needed) from
# CONNS connections, each sending its next request when its answer came;
# before serving, measureload inproc times the service's Overview (what
# both read) without HTTP from 1, 2 and 4 goroutines.
#
# Usage: bench/measure.sh [POSTGRES_URL]     (needs go, curl)
#   With a URL, the PostgreSQL run uses a fresh schema cg_bench_measure
#   there (dropped and made again).
# Settings (environment): PORT (18951), DURATION (20s), CONNS ("1 4"),
#   ROWS (1000000).
# Raw output goes to bench/out/measure-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=${1:-}
PORT=${PORT:-18951}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-1 4}
ROWS=${ROWS:-1000000}
BASE=http://127.0.0.1:$PORT
EMAIL=bench@example.org
PASSWORD=bench-password-123

for tool in go curl; do
	command -v "$tool" >/dev/null || { echo "measure.sh: $tool is not installed" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null; then
	echo "measure.sh: something already answers on 127.0.0.1:$PORT; set PORT" >&2
	exit 1
fi

OUT=$ROOT/bench/out/measure-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
TMP=$(mktemp -d)
SERVER_PID=
stop_server() {
	if [[ -n $SERVER_PID ]]; then
		kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
}
cleanup() {
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

log "# Shared measurement benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "$ROWS measurements across 50 sites; latency: measureload, $DURATION per run, connections: $CONNS"

echo "building into $TMP ..."
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground && go build -o "$TMP/measureload" ./bench/measureload)
"$TMP/measureload" csv -rows "$ROWS" -out "$TMP/big.csv"
log "file: $(wc -l <"$TMP/big.csv") lines, $(($(wc -c <"$TMP/big.csv") / 1000000)) MB"

# bench_one DB NAME: set up, import, serve, load.
bench_one() {
	local db=$1 name=$2
	log ""
	log "## $name"
	local ind
	ind=$("$TMP/measureload" setup -db "$db")
	echo "load average before the import: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	local t0 t1
	t0=$(date +%s.%N)
	"$TMP/commonground" measure import --db "$db" --collective bench --as "$EMAIL" "$TMP/big.csv" >"$OUT/import-$name.txt" 2>&1
	t1=$(date +%s.%N)
	local secs
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	local written
	written=$(awk '/written/ {print $2}' "$OUT/import-$name.txt")
	[[ $written == "$ROWS" ]] || { echo "measure.sh: the import wrote $written rows; see $OUT/import-$name.txt" >&2; exit 1; }
	if [[ $name == sqlite ]]; then
		log "import: $written rows in $secs s ($(awk -v s="$secs" 'BEGIN { print (s < 10 ? "within budget, < 10 s" : "MISSES budget, < 10 s") }'))"
	else
		log "import: $written rows in $secs s (no budget on PostgreSQL)"
	fi

	# The service alone, from 1, 2 and 4 goroutines: what HTTP and the
	# machine add shows against these.
	"$TMP/measureload" inproc -db "$db" | tee -a "$OUT/summary.txt"

	"$TMP/commonground" serve --db "$db" --addr "127.0.0.1:$PORT" >>"$OUT/serve-$name.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 3000); do
		curl -sf -o /dev/null --max-time 1 "$BASE/healthz" && break
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "measure.sh: the server exited; see $OUT/serve-$name.log" >&2; exit 1; }
		sleep 0.01
	done
	local token cookie
	token=$("$TMP/commonground" token create --db "$db" --user "$EMAIL" --scope read 2>>"$OUT/token.err" | tail -n1)
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$TMP/jar" \
		--data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/signin")
	[[ $code == 303 ]] || { echo "measure.sh: POST /signin answered $code" >&2; exit 1; }
	cookie="Cookie: cg_session=$(awk '$6 == "cg_session" {print $7}' "$TMP/jar")"

	local forecast=/api/v1/collectives/bench/indicators/$ind/forecast page=/c/bench/indicators/$ind
	curl -s -H "Authorization: Bearer $token" "$BASE$forecast" >"$OUT/forecast-$name.json"
	log "forecast: $(head -c 200 "$OUT/forecast-$name.json")"
	code=$(curl -s -o "$OUT/page-$name.html" -w '%{http_code}' -H "$cookie" "$BASE$page")
	local have_page=1
	if [[ $code != 200 ]]; then
		have_page=
		log "page: GET $page answered $code: NOT MEASURED (the indicator page is not served by this build)"
	fi
	for c in $CONNS; do
		echo "load average before $name forecast, $c connections: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
		log "$("$TMP/measureload" load -label "$name forecast" -url "$BASE$forecast" -header "Authorization: Bearer $token" -conns "$c" -duration "$DURATION")"
		if [[ -n $have_page ]]; then
			echo "load average before $name page, $c connections: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
			log "$("$TMP/measureload" load -label "$name page" -url "$BASE$page" -header "$cookie" -conns "$c" -duration "$DURATION")"
		fi
	done
	stop_server
}

bench_one "$TMP/measure.db" sqlite
if [[ -n $PG ]]; then
	bench_one "$("$TMP/measureload" schema -url "$PG")" postgres
fi
log ""
log "budget: p99 < 100 ms for the page and the forecast on both databases; import < 10 s on SQLite"
log "load average at the end: $(loadavg)"
log "raw output: $OUT"
