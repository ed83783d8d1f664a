#!/usr/bin/python3
"""scipy's linear_sum_assignment on a matching instance, for the side-by-side
with `commonground match` (issue 6's budget: the dense 2,000 x 2,000
one-to-one instance no slower than scipy).

Usage: lsa_scipy.py [DIR] [--check RESULT.json]
  DIR holds scores.csv (mentee,mentor,score) and capacities.csv
  (mentor,capacity), as `go run ./bench/matchgen` writes them; default
  /tmp/match-data/dense_2000x2000. RESULT.json is `commonground match
  --format json` output on the same files: its total_score must equal
  scipy's optimum to the micro-unit, else the run fails.

The matrix is the capacity-expanded one (a column per mentor seat, each
mentor repeated capacity times) of scores in micro-units, maximised. When
every pair is listed and no score is negative, matching everyone a seat
allows is optimal and that is the whole matrix, as on dense_2000x2000 (a
plain 2,000 x 2,000 square). Otherwise one "unmatched" column per mentee
scoring 0 is added and unlisted pairs get a penalty no optimum pays, so
the answer is the same problem commonground solves. Fixed and forbidden
pairs are not read.

Prints one JSON line: import_s (numpy, scipy, pandas), load_s (read the
CSVs and build the matrix), solve_s (linear_sum_assignment alone), whole_s
(since the process started, from /proc, so the interpreter's start-up is
in it), the total in micro-units and the number matched. Run it under
/usr/bin/time for the peak memory, and note `uptime` beside the figures.
"""
import json
import os
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

PENALTY = 1e15  # an unlisted pair costs more than any total can gain (< 10^12 micro-units); exact in float64


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


def main():
    args = sys.argv[1:]
    check = None
    if "--check" in args:
        k = args.index("--check")
        check = args[k + 1]
        del args[k:k + 2]
    d = args[0] if args else "/tmp/match-data/dense_2000x2000"

    t1 = time.perf_counter()
    caps = pd.read_csv(os.path.join(d, "capacities.csv"), dtype={"mentor": str, "capacity": "int64"})
    df = pd.read_csv(os.path.join(d, "scores.csv"), dtype={"mentee": str, "mentor": str, "score": "float64"})
    # Scores have at most 6 decimals and |score| < 10^9, so float64 rounds back to the exact micro-unit.
    micro = np.rint(df.score.to_numpy() * 1e6)
    rows, mentees = pd.factorize(df.mentee)
    mentor_index = pd.Index(caps.mentor)
    cols = mentor_index.get_indexer(df.mentor)
    if (cols < 0).any():
        sys.exit("lsa_scipy.py: scores.csv names a mentor not in capacities.csv")
    cap = caps.capacity.to_numpy()
    first = np.concatenate(([0], np.cumsum(cap)))  # mentor j's seats are columns first[j]..first[j+1]-1
    n, seats = len(mentees), int(first[-1])
    complete = len(df) == n * len(cap) and (micro >= 0).all()
    width = seats if complete else seats + n
    w = np.full((n, width), -PENALTY)
    for s in range(cap.max()):  # seat s of every mentor with more than s seats
        keep = cap[cols] > s
        w[rows[keep], first[cols[keep]] + s] = micro[keep]
    if not complete:
        w[np.arange(n), seats + np.arange(n)] = 0
    t2 = time.perf_counter()
    r, c = linear_sum_assignment(w, maximize=True)
    t3 = time.perf_counter()

    real = c < seats
    if (w[r, c] <= -PENALTY).any():
        sys.exit("lsa_scipy.py: the optimum took an unlisted pair")
    total = int(round(w[r[real], c[real]].sum()))
    out = {"tool": "scipy " + scipy.__version__, "task": "linear_sum_assignment", "instance": os.path.basename(
        os.path.normpath(d)), "mentees": n, "mentors": len(cap), "seats": seats, "pairs": len(df),
        "matrix": [n, width], "import_s": round(t1 - t0, 3), "load_s": round(t2 - t1, 3),
        "solve_s": round(t3 - t2, 3), "whole_s": round(process_age(), 2), "total_micro": total,
        "matched": int(real.sum())}
    if check:
        with open(check) as f:
            theirs = json.load(f)
        got = int(round(float(theirs["total_score"]) * 1e6))
        out["commonground_total_micro"] = got
        if got != total:
            print(json.dumps(out))
            sys.exit("lsa_scipy.py: commonground's total %d differs from scipy's %d" % (got, total))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
