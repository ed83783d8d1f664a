#!/usr/bin/python3
"""Golden values of Student's t distribution for internal/stats/tdist.go.

Run with Debian's python3-scipy (1.10) and python3-mpmath, from anywhere:

    /usr/bin/python3 internal/stats/testdata/gen/tdist.py

It rewrites internal/stats/testdata/tdist/golden.json:

    tail      one row per (df, t), t >= 0:
              sf = scipy.stats.t.sf(t, df)      P(T > t) = CDF(-t); the two-sided
                                                p value is 2*sf exactly
              cdf = scipy.stats.t.cdf(t, df)    P(T <= t)
              sf_mp = the same tail from mpmath at 60 digits, rounded once to a
                      double: the second witness, and the truth where scipy's
                      own error shows (it stays within about 5e-14 here)
    quantile  one row per (df, p): ppf_mp from mpmath (the root of the 60-digit
              CDF, rounded once): the reference. ppf = scipy.stats.t.ppf(p, df)
              is kept beside it for comparison only: scipy 1.10's stdtrit is
              off by up to 1e-8 relative near the centre and by factors in the
              far tail (df = 30, p = 1e-300: -2.1e11 against -5.0e10), so it
              cannot witness a 1e-12 quantile.

Floats are written with repr, which round-trips exactly. Values of df are
the brief's grid (1, 2, 3, 5, 10, 30, 100, 1000, 1e6) with two non-integers
and some far larger (to 1e20, past any regression's residual df); t runs to
40, and far beyond for df <= 2, whose tails are heavy enough to stay
representable.
"""
import json
import math
import os

import mpmath as mp
import scipy
import scipy.stats as st

mp.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tdist", "golden.json")

DF_TAIL = [0.5, 1, 2, 2.5, 3, 5, 10, 30, 100, 1000, 1e6, 1e9, 1e15, 1e20]
T = [0, 1e-10, 1e-3, 0.1, 0.5, 1, 1.5, 1.96, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 35, 37, 40]
T_HEAVY = [1e3, 1e6, 1e10, 1e50, 1e100, 1e140, 1e150, 1e200, 1e300]
DF_Q = [0.5, 1, 2, 2.5, 3, 5, 10, 30, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e9, 1e15]
P = [1e-300, 1e-250, 1e-200, 1e-150, 1e-100, 1e-50, 1e-20, 1e-10, 1e-6, 1e-4, 1e-3, 0.005, 0.01,
     0.025, 0.05, 0.1, 0.25, 0.4, 0.49, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999,
     1 - 1e-6, 1 - 1e-10]


def mp_sf(t, df):
    """P(T > t) for t >= 0 as an mpf: half of I_x(df/2, 1/2), x = df/(df+t^2)."""
    t, df = mp.mpf(t), mp.mpf(df)
    if t == 0:
        return mp.mpf(1) / 2
    x = df / (df + t * t)
    return mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2


def mp_cdf_lower(t, df):
    """P(T <= t) for t <= 0."""
    return mp_sf(-t, df)


def mp_ppf(p, df):
    """The p quantile: the root of the 60-digit CDF, found in log|t| for the lower half."""
    if p == 0.5:
        return 0.0
    if p > 0.5:
        return -mp_ppf(float(mp.mpf(1) - mp.mpf(p)), df)
    lp = mp.log(mp.mpf(p))
    g = float(st.t.ppf(p, df))
    u0 = mp.log(-mp.mpf(g)) if g < 0 else mp.mpf(0)
    f = lambda u: mp.log(mp_cdf_lower(-mp.exp(u), df)) - lp
    u = mp.findroot(f, u0, tol=mp.mpf(10) ** -50)
    assert abs(f(u)) < mp.mpf(10) ** -40, (p, df)  # converged, far beyond double precision
    return float(-mp.exp(u))


def main():
    tail = []
    for df in DF_TAIL:
        ts = T + (T_HEAVY if df <= 2 else [])
        for t in ts:
            sf = float(st.t.sf(t, df))
            m = mp_sf(t, df)
            if m < mp.mpf("1e-320"):
                continue  # below the smallest subnormal: nothing to compare
            tail.append({"df": df, "t": t, "sf": sf, "cdf": float(st.t.cdf(t, df)), "sf_mp": float(m)})
    quantile = []
    for df in DF_Q:
        for p in P:
            sp = float(st.t.ppf(p, df))
            q = mp_ppf(p, df)
            if math.isinf(q):
                continue  # beyond the largest double (df = 0.5, p <= 1e-200)
            quantile.append({"df": df, "p": p, "ppf": sp if math.isfinite(sp) else None, "ppf_mp": q})
    doc = {
        "source": "scipy %s scipy.stats.t (sf, cdf, ppf); mpmath %s at %d digits as a second witness"
                  % (scipy.__version__, mp.__version__, mp.mp.dps),
        "script": "internal/stats/testdata/gen/tdist.py",
        "tail": tail,
        "quantile": quantile,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=0)
        f.write("\n")
    # How far scipy is from mpmath, where scipy gives a number at all.
    worst_sf = max(abs(r["sf"] - r["sf_mp"]) / r["sf_mp"] for r in tail if r["sf_mp"] > 1e-290 and r["sf"] > 0)
    worst_q = max(abs(r["ppf"] - r["ppf_mp"]) / abs(r["ppf_mp"])
                  for r in quantile if r["ppf_mp"] != 0 and r["ppf"] is not None)
    print("%s: %d tail rows, %d quantile rows; scipy against mpmath, worst relative: sf %.2g, ppf %.2g"
          % (os.path.relpath(OUT), len(tail), len(quantile), worst_sf, worst_q))


if __name__ == "__main__":
    main()
