#!/usr/bin/env bash
# Tally benchmark against issue 4's budgets: 1,000,000 ranked ballots over
# 20 candidates, each a random full ranking (so nearly every line is a
# distinct ballot and merging saves nothing), tallied by the real binary,
# whole process including reading and parsing the file:
#   - schulze and irv each < 2 s; stv (Meek, 5 seats) < 5 s;
#   - peak memory (max resident set) < 500 MB.
# WIGM and Borda run too, for the record.
#
# Usage: bench/tally.sh           (from anywhere; needs go and GNU time)
# Settings (environment): BALLOTS (1000000), CANDIDATES (20), SEATS (5),
#   RUNS (3: the median is reported).
# Raw output goes to bench/out/<timestamp>/ (git-ignored). The machine's
# load average is logged: other work on the 2 cores skews the figures.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BALLOTS=${BALLOTS:-1000000}
CANDIDATES=${CANDIDATES:-20}
SEATS=${SEATS:-5}
RUNS=${RUNS:-3}
[[ -x /usr/bin/time ]] || { echo "tally.sh: GNU time (/usr/bin/time) is not installed (apt-get install time)" >&2; exit 1; }

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-tally
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }

log "# tally benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground && go build -o "$TMP/ballotgen" ./bench/ballotgen)
"$TMP/ballotgen" -n "$BALLOTS" -c "$CANDIDATES" >"$TMP/ballots.csv"
log "ballots: $BALLOTS random full rankings of $CANDIDATES candidates, $(du -m "$TMP/ballots.csv" | cut -f1) MB"
log ""
log "| method | budget s | median s | runs s | peak MiB | winners |"
log "| --- | --- | --- | --- | --- | --- |"

fail=0
# run NAME BUDGET_S ARGS...: RUNS timed runs of `tally ARGS`, median wall
# time and the largest peak RSS, checked against the budget and 500 MB.
run() {
	local name=$1 budget=$2; shift 2
	local times=() peak=0 winners=""
	for i in $(seq "$RUNS"); do
		uptime >>"$OUT/load.txt"
		/usr/bin/time -f "%e %M" -o "$TMP/t" "$TMP/commonground" tally --ballots "$TMP/ballots.csv" --format json "$@" >"$OUT/$name.json"
		read -r secs kb <"$TMP/t"
		times+=("$secs")
		if ((kb > peak)); then peak=$kb; fi
	done
	winners=$(tr -d ' \n' <"$OUT/$name.json" | grep -o '"winners":\[[^]]*\]' | head -1 | sed 's/"winners"://; s/"//g')
	local median mib
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
	mib=$((peak / 1024))
	log "| $name | $budget | $median | ${times[*]} | $mib | $winners |"
	if [[ $budget != - ]] && awk -v m="$median" -v b="$budget" 'BEGIN{exit !(m >= b)}'; then
		log "  OVER BUDGET: $name took $median s (budget $budget s)"; fail=1
	fi
	if ((mib >= 500)); then
		log "  OVER BUDGET: $name peaked at $mib MiB (budget 500)"; fail=1
	fi
}

run schulze 2 --method schulze
run irv 2 --method irv
run stv-meek 5 --method stv --seats "$SEATS"
run stv-wigm 5 --method stv --seats "$SEATS" --stv-rules wigm
run borda - --method borda
log ""
# An independent numpy count from the methods' definitions checks every
# Schulze, IRV and Borda figure of the runs above and gives a peer's time.
if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
	if /usr/bin/time -f "%e %M" -o "$TMP/t" /usr/bin/python3 "$ROOT/bench/peers/tally_numpy.py" "$TMP/ballots.csv" "$OUT" >"$TMP/peer" 2>&1; then
		read -r secs kb <"$TMP/t"
		log "$(cat "$TMP/peer") (whole process $secs s, peak $((kb / 1024)) MiB)"
	else
		cat "$TMP/peer" | tee -a "$OUT/summary.txt"; fail=1
	fi
else
	log "numpy peer skipped: apt-get install python3-numpy"
fi
log "load averages during the runs: $OUT/load.txt"
exit $fail
