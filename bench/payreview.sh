#!/usr/bin/env bash
# Pay review benchmark against issue 7's budget, side by side with the tools
# an analyst would otherwise run, in one run on the same machine:
#   - pay1m.csv (1,000,000 employees; ../shared/bench/gen_pay.py, fixed seed),
#     the whole `commonground payreview` process (read, statutory figures,
#     regression of log pay on gender + job + location + level + tenure +
#     perf, 62 coefficients, with HC1, outliers, remediation) under 3 s and
#     under 1 GB (10^9 bytes) peak resident memory;
#   - its adjusted coefficient, standard error and HC1 standard error equal
#     to the peers' -0.0303809680, 0.0002415539 and 0.0002415524 to the ten
#     decimals shown;
#   - the peers, statsmodels (../shared/bench/sm_ols.py) and R's lm with
#     sandwich (../shared/bench/r_lm.R), timed the same way on the same file
#     (statsmodels 16.2 s and 2.2 GB, R 17.5 s and 2.9 GB when measured for
#     the issue), each checked against the same three figures.
# The peers fit the regression alone; commonground's run does the whole
# review, so the comparison flatters the peers.
#
# Usage: bench/payreview.sh   (from anywhere; needs go, GNU time, and jq or
#   /usr/bin/python3 to read JSON; for the peers python3-statsmodels,
#   python3-pandas, r-base-core and r-cran-sandwich)
# Settings (environment): DATA (/tmp/peers-data: where pay1m.csv is made
#   once), RUNS (3: the median is reported), PEERS (1: run the peers; 0
#   skips them), PEER_RUNS (RUNS: runs of each peer, ~17 s and ~3 GB each),
#   CG (1: run commonground; 0 runs the peers alone).
# Raw output goes to bench/out/<timestamp>-payreview/ (git-ignored): the
# JSON reports, the peers' own output, and the load average before each
# run (other work on the 2 cores moves every figure).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || true)
DATA=${DATA:-/tmp/peers-data}
RUNS=${RUNS:-3}
PEERS=${PEERS:-1}
PEER_RUNS=${PEER_RUNS:-$RUNS}
CG=${CG:-1}
[[ -x /usr/bin/time ]] || { echo "payreview.sh: GNU time (/usr/bin/time) is not installed (apt-get install time)" >&2; exit 1; }

# The figures every tool must reproduce, as the issue states them (ten decimals).
WANT_COEF=-0.0303809680
WANT_SE=0.0002415539
WANT_HC1=0.0002415524
BUDGET_S=3
BUDGET_BYTES=1000000000

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-payreview
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
load() { uptime | sed 's/.*load average: //'; }

# field FILE EXPR: one value from a JSON file (EXPR a jq path such as
# .adjusted.coefficient), with python3 where jq is missing.
field() {
	if command -v jq >/dev/null; then
		jq -r "$2 // empty" "$1"
	else
		/usr/bin/python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].lstrip(".").split("."):
    v = v.get(k) if isinstance(v, dict) else None
print("" if v is None else repr(v) if isinstance(v, float) else v)' "$1" "$2"
	fi
}

# ten X: X to ten decimals, as the issue quotes the figures.
ten() { [[ -n $1 ]] && LC_ALL=C printf '%.10f' "$1" || echo "?"; }

fail=0
flags=() # OVER BUDGET and mismatch lines, printed after the table so as not to break it
over() { flags+=("OVER BUDGET: $*"); fail=1; }
wrong() { flags+=("WRONG: $*"); fail=1; }
flagged() { for f in "${flags[@]}"; do log "$f"; done; flags=(); }

# check WHO COEF SE HC1: the three figures against the issue's.
check() {
	local who=$1 c s h
	c=$(ten "$2") s=$(ten "$3") h=$(ten "$4")
	[[ $c == "$WANT_COEF" ]] || wrong "$who coefficient $c, want $WANT_COEF"
	[[ $s == "$WANT_SE" ]] || wrong "$who standard error $s, want $WANT_SE"
	[[ $h == "$WANT_HC1" ]] || wrong "$who HC1 standard error $h, want $WANT_HC1"
}

if [[ ! -s $DATA/pay1m.csv ]]; then
	[[ -n $SHARED ]] || { echo "payreview.sh: ../shared/bench not found; put pay1m.csv in DATA=$DATA" >&2; exit 1; }
	/usr/bin/python3 "$SHARED/gen_pay.py" "$DATA/pay1m.csv"
fi

