#!/usr/bin/env bash
# Commitments benchmark against issue 10's budget: the ledger and the board
# for a collective with 1,000,000 commitments among 10,000 members, under
# 100 ms p99, on SQLite and on PostgreSQL.
#
# bench/commitmentgen fills the bench collective in bulk through SQL (the
# counters computed exactly as the transitions add them, checked with
# -verify); bench/commitmentbench times the service without HTTP (random
# members' ledgers, the board, the distribution, a person's list); then
# the server answers GETs from bench/measureload over HTTP: the board, the
# ledger of the busiest member (most commitments made, so the most open
# ones past due to count) and of the busiest organisation, with a read
# token, from CONNS connections.
#
# Usage: bench/commitments.sh [POSTGRES_URL]     (needs go, curl)
#   With a URL, the PostgreSQL run uses a fresh schema cg_bench_commitments
#   there (dropped and made again).
# Settings (environment): PORT (18952), DURATION (20s), CONNS ("1 4"),
#   COMMITMENTS (1000000), MEMBERS (10000), CALLS (1000).
# Raw output goes to bench/out/commitments-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=${1:-}
PORT=${PORT:-18952}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-1 4}
COMMITMENTS=${COMMITMENTS:-1000000}
MEMBERS=${MEMBERS:-10000}
CALLS=${CALLS:-1000}
BASE=http://127.0.0.1:$PORT
EMAIL=bench@example.org

for tool in go curl; do
	command -v "$tool" >/dev/null || { echo "commitments.sh: $tool is not installed" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null; then
	echo "commitments.sh: something already answers on 127.0.0.1:$PORT; set PORT" >&2
	exit 1
fi

OUT=$ROOT/bench/out/commitments-$(date +%Y%m%d-%H%M%S)
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

log "# Commitments benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "$COMMITMENTS commitments among $MEMBERS members; in-process: $CALLS calls each; HTTP: measureload, $DURATION per run, connections: $CONNS"

echo "building into $TMP ..."
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground && go build -o "$TMP/commitmentgen" ./bench/commitmentgen &&
	go build -o "$TMP/commitmentbench" ./bench/commitmentbench && go build -o "$TMP/measureload" ./bench/measureload)

# bench_one DB NAME: fill, verify, time in process, serve, load.
bench_one() {
	local db=$1 name=$2
	log ""
	log "## $name"
	echo "load average before generating: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	log "$("$TMP/commitmentgen" -db "$db" -n "$COMMITMENTS" -members "$MEMBERS" 2>&1 | tail -n1)"
	log "$("$TMP/commitmentgen" -db "$db" -verify 2>&1)"
	echo "load average before in-process timing: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	"$TMP/commitmentbench" -db "$db" -calls "$CALLS" | tee -a "$OUT/summary.txt"
	local ids member org
	ids=$("$TMP/commitmentbench" -db "$db" -ids)
	member=${ids% *}
	org=${ids#* }

	"$TMP/commonground" serve --db "$db" --addr "127.0.0.1:$PORT" >>"$OUT/serve-$name.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 3000); do
		curl -sf -o /dev/null --max-time 1 "$BASE/healthz" && break
		kill -0 "$SERVER_PID" 2>/dev/null || { echo "commitments.sh: the server exited; see $OUT/serve-$name.log" >&2; exit 1; }
		sleep 0.01
	done
	local token
	token=$("$TMP/commonground" token create --db "$db" --user "$EMAIL" --scope read 2>>"$OUT/token.err" | tail -n1)
	local c=/api/v1/collectives/bench
	local board=$c/commitments/board ledger="$c/ledger?person=$member" orgledger="$c/ledger?organisation=$org"
	for u in "$board" "$ledger" "$orgledger"; do
		local code
		code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE$u")
		[[ $code == 200 ]] || { echo "commitments.sh: GET $u answered $code: $(head -c 300 "$OUT/answer.json")" >&2; exit 1; }
		log "GET $u: $(head -c 160 "$OUT/answer.json")..."
	done
	for n in $CONNS; do
		for pair in "board:$board" "member ledger:$ledger" "org ledger:$orgledger"; do
			echo "load average before $name ${pair%%:*}, $n connections: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
			log "$("$TMP/measureload" load -label "$name ${pair%%:*}" -url "$BASE${pair#*:}" -header "Authorization: Bearer $token" -conns "$n" -duration "$DURATION")"
		done
	done
	stop_server
}

bench_one "$TMP/commitments.db" sqlite
if [[ -n $PG ]]; then
	bench_one "$("$TMP/measureload" schema -url "$PG" -name cg_bench_commitments)" postgres
fi
log ""
log "budget: p99 < 100 ms for the ledger and the board on both databases"
log "load average at the end: $(loadavg)"
log "raw output: $OUT"
