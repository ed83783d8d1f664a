#!/usr/bin/env bash
# Matching benchmark against issue 6's budgets, through the real binary:
# `commonground match --format json --timings` on the instances
# bench/matchgen writes (mentors of capacity 5, scores uniform in 0..1):
#   - all_2000x400          2,000 × 400, all pairs:            solve < 0.4 s (LEMON 0.21 s)
#   - cand50_20000x4000     20,000 × 4,000, 50 candidates:      solve < 2.8 s (LEMON 1.38 s)
#   - cand50_100000x20000   100,000 × 20,000, 50 candidates:    solve < 30 s (LEMON 15.5 s)
#   - dense_2000x2000       2,000 × 2,000 one-to-one:           solve no slower than scipy's
#     linear_sum_assignment, run beside it (bench/peers/lsa_scipy.py, which
#     also checks that both totals agree to the micro-unit).
# The budgets are on the solve time after parsing (the command's
# --timings); the whole process (GNU time: read, solve, certify, write the
# JSON) and its peak memory are reported beside it. LEMON's figures are
# from ../shared/data/README.md, taken on the same machine kind.
#
# Usage: bench/match.sh   (from anywhere; needs go, GNU time, and for the
#   scipy side python3-scipy, python3-pandas, python3-numpy)
# Settings (environment): DATA (/tmp/match-data: instances made once),
#   RUNS (3: the median is reported), PEERS (1: run scipy).
# Raw output goes to bench/out/<timestamp>-match/ (git-ignored); the load
# average before each row is in the table: other work on the 2 cores moves
# every figure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${DATA:-/tmp/match-data}
RUNS=${RUNS:-3}
PEERS=${PEERS:-1}
[[ -x /usr/bin/time ]] || { echo "match.sh: GNU time (/usr/bin/time) is not installed (apt-get install time)" >&2; exit 1; }

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-match
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }

instances=(all_2000x400 cand50_20000x4000 cand50_100000x20000 dense_2000x2000)
missing=0
for name in "${instances[@]}"; do
	[[ -s $DATA/$name/scores.csv && -s $DATA/$name/capacities.csv ]] || missing=1
done
if ((missing)); then
	(cd "$ROOT" && go run ./bench/matchgen -dir "$DATA")
fi
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground)

log "# matching benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log ""
log "Median of $RUNS runs; solve is after parsing (the budget), whole is the process (read, solve, certify, write JSON)."
log ""
log "| instance | budget (solve) | solve s | read s | certify s | whole s (runs) | peak MiB | total | load |"
log "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"

fail=0
flags=() # over-budget lines, printed after the table so as not to break it
over() { flags+=("OVER BUDGET: $*"); fail=1; }
flagged() { for f in "${flags[@]}"; do log "$f"; done; flags=(); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# run NAME BUDGET: RUNS runs of `match` on DATA/NAME; sets $solve to the median solve time
run() {
	local name=$1 budget=$2
	local solves=() reads=() certs=() wholes=() peak=0 load
	load=$(uptime | sed 's/.*load average: //')
	for _ in $(seq "$RUNS"); do
		uptime >>"$OUT/load.txt"
		/usr/bin/time -f "%e %M" -o "$TMP/t" "$TMP/commonground" match --scores "$DATA/$name/scores.csv" \
			--capacities "$DATA/$name/capacities.csv" --format json --timings >"$OUT/$name.json" 2>"$TMP/timings"
		read -r secs kb <"$TMP/t"
		wholes+=("$secs")
		if ((kb > peak)); then peak=$kb; fi
		# "commonground match: read 0.123 s, solve 0.045 s, certify 0.010 s, write 0.020 s"
		read -r r s c < <(sed -E 's/.*read ([0-9.]+) s, solve ([0-9.]+) s, certify ([0-9.]+) s.*/\1 \2 \3/' "$TMP/timings")
		reads+=("$r") solves+=("$s") certs+=("$c")
	done
	solve=$(median "${solves[@]}")
	local total
	total=$(grep -o '"total_score": [-0-9.]*' "$OUT/$name.json" | cut -d' ' -f2)
	log "| $name | $budget | $solve | $(median "${reads[@]}") | $(median "${certs[@]}") | $(median "${wholes[@]}") (${wholes[*]}) | $((peak / 1024)) | $total | $load |"
	if [[ $budget != scipy ]] && awk -v m="$solve" -v b="${budget% s}" 'BEGIN{exit !(m >= b)}'; then
		over "$name solved in $solve s (budget $budget)"
	fi
}

solve=0
run all_2000x400 "0.4 s"
run cand50_20000x4000 "2.8 s"
run cand50_100000x20000 "30 s"
run dense_2000x2000 scipy
ours=$solve
if ((${#flags[@]} > 0)); then log ""; flagged; fi

if [[ $PEERS == 1 ]]; then
	log ""
	log "scipy on the same machine, same run (dense_2000x2000; --check: the totals must agree):"
	log ""
	peer_solves=()
	for _ in $(seq "$RUNS"); do
		uptime >>"$OUT/load.txt"
		load=$(uptime | sed 's/.*load average: //')
		if ! /usr/bin/time -f "%e %M" -o "$TMP/t" /usr/bin/python3 "$ROOT/bench/peers/lsa_scipy.py" "$DATA/dense_2000x2000" \
			--check "$OUT/dense_2000x2000.json" >"$TMP/peer" 2>&1; then
			log "  scipy run failed or disagreed: $(cat "$TMP/peer")"
			fail=1
			continue
		fi
		read -r secs kb <"$TMP/t"
		log "  $(cat "$TMP/peer") (whole process $secs s, peak $((kb / 1024)) MiB, load $load)"
		peer_solves+=("$(grep -o '"solve_s": [0-9.]*' "$TMP/peer" | cut -d' ' -f2)")
	done
	if ((${#peer_solves[@]} > 0)); then
		theirs=$(median "${peer_solves[@]}")
		log ""
		log "dense_2000x2000: commonground solves in $ours s, scipy's linear_sum_assignment in $theirs s (medians)"
		if awk -v m="$ours" -v b="$theirs" 'BEGIN{exit !(m > b)}'; then
			over "dense_2000x2000 solved in $ours s, slower than scipy's $theirs s"
			flagged
		fi
	fi
fi
log ""
log "load averages during the runs: $OUT/load.txt"
exit $fail
