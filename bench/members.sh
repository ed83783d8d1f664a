#!/usr/bin/env bash
# Members-page benchmark against the issue's budgets:
#   - GET /c/{collective}/members (HTML, 50 a page) on a collective of 10,000
#     members, SQLite, wrk --latency -t2 -c50 on loopback: p99 < 20 ms and
#     >= 5,000 requests/s; a bare net/http "ok" server measured in the same run
#     gives the ratio;
#   - `serve` starts in < 1 s on an empty database and stays < 60 MB resident
#     at idle.
#
# Usage: bench/members.sh            (from anywhere; needs go, curl, wrk)
# Settings (environment): PORT (18931), BARE_PORT (18932), DURATION (20s),
#   WARMUP (5s), THREADS (2), CONNS (50), MEMBERS (10000), IDLE_WAIT (5),
#   STARTS (3: startup timings per database),
#   PROFILE=1 serves the load runs with bench/profile (the same app.Open and
#   handler chain, plus pprof on PPROF_PORT, 18933) and saves a CPU profile
#   of each members-page run and its `go tool pprof -top` (startup and idle
#   memory are always measured on the real binary).
# Raw output goes to bench/out/<timestamp>/ (git-ignored). The machine's load
# average is logged before each run: other work on the 2 cores skews it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${PORT:-18931}
BARE_PORT=${BARE_PORT:-18932}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-50}
MEMBERS=${MEMBERS:-10000}
IDLE_WAIT=${IDLE_WAIT:-5}
STARTS=${STARTS:-3}
PROFILE=${PROFILE:-0}
PPROF_PORT=${PPROF_PORT:-18933}
EMAIL=bench@example.org
PASSWORD=bench-password-123
BASE=http://127.0.0.1:$PORT

for tool in go curl wrk; do
	command -v "$tool" >/dev/null || { echo "members.sh: $tool is not installed" >&2; exit 1; }
done

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

log() { echo "$*" | tee -a "$OUT/summary.txt"; }

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null; }
for p in "$PORT" "$BARE_PORT"; do
	port_free "$p" || { echo "members.sh: something already answers on 127.0.0.1:$p; set PORT/BARE_PORT" >&2; exit 1; }
done

log "# members page benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "wrk: -t$THREADS -c$CONNS -d$DURATION --latency; $MEMBERS members"

echo "building into $TMP ..."
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground \
	&& go build -o "$TMP/seedmembers" ./bench/seedmembers \
	&& go build -o "$TMP/bare" ./bench/bare \
	&& go build -o "$TMP/profile" ./bench/profile)

SERVER_PID=
STARTUP_MS=
# start_server DB LOGFILE: starts serve, waits for /healthz, sets SERVER_PID
# and STARTUP_MS (exec to the first 200 from /healthz).
start_server() {
	local db=$1 logf=$2 t0 t1
	t0=$(date +%s%N)
	if [[ ${3:-} == profile ]]; then
		"$TMP/profile" -db "$db" -addr "127.0.0.1:$PORT" -pprof "127.0.0.1:$PPROF_PORT" >>"$logf" 2>&1 &
	else
		"$TMP/commonground" serve --db "$db" --addr "127.0.0.1:$PORT" >>"$logf" 2>&1 &
	fi
	SERVER_PID=$!
	PIDS+=("$SERVER_PID")
	until curl -sf -o /dev/null --max-time 1 "$BASE/healthz"; do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "members.sh: the server exited; see $logf" >&2
			cat "$logf" >&2
			exit 1
		fi
		if (($(date +%s%N) - t0 > 30000000000)); then
			echo "members.sh: /healthz did not answer within 30 s" >&2
			exit 1
		fi
		sleep 0.005
	done
	t1=$(date +%s%N)
	STARTUP_MS=$(((t1 - t0) / 1000000))
}

