#!/usr/bin/python3
"""Golden file for internal/stats' Gini, from numpy.

Run with Debian's python3-numpy, from anywhere:

    /usr/bin/python3 internal/stats/testdata/gini/gen/gini.py

It (re)writes internal/stats/testdata/gini/golden.json: cases, each with its
input x (unsorted) and the Gini coefficient by the pairwise definition,
sum |x_i - x_j| over all ordered pairs / (2 n^2 mean), computed with numpy's
outer difference. That is a different route from the sorted sum Gini uses,
so agreement checks the algebra as well as the code. Randomness comes from
numpy's default_rng seeded by the CRC-32 of each case's name, so a rerun
gives byte-identical output.
"""

import json
import os
import zlib

import numpy as np


def rng(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def gini(x):
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return 0.0
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean()))


def cases():
    yield "one_holds_all", [0, 0, 0, 0, 7]
    yield "small_counts", [3, 0, 1, 4, 1, 5, 9, 2, 6]
    yield "fractions", [0.5, 2.25, 0.125, 10.0]
    yield "two_people", [1, 3]
    r = rng("poisson_members")
    yield "poisson_members", [int(v) for v in r.poisson(2.0, 60)]
    r = rng("heavy_tail")
    yield "heavy_tail", [int(v) for v in np.floor(r.pareto(1.2, 300))]
    r = rng("uniform_real")
    yield "uniform_real", [float(v) for v in r.uniform(0, 100, 101)]


def main():
    out = {"generator": "internal/stats/testdata/gini/gen/gini.py", "numpy": np.__version__, "cases": []}
    for name, x in cases():
        out["cases"].append({"name": name, "x": x, "gini": gini(x)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
