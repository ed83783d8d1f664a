#!/usr/bin/python3
"""Golden file for internal/stats' Mean, Median and Quantile, from numpy.

Run with Debian's python3-numpy, from anywhere:

    /usr/bin/python3 internal/stats/testdata/quantile/gen/quantile.py

It (re)writes internal/stats/testdata/quantile/golden.json: a list of cases,
each with its input x (in the order given to Median, not sorted), numpy's
mean and median of x, and numpy.quantile(x, p, method="linear") (R's type 7)
for every p in ps. Floats are written with repr, so they round-trip exactly.

The inputs cover odd and even lengths, a single value, ties (straddling the
middle and the quantile positions), negative values, large values with a
small spread (where a naive mean loses digits) and a long random case.
Randomness comes from numpy's default_rng seeded by the CRC-32 of each
case's name, so a rerun gives byte-identical output.
"""

import json
import os
import zlib

import numpy as np

PS = [0.0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.6, 2 / 3, 0.75, 0.9, 0.99, 1.0]


def rng(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def cases():
    yield "one", [42.5]
    yield "two", [3.0, 1.0]
    yield "three", [2.0, -7.0, 5.5]
    yield "four", [4.0, 1.0, 3.0, 2.0]
    yield "five ties", [7.0, 7.0, 1.0, 7.0, 2.0]
    yield "six ties in the middle", [5.0, 3.0, 3.0, 9.0, 3.0, 1.0]
    yield "all equal", [2.25] * 9
    yield "zeros and some pay", [0.0] * 7 + [1200.0, 350.0, 0.0, 80.0]
    r = rng("odd random")
    yield "odd random", list(np.round(r.normal(40000, 9000, 101), 2))
    r = rng("even random")
    yield "even random", list(np.round(r.lognormal(10, 0.5, 250), 2))
    r = rng("integers with many ties")
    yield "integers with many ties", [float(v) for v in r.integers(0, 12, 1000)]
    r = rng("large offset")
    # 1e9 + small noise: a naive sum of these loses the noise.
    yield "large offset", list(1e9 + r.normal(0, 1e-3, 2001))
    r = rng("negative and positive")
    yield "negative and positive", list(r.standard_t(3, 64))
    r = rng("long")
    yield "long", list(r.exponential(30000, 4000))


def main():
    out = []
    for name, x in cases():
        a = np.array(x, dtype=float)
        out.append({
            "name": name,
            "x": [float(v) for v in a],
            "mean": float(np.mean(a)),
            "median": float(np.median(a)),
            "ps": PS,
            "quantiles": [float(np.quantile(a, p, method="linear")) for p in PS],
        })
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(os.path.dirname(here), "golden.json")
    with open(path, "w") as f:
        f.write("{\n")
        f.write('"generator": "internal/stats/testdata/quantile/gen/quantile.py",\n')
        f.write('"numpy": %s,\n' % json.dumps(np.__version__))
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c) for c in out))
        f.write("\n]\n}\n")
    print("wrote", path, len(out), "cases")


if __name__ == "__main__":
    main()
