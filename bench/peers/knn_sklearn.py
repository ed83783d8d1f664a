#!/usr/bin/python3
"""scikit-learn's exact k-nearest neighbours on people's value vectors, for
the side-by-side with graph.KNN (issue 9's suggested groupings: each
person's 20 nearest by cosine similarity of rank-weighted values).

Usage: knn_sklearn.py DB [--slug bench] [--out SAMPLE.json] [--every 100]
                      [--jobs 2] [--limit N]
  DB is a SQLite file filled by bench/peoplegen. Every member of the
  collective with at least one value is a row (ordered by member id),
  every value term a column, the weight of rank r is 11 - r: the vectors
  the groupings worker builds (it leaves out the ~2% who keep their
  values to themselves; this reads everyone, as bench/knnpeer does).
  --limit keeps the first N people (for a quick try).

NearestNeighbors(n_neighbors=21, metric='cosine', algorithm='brute',
n_jobs=2) is fitted on the CSR matrix and asked for every row's 21 nearest
(the row itself among them), which is exact. fit + kneighbors is timed
alone (knn_s); load_s is reading the rows and building the matrix.

Writes SAMPLE.json (default /tmp/knn-sklearn.json): for every --every'th
person by member id (1,000 of 100,000), their exact 20 nearest others as
member ids and cosine similarities, best first; bench/knnpeer scores
graph.KNN's recall against it. Prints one JSON line: the times, whole_s
(since the process started, from /proc), and peak_rss_mib (getrusage
ru_maxrss: the process's peak resident memory).
"""
import argparse
import json
import os
import resource
import sqlite3
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402

K = 20


def process_age():
    """Seconds since this process started (Linux /proc; clock ticks)."""
    try:
        with open("/proc/self/stat") as f:
            start = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            up = float(f.read().split()[0])
        return up - start / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def load(db, slug, limit):
    """The CSR matrix of rank weights (rows in member id order) and the member ids."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("""SELECT v.member_id, v.term_id, v.rank FROM person_values v
        JOIN members m ON m.id = v.member_id JOIN collectives c ON c.id = m.collective_id
        WHERE c.slug = ? AND v.collective_id = c.id ORDER BY v.member_id, v.term_id""", (slug,)).fetchall()
    con.close()
    a = np.array(rows, dtype=np.int64).reshape(-1, 3)
    ids, row = np.unique(a[:, 0], return_inverse=True)
    terms, col = np.unique(a[:, 1], return_inverse=True)
    x = sp.csr_matrix(((11 - a[:, 2]).astype(np.float64), (row, col)), shape=(len(ids), len(terms)))
    if limit:
        x, ids = x[:limit], ids[:limit]
    return x, ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--slug", default="bench")
    ap.add_argument("--out", default="/tmp/knn-sklearn.json")
    ap.add_argument("--every", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    t1 = time.perf_counter()
    x, ids = load(args.db, args.slug, args.limit)
    t2 = time.perf_counter()
    nn = NearestNeighbors(n_neighbors=K + 1, metric="cosine", algorithm="brute", n_jobs=args.jobs)
    nn.fit(x)
    dist, ind = nn.kneighbors(x)
    t3 = time.perf_counter()

    sample = []
    for q in range(0, len(ids), args.every):
        # Drop the person themselves; with more than 21 identical vectors
        # they may be missing, so keep the first 20 others either way.
        keep = [(int(ids[j]), float(1 - d)) for j, d in zip(ind[q], dist[q]) if j != q][:K]
        sample.append({"member": int(ids[q]), "neighbours": [m for m, _ in keep], "sims": [s for _, s in keep]})
    with open(args.out, "w") as f:
        json.dump({"tool": "scikit-learn " + sklearn.__version__, "k": K, "people": len(ids), "sample": sample}, f)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"tool": "scikit-learn " + sklearn.__version__, "scipy": scipy.__version__,
                      "task": "NearestNeighbors(n_neighbors=21, metric='cosine', algorithm='brute', n_jobs=%d)"
                      % args.jobs, "people": len(ids), "terms": x.shape[1], "entries": int(x.nnz),
                      "import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3), "knn_s": round(t3 - t2, 3),
                      "whole_s": round(process_age(), 2), "peak_rss_mib": round(peak, 1),
                      "sample": len(sample), "out": args.out}))


if __name__ == "__main__":
    main()
