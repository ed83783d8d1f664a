#!/usr/bin/env bash
# Graph engine benchmark against issue 5's budgets, side by side with
# igraph in one run on the same machine (../shared/bench's peer scripts on
# ../shared/bench/gen_graphs.py's data):
#   - g100k (100,000 nodes, 1,000,000 directed weighted edges): PageRank
#     compute no slower than igraph; read + build + PageRank under 2 s for
#     the whole `commonground network` process;
#   - communities on g100k: under 5 s, modularity at least igraph's;
#   - exact betweenness on g10k (10,000 nodes, 100,000 undirected edges)
#     with both cores: compute under 12 s.
# Compute times come from the Go benchmarks (the engine alone, like the
# peers' compute_s); whole-process times from GNU time on the binary.
#
# Usage: bench/network.sh   (needs go, GNU time, python3-igraph, python3-pandas, python3-numpy)
# Settings: DATA (/tmp/peers-data: where the graphs are made once), RUNS (3), PEERS (1: run igraph)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || true)
DATA=${DATA:-/tmp/peers-data}
RUNS=${RUNS:-3}
PEERS=${PEERS:-1}
[[ -x /usr/bin/time ]] || { echo "network.sh: GNU time is not installed (apt-get install time)" >&2; exit 1; }

OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-network
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }

if [[ ! -s $DATA/g100k.csv || ! -s $DATA/g10k.csv ]]; then
	[[ -n $SHARED ]] || { echo "network.sh: ../shared/bench not found; put g100k.csv and g10k.csv in DATA=$DATA" >&2; exit 1; }
	/usr/bin/python3 "$SHARED/gen_graphs.py" "$DATA"
fi
log "# graph benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(nproc) cores, $(uname -sr), $(go version | cut -d' ' -f3-), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
(cd "$ROOT" && go build -o "$TMP/commonground" ./cmd/commonground)

fail=0
over() { log "  OVER BUDGET: $*"; fail=1; }

# whole NAME BUDGET_S ARGS...: RUNS runs of `network ARGS`, median wall time, peak RSS
whole() {
	local name=$1 budget=$2; shift 2
	local times=() peak=0 secs kb
	for _ in $(seq "$RUNS"); do
		uptime >>"$OUT/load.txt"
		/usr/bin/time -f "%e %M" -o "$TMP/t" "$TMP/commonground" network "$@" >"$OUT/$name.json"
		read -r secs kb <"$TMP/t"
		times+=("$secs")
		if ((kb > peak)); then peak=$kb; fi
	done
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
	log "| commonground network $* | ${median} s (${times[*]}) | $((peak / 1024)) MiB | $budget |"
	if [[ $budget != - ]] && awk -v m="$median" -v b="${budget% s}" 'BEGIN{exit !(m >= b)}'; then over "$name whole process $median s"; fi
}

log ""
log "Whole process (read, build, compute, write JSON), median of $RUNS:"
log ""
log "| command | time | peak | budget |"
log "| --- | --- | --- | --- |"
whole pagerank "2 s" --edges "$DATA/g100k.csv" --directed --metrics pagerank --format json
whole communities - --edges "$DATA/g100k.csv" --directed --metrics community --format json
whole betweenness - --edges "$DATA/g10k.csv" --metrics betweenness --format json

log ""
log "Engine compute alone (Go benchmarks; cf. the peers' compute_s):"
log ""
(cd "$ROOT/internal/graph" && GRAPH_DATA=$DATA go test -run '^$' -bench 'G100k|G10k' -benchtime 1x -count "$RUNS" .) \
	| tee "$OUT/go-bench.txt" | grep -E '^Benchmark' | tee -a "$OUT/summary.txt" || true

if [[ $PEERS == 1 ]]; then
	log ""
	log "igraph on the same machine, same run:"
	for s in ig_pagerank.py:g100k ig_louvain.py:g100k ig_betweenness.py:g10k; do
		script=${s%%:*} graph=${s##*:}
		/usr/bin/time -f "%e %M" -o "$TMP/t" /usr/bin/python3 "$SHARED/$script" "$DATA/$graph.csv" >"$TMP/peer" 2>&1 || true
		read -r secs kb <"$TMP/t"
		log "  $(cat "$TMP/peer") (whole process $secs s, peak $((kb / 1024)) MiB)"
	done
fi
log ""
log "load averages during the runs: $OUT/load.txt"
exit $fail
