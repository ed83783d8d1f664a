#!/usr/bin/env bash
# Circles benchmark against issue 6's budget, through the real binary, on
# the seven MDGPLIB instances in ../shared/data/mdgplib:
#   1. `commonground circles --instance X --seconds T` on each, T being the
#      time anticlust's TPSDP took there (at least 1 s), objective set
#      beside TPSDP's and a plain exchange search's (../shared/data/README.md);
#   2. the time to reach TPSDP's 1,000-iteration objective on
#      RanReal_n240_ss_01 (155179.89, TPSDP 7.2 s) and Geo_n480_ss_01
#      (551990.21, TPSDP 34.6 s), with --target and a limit of twice
#      TPSDP's time: the budget is less time than TPSDP took.
# Each run uses its own seed (1..RUNS); times are the command's search time
# (--timings, after reading), the whole process beside them.
#
# Usage: bench/circles.sh   (from anywhere; needs go and GNU time)
# Settings (environment): MDGPLIB (../shared/data/mdgplib), RUNS (3),
#   SECONDS_EACH (empty: TPSDP's time per instance; a number: that for all).
# Raw output goes to bench/out/<timestamp>-circles/ (git-ignored); the load
# average before each row is in the table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MDGPLIB=${MDGPLIB:-$ROOT/../shared/data/mdgplib}
RUNS=${RUNS:-3}
SECONDS_EACH=${SECONDS_EACH:-}
[[ -x /usr/bin/time ]] || { echo "circles.sh: GNU time (/usr/bin/time) is not installed (apt-get install time)" >&2; exit 1; }
[[ -d $MDGPLIB ]] || { echo "circles.sh: no MDGPLIB instances in $MDGPLIB" >&2; exit 1; }

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-circles
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground)

log "# circles benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"

# instance, TPSDP's objective and time, the exchange search's objective (../shared/data/README.md)
table="RanReal_n120_ss_01 47285.48 2.1 45994.16
RanInt_n120_ss_01 47628.00 0.1 46824
Geo_n120_ss_01 101522.40 0.1 101455.16
RanReal_n240_ss_01 155179.89 7.2 151222.41
Geo_n240_ss_01 188822.71 12.6 188755.56
RanReal_n480_ss_01 377222.08 25.0 366506.47
Geo_n480_ss_01 551990.21 34.6 551871.52"

fail=0
flags=() # over-budget lines, printed after the table so as not to break it
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
# circles FILE ARGS...: one run; sets $obj, $search (s), $whole (s)
circles() {
	local file=$1; shift
	uptime >>"$OUT/load.txt"
	/usr/bin/time -f "%e" -o "$TMP/t" "$TMP/commonground" circles --instance "$file" --format json --timings "$@" \
		>"$TMP/out.json" 2>"$TMP/timings"
	obj=$(grep -o '"objective": [-0-9.e+]*' "$TMP/out.json" | cut -d' ' -f2)
	search=$(sed -E 's/.*search ([0-9.]+) s.*/\1/' "$TMP/timings")
	whole=$(cat "$TMP/t")
}

log ""
log "## Objective in TPSDP's time (seeds 1..$RUNS; higher is better)"
log ""
log "| instance | seconds | objectives | best | TPSDP 1,000 it. | exchange ×10 | load |"
log "| --- | --- | --- | --- | --- | --- | --- |"
while read -r name tpsdp secs exchange; do
	file=$MDGPLIB/$name.txt
	[[ -s $file ]] || { log "| $name | missing | | | $tpsdp | $exchange | |"; continue; }
	limit=${SECONDS_EACH:-$(awk -v s="$secs" 'BEGIN{print (s < 1 ? 1 : s)}')}
	load=$(uptime | sed 's/.*load average: //')
	objs=()
	for seed in $(seq "$RUNS"); do
		circles "$file" --seconds "$limit" --seed "$seed"
		cp "$TMP/out.json" "$OUT/$name-seed$seed.json"
		objs+=("$(printf '%.2f' "$obj")")
	done
	best=$(printf '%s\n' "${objs[@]}" | sort -g | tail -1)
	mark=""
	if awk -v b="$best" -v t="$tpsdp" 'BEGIN{exit !(b < t)}'; then mark=" (below TPSDP)"; fi
	log "| $name | $limit | ${objs[*]} | $best$mark | $tpsdp | $exchange | $load |"
done <<<"$table"

log ""
log "## Time to reach TPSDP's objective (budget: less than TPSDP's time)"
log ""
log "| instance | target | budget s | search s per seed | reached | median search s | whole s | load |"
log "| --- | --- | --- | --- | --- | --- | --- | --- |"
for spec in "RanReal_n240_ss_01 155179.89 7.2" "Geo_n480_ss_01 551990.21 34.6"; do
	read -r name target budget <<<"$spec"
	file=$MDGPLIB/$name.txt
	[[ -s $file ]] || { log "| $name | $target | $budget | missing | | | | |"; flags+=("MISSING: $file"); fail=1; continue; }
	load=$(uptime | sed 's/.*load average: //')
	limit=$(awk -v b="$budget" 'BEGIN{print 2 * b}')
	times=() wholes=() reached=0
	for seed in $(seq "$RUNS"); do
		circles "$file" --target "$target" --seconds "$limit" --seed "$seed"
		cp "$TMP/out.json" "$OUT/$name-target-seed$seed.json"
		wholes+=("$whole")
		if awk -v o="$obj" -v t="$target" 'BEGIN{exit !(o >= t)}'; then
			times+=("$search")
			reached=$((reached + 1))
		else
			times+=("$limit+") # not reached within the limit
		fi
	done
	med=$(printf '%s\n' "${times[@]}" | tr -d + | sort -n | sed -n "$(((RUNS + 1) / 2))p")
	log "| $name | $target | $budget | ${times[*]} | $reached of $RUNS | $med | $(median "${wholes[@]}") | $load |"
	if ((reached < RUNS)) || awk -v m="$med" -v b="$budget" 'BEGIN{exit !(m >= b)}'; then
		flags+=("OVER BUDGET: $name reached $target in $reached of $RUNS runs, median search $med s (TPSDP: $budget s)")
		fail=1
	fi
done
if ((${#flags[@]} > 0)); then
	log ""
	for f in "${flags[@]}"; do log "$f"; done
fi
log ""
log "load averages during the runs: $OUT/load.txt"
exit $fail