log "# pay review benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "data: $DATA/pay1m.csv, $(($(wc -l <"$DATA/pay1m.csv") - 1)) employees, $(du -m "$DATA/pay1m.csv" | cut -f1) MB"
log ""
log "Whole process under GNU time, median of the runs; budget ${BUDGET_S} s and 1 GB for commonground."
log ""
log "| tool | what runs | whole s (runs) | peak MiB | coefficient | SE | HC1 SE | R² | load |"
log "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"

if [[ $CG == 1 ]]; then
	(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground)
	args=(payreview --input "$DATA/pay1m.csv" --map bonus=variable_pay --controls job,location,level,tenure,perf
		--categorical job,location,level --format json)
	times=() peak=0 ld=$(load) ok=1
	for i in $(seq "$RUNS"); do
		uptime >>"$OUT/load.txt"
		if ! /usr/bin/time -f "%e %M" -o "$TMP/t" "$TMP/commonground" "${args[@]}" >"$OUT/commonground.json" 2>"$OUT/commonground.stderr"; then
			log "commonground ${args[*]} failed (run $i): $(tail -n 3 "$OUT/commonground.stderr")"
			fail=1 ok=0
			break
		fi
		read -r secs kb < <(tail -n 1 "$TMP/t")
		times+=("$secs")
		if ((kb > peak)); then peak=$kb; fi
	done
	if ((ok)); then
		j=$OUT/commonground.json
		c=$(field "$j" .adjusted.coefficient) s=$(field "$j" .adjusted.std_error) h=$(field "$j" .adjusted.robust_std_error)
		r2=$(field "$j" .adjusted.r_squared)
		wall=$(median "${times[@]}")
		log "| commonground | whole review | $wall (${times[*]}) | $((peak / 1024)) | $(ten "$c") | $(ten "$s") | $(ten "$h") | $(LC_ALL=C printf '%.6f' "${r2:-0}") | $ld |"
		check commonground "$c" "$s" "$h"
		if awk -v m="$wall" -v b="$BUDGET_S" 'BEGIN{exit !(m >= b)}'; then over "commonground payreview took $wall s (budget $BUDGET_S s)"; fi
		if ((peak * 1024 >= BUDGET_BYTES)); then over "commonground payreview peaked at $((peak / 1024)) MiB (budget 1 GB)"; fi
	fi
fi

# peer NAME LABEL CMD...: PEER_RUNS runs of a peer script that prints one
# JSON line (../shared/bench's sm_ols.py and r_lm.R); its own phase timings
# go to the details below the table.
details=()
peer() {
	local name=$1 label=$2; shift 2
	local times=() peak=0 ld secs kb
	ld=$(load)
	for i in $(seq "$PEER_RUNS"); do
		uptime >>"$OUT/load.txt"
		if ! /usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >"$OUT/$name.json" 2>"$OUT/$name.stderr"; then
			log "| $label | failed: $(tail -n 2 "$OUT/$name.stderr" | tr '\n' ' ') | | | | | | | $ld |"
			fail=1
			return
		fi
		read -r secs kb < <(tail -n 1 "$TMP/t")
		times+=("$secs")
		if ((kb > peak)); then peak=$kb; fi
		details+=("$label run $i: $(cat "$OUT/$name.json") (whole $secs s, peak $((kb / 1024)) MiB)")
	done
	local j=$OUT/$name.json c s h r2
	c=$(field "$j" .female_coef) s=$(field "$j" .female_se) h=$(field "$j" .female_se_hc1) r2=$(field "$j" .r2)
	log "| $label | read + fit + HC1 | $(median "${times[@]}") (${times[*]}) | $((peak / 1024)) | $(ten "$c") | $(ten "$s") | $(ten "$h") | $r2 | $ld |"
	check "$label" "$c" "$s" "$h"
}

if [[ $PEERS == 1 ]]; then
	[[ -n $SHARED ]] || { log "../shared/bench not found: no peers"; exit 1; }
	peer statsmodels "$(/usr/bin/python3 -c 'import statsmodels; print("statsmodels " + statsmodels.__version__)' 2>/dev/null || echo statsmodels)" \
		/usr/bin/python3 "$SHARED/sm_ols.py" "$DATA/pay1m.csv"
	peer r "$(/usr/bin/Rscript -e 'cat("R", paste(R.version$major, R.version$minor, sep = "."), "+ sandwich")' 2>/dev/null || echo R)" \
		/usr/bin/Rscript "$SHARED/r_lm.R" "$DATA/pay1m.csv"
fi

if ((${#flags[@]} > 0)); then
	log ""
	flagged
fi
if ((${#details[@]} > 0)); then
	log ""
	log "Peers' own phase timings (seconds; import is loading the libraries):"
	for d in "${details[@]}"; do log "  $d"; done
fi
log ""
log "load averages during the runs: $OUT/load.txt"
exit $fail
