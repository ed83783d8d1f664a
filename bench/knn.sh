#!/usr/bin/env bash
# graph.KNN beside scikit-learn, on the suggested groupings' vectors (issue
# 9: each person's 20 nearest by cosine similarity of rank-weighted
# values, weight 11 − rank):
#   - scikit-learn: NearestNeighbors(n_neighbors=21, metric='cosine',
#     algorithm='brute', n_jobs=2) on a CSR matrix, exact
#     (bench/peers/knn_sklearn.py); it writes the exact 20 nearest of every
#     100th person by member id;
#   - graph.KNN with the groupings worker's settings (K = 20, GOMAXPROCS
#     workers, a fixed seed), its recall against that sample, then
#     graph.ExactKNN on the whole set unless it takes over 3 minutes
#     (bench/knnpeer).
# Times are of the neighbour search alone (fit + kneighbors; KNN), not of
# reading the database; peak memory is each process's peak RSS
# (getrusage), reading included.
#
# Usage: bench/knn.sh [DB]   (from anywhere; needs go and /usr/bin/python3
#   with python3-sklearn)
#   DB is a SQLite file filled by bench/peoplegen (collective 'bench');
#   without it one of MEMBERS people is made in a temporary folder.
# Settings (environment): MEMBERS (100000), SEED (1).
# Output is also kept in bench/out/<timestamp>-knn/ (git-ignored). Other
# work on the 2 cores moves every figure: the load average is printed
# before each side.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MEMBERS=${MEMBERS:-100000}
SEED=${SEED:-1}
DB=${1:-}
OUT=$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)-knn
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log() { echo "$*" | tee -a "$OUT/summary.txt"; }
load() { log "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

(cd "$ROOT" && go build -o "$TMP/knnpeer" ./bench/knnpeer)
if [[ -z $DB ]]; then
	DB=$TMP/people.db
	(cd "$ROOT" && go run ./bench/peoplegen -db "$DB" -n "$MEMBERS")
fi

log "# KNN side-by-side, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
log "host: $(hostname), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2 " GiB"}'), $(uname -sr)"
log "tools: $(go version | cut -d' ' -f3-), $(/usr/bin/python3 --version), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
log "database: $DB"
log ""
log "## scikit-learn (exact)"
load
/usr/bin/python3 "$ROOT/bench/peers/knn_sklearn.py" "$DB" --out "$OUT/sklearn-sample.json" | tee -a "$OUT/summary.txt"
log ""
log "## graph.KNN (and graph.ExactKNN)"
load
"$TMP/knnpeer" -db "$DB" -sample "$OUT/sklearn-sample.json" -seed "$SEED" | tee -a "$OUT/summary.txt"
log ""
load