stop_server() {
	kill "$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- startup and idle memory on an EMPTY database --------------------------
times=()
for i in $(seq 1 "$STARTS"); do
	start_server "$TMP/empty$i.db" "$OUT/serve-empty.log"
	times+=("$STARTUP_MS")
	if ((i == 1)); then
		sleep "$IDLE_WAIT"
		EMPTY_RSS=$(rss_kb "$SERVER_PID")
		EMPTY_HWM=$(hwm_kb "$SERVER_PID")
	fi
	stop_server
done
EMPTY_MED=$(echo "${times[*]}" | median)
log ""
log "startup, empty database (exec -> /healthz 200, includes migrating): ${times[*]} ms; median $EMPTY_MED ms (budget < 1000)"
log "idle RSS after ${IDLE_WAIT}s, empty database: $(mb "$EMPTY_RSS") MiB (VmHWM $(mb "$EMPTY_HWM") MiB) (budget < 60 MB)"

# --- seed ------------------------------------------------------------------
DB=$TMP/bench.db
"$TMP/seedmembers" -db "$DB" -n "$MEMBERS" | tee "$OUT/seed.txt"
log "database: $(du -h "$DB" | cut -f1) after seeding"

# --- startup and idle memory on the seeded database ------------------------
times=()
for i in $(seq 1 "$STARTS"); do
	start_server "$DB" "$OUT/serve.log"
	times+=("$STARTUP_MS")
	((i == STARTS)) || stop_server
done
SEEDED_MED=$(echo "${times[*]}" | median)
sleep "$IDLE_WAIT"
SEEDED_RSS=$(rss_kb "$SERVER_PID")
log "startup, seeded database: ${times[*]} ms; median $SEEDED_MED ms"
log "idle RSS after ${IDLE_WAIT}s, seeded database: $(mb "$SEEDED_RSS") MiB"
if [[ $PROFILE == 1 ]]; then
	stop_server
	start_server "$DB" "$OUT/serve.log" profile
	log "PROFILE=1: the load runs below are served by bench/profile (pprof on 127.0.0.1:$PPROF_PORT)"
fi

# --- sign in ---------------------------------------------------------------
code=$(curl -s -o "$OUT/signin-response.html" -w '%{http_code}' -c "$TMP/jar" \
	--data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/signin")
if [[ $code != 303 ]]; then
	echo "members.sh: POST /signin answered $code, not 303; see $OUT/signin-response.html" >&2
	exit 1
fi
COOKIE=$(awk '$6 == "cg_session" {print $7}' "$TMP/jar")
[[ -n $COOKIE ]] || { echo "members.sh: no cg_session cookie after sign-in" >&2; exit 1; }

PATHS=("/c/bench/members" "/c/bench/members?page=100" "/c/bench/members?q=ann")
NAMES=("page 1" "page 100" "search q=ann")
FILES=("page1" "page100" "search-ann")

# Every URL must answer 200 with a full table; a 303 to /signin would make
# the numbers meaningless.
check_pages() {
	local i code rows
	for i in "${!PATHS[@]}"; do
		code=$(curl -s -o "$OUT/${FILES[$i]}.html" -w '%{http_code}' -H "Cookie: cg_session=$COOKIE" "$BASE${PATHS[$i]}")
		rows=$(grep -c '<td><a href="/c/bench/members/' "$OUT/${FILES[$i]}.html" || true)
		if [[ $code != 200 || $rows -lt 1 ]]; then
			echo "members.sh: GET ${PATHS[$i]} answered $code with $rows member rows ($1); see $OUT/${FILES[$i]}.html" >&2
			exit 1
		fi
		echo "$1: GET ${PATHS[$i]} -> $code, $rows rows, $(wc -c <"$OUT/${FILES[$i]}.html") bytes, $(grep -o 'id="members-count"[^<]*' "$OUT/${FILES[$i]}.html" | sed 's/.*>//')"
	done
}
check_pages "before" | tee -a "$OUT/summary.txt"

# --- load ------------------------------------------------------------------
# summarise FILE LABEL: one line from wrk's output.
summarise() {
	awk -v label="$2" '
		/Requests\/sec:/ {rps = $2}
		/^ +50%/ {p50 = $2} /^ +75%/ {p75 = $2} /^ +90%/ {p90 = $2} /^ +99%/ {p99 = $2}
		/requests in/ {n = $1; read = $(NF-1)}
		/Non-2xx or 3xx/ {bad = $NF}
		/Socket errors/ {sock = $0}
		END {
			printf "%-14s %10s req/s   p50 %8s  p75 %8s  p90 %8s  p99 %8s   (%s requests, %s read", label, rps, p50, p75, p90, p99, n, read
			if (bad != "") printf ", NON-2xx/3xx: %s", bad
			if (sock != "") printf ", %s", sock
			print ")"
		}' "$1"
}

echo "warming up ($WARMUP) ..."
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -H "Cookie: cg_session=$COOKIE" "$BASE/c/bench/members" >"$OUT/wrk-warmup.txt"

secs=${DURATION%s}
PROF_SECS=$((secs > 6 ? secs - 4 : secs))
log ""
log "wrk -t$THREADS -c$CONNS -d$DURATION --latency -H 'Cookie: cg_session=...' URL"
for i in "${!PATHS[@]}"; do
	echo "load average before ${NAMES[$i]}: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
	prof_pid=
	if [[ $PROFILE == 1 ]]; then
		curl -s -o "$OUT/cpu-${FILES[$i]}.pprof" "http://127.0.0.1:$PPROF_PORT/debug/pprof/profile?seconds=$PROF_SECS" &
		prof_pid=$!
	fi
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "Cookie: cg_session=$COOKIE" "$BASE${PATHS[$i]}" >"$OUT/wrk-${FILES[$i]}.txt"
	log "$(summarise "$OUT/wrk-${FILES[$i]}.txt" "${NAMES[$i]}")"
	if [[ -n $prof_pid ]]; then
		wait "$prof_pid" || true
		(cd "$ROOT" && go tool pprof -top -nodecount=60 "$TMP/profile" "$OUT/cpu-${FILES[$i]}.pprof" >"$OUT/pprof-top-${FILES[$i]}.txt" 2>&1 &&
			go tool pprof -top -cum -nodecount=120 "$TMP/profile" "$OUT/cpu-${FILES[$i]}.pprof" >"$OUT/pprof-cum-${FILES[$i]}.txt" 2>&1) || true
	fi
done
# The middleware chain alone (session, user, logging, headers), signed in:
# the floor under every page.
echo "load average before healthz: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "Cookie: cg_session=$COOKIE" "$BASE/healthz" >"$OUT/wrk-healthz-signed-in.txt"
log "$(summarise "$OUT/wrk-healthz-signed-in.txt" "/healthz (in)")"
LOADED_RSS=$(rss_kb "$SERVER_PID")
LOADED_HWM=$(hwm_kb "$SERVER_PID")
check_pages "after" >/dev/null
stop_server

"$TMP/bare" -addr "127.0.0.1:$BARE_PORT" >"$OUT/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$BARE_PORT/"; do sleep 0.01; done
wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "http://127.0.0.1:$BARE_PORT/" >/dev/null
echo "load average before bare: $(loadavg)" | tee -a "$OUT/summary.txt" >&2
wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$BARE_PORT/" >"$OUT/wrk-bare.txt"
log "$(summarise "$OUT/wrk-bare.txt" "bare net/http")"
kill "$BARE_PID" 2>/dev/null || true

rps() { awk '/Requests\/sec:/ {print $2}' "$1"; }
p99() { awk '/^ +99%/ {print $2}' "$1"; }
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
log ""
BARE_RPS=$(rps "$OUT/wrk-bare.txt")
for i in "${!PATHS[@]}"; do
	f="$OUT/wrk-${FILES[$i]}.txt"
	r=$(rps "$f")
	p=$(to_ms "$(p99 "$f")")
	verdict=$(awk -v r="$r" -v p="$p" 'BEGIN { print ((r >= 5000 && p < 20) ? "within budget" : "MISSES budget (>= 5000 req/s, p99 < 20 ms)") }')
	log "$(printf '%-14s %5.1f%% of bare req/s; p99 %s ms: %s' "${NAMES[$i]}" "$(awk -v a="$r" -v b="$BARE_RPS" 'BEGIN {print 100 * a / b}')" "$p" "$verdict")"
done
log "RSS after load: $(mb "$LOADED_RSS") MiB (VmHWM $(mb "$LOADED_HWM") MiB)"
log ""
log "load average at the end: $(loadavg)"
log "raw output: $OUT"
