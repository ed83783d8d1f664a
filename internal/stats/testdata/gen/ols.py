#!/usr/bin/python3
"""Golden files for internal/stats's OLS, from statsmodels, with R as a second witness.

Run with Debian's python3-statsmodels (0.13.5) and, for the witness, r-base-core
with r-cran-sandwich, from anywhere:

    /usr/bin/python3 internal/stats/testdata/gen/ols.py

The Glassdoor cases read ../shared/data/glassdoor-pay-sample.csv beside the
repository (or $GLASSDOOR). For every case in CASES it rewrites
internal/stats/testdata/ols/CASE.csv (the data: the outcome, then the numeric
columns, then the categorical ones, floats as shortest round-trip decimals) and
CASE.json:

    case, description, y, log_y      the outcome column, and whether the model is of its log
    numeric, categorical             the terms in model order; the group indicator
                                     (0/1) is the first numeric
    level_order                      every categorical's levels in coding order, the
                                     base first: sorted byte order (UTF-8 sorts as
                                     code points), but AgeBand in band order
    columns                          the coefficient names in design order: Intercept,
                                     the numeric columns, then "Column[Level]" for
                                     each level but the base (treatment coding)
    n, k, df_resid
    coef, se, se_hc1, t, p,          by name; p two-sided from Student's t with
    ci_low, ci_high                  df_resid, the interval 95%
    r2, adj_r2, sigma, rss
    rstudent, leverage               one per row in file order (statsmodels'
                                     OLSInfluence resid_studentized_external and
                                     hat_matrix_diag); null where the leverage is 1
                                     and the residual 0/0 (a level with one row)
    oaxaca                           statsmodels' OaxacaBlinder(...).two_fold() on the
                                     same design: group, total, explained, unexplained,
                                     and a note on the group order (OAXACA_NOTE)
    exact                            the same figures from a 60-digit fit (mpmath) of
                                     the exact inputs, rounded once: the truth
    r                                R's lm + sandwich on the same CSV: coef, se,
                                     se_hc1 by the same names, rstudent, leverage,
                                     oaxaca (computed by hand in R), version
    agreement                        the largest relative difference, per quantity, of
                                     statsmodels and of R from exact, and between them

The top-level figures are statsmodels', as the brief asks; measured against
exact, R's lm (Householder QR) is the closer of the two by one to three orders of
magnitude (statsmodels solves by a pseudo-inverse): on "scaled" statsmodels'
coefficients are off by 9e-11 relative and its rstudent by 5e-9, R's by 3e-13.
A test of a careful implementation should hold it to exact, tightly.

Floats keep full double precision (json writes repr). The script stops if
either witness strays from exact beyond 1e-9 relative (1e-6 on "scaled"), if R
parsed a different number from any cell, if statsmodels' formula coding
(patsy) disagrees with the explicit one, or if the Glassdoor cases miss a
value of ../shared/data/README.md.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import mpmath as mp
import numpy as np
import pandas as pd
import scipy
import scipy.stats
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf
from statsmodels.stats.oaxaca import OaxacaBlinder
from statsmodels.stats.outliers_influence import OLSInfluence

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "ols"))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
GLASSDOOR = os.environ.get("GLASSDOOR") or os.path.join(ROOT, "..", "shared", "data", "glassdoor-pay-sample.csv")
RSCRIPT = "/usr/bin/Rscript"
# How far statsmodels and R may stray from the 60-digit fit before the script refuses to write.
BOUNDS = {"scaled": 1e-6}
mp.mp.dps = 60

OAXACA_NOTE = (
    "statsmodels 0.13.5 OaxacaBlinder(endog, exog, bifurcate=<index of the indicator>, hasconst=True, "
    "swap=False).two_fold() (two_fold_type 'pooled': the reference coefficients are the pooled model's, "
    "indicator included, then dropped). It splits by np.unique of the indicator, so group 0 (men) comes "
    "first and gap = mean(y | 0) - mean(y | 1); its default swap=True would swap the groups whenever that "
    "gap is negative, so swap=False keeps total = men - women always. params are (unexplained, explained, "
    "gap); total = explained + unexplained, and unexplained equals minus the pooled model's indicator "
    "coefficient (each group's residuals sum to zero when the indicator and the intercept are both in the "
    "model). The group regressions may be rank-deficient (tiny, sparse_levels: statsmodels uses a "
    "pseudo-inverse there); the pooled two-fold does not depend on them, since each fits its group's mean."
)

AGE_BANDS = ["<25", "25\u201334", "35\u201344", "45\u201354", "55+"]


def age_band(age):
    """The brief's bands on whole years: <25, 25-34, 35-44, 45-54, 55+ (EN DASH)."""
    for cut, label in zip([25, 35, 45, 55], AGE_BANDS):
        if age < cut:
            return label
    return AGE_BANDS[-1]


def glassdoor(controls, job):
    raw = pd.read_csv(GLASSDOOR)
    df = pd.DataFrame({"BasePay": raw["BasePay"], "female": (raw["Gender"] == "Female").astype(int)})
    numeric, categorical = ["female"], []
    if controls:
        df["PerfEval"] = raw["PerfEval"]
        df["Seniority"] = raw["Seniority"]
        numeric += ["PerfEval", "Seniority"]
        df["AgeBand"] = raw["Age"].map(age_band)
        df["Education"] = raw["Education"]
        df["Dept"] = raw["Dept"]
        categorical += ["AgeBand", "Education", "Dept"]
    if job:
        df["JobTitle"] = raw["JobTitle"]
        categorical.append("JobTitle")
    levels = {c: (AGE_BANDS if c == "AgeBand" else sorted(df[c].unique())) for c in categorical}
    return df, numeric, categorical, levels


def case_scaled():
    rng = np.random.default_rng(20261124)
    n = 200
    female = (rng.random(n) < 0.45).astype(int)
    revenue = np.round(rng.normal(5e6, 1.5e6, n), 2)
    ratio = np.round(rng.normal(2e-3, 5e-4, n), 9)
    x1 = np.round(rng.normal(10, 2, n), 6)
    x2 = np.round(x1 + rng.normal(0, 0.0895, n), 6)
    noise = rng.normal(0, 1, n) * (0.3 + 0.4 * np.abs(x1 - 10) + 0.3 * revenue / 5e6)
    y = np.round(100 - 4 * female + 3e-6 * revenue + 2000 * ratio + 1.2 * x1 + 0.8 * x2 + noise, 6)
    df = pd.DataFrame({"outcome": y, "female": female, "revenue": revenue, "ratio": ratio, "x1": x1, "x2": x2})
    return df, ["female", "revenue", "ratio", "x1", "x2"], [], {}


def case_tiny():
    rng = np.random.default_rng(7)
    grade = ["A", "B", "C", "A", "B", "C", "A", "B"]
    female = [0, 1, 0, 1, 0, 1, 1, 0]
    years = np.round(rng.uniform(1, 20, 8), 1)
    score = rng.integers(1, 6, 8)
    pay = np.round(np.exp(10 + 0.03 * years + 0.05 * score - 0.04 * np.array(female)
                          + np.array([{"A": 0, "B": 0.1, "C": 0.25}[g] for g in grade]) + rng.normal(0, 0.05, 8)), 2)
    df = pd.DataFrame({"pay": pay, "female": female, "years": years, "score": score, "Grade": grade})
    return df, ["female", "years", "score"], ["Grade"], {"Grade": ["A", "B", "C"]}


def case_sparse_levels():
    rng = np.random.default_rng(4242)
    names = ["site-%d" % i for i in range(1, 25)] + ["Alpha", "beta", "Z\u00fcrich", "\u00c5lesund", "\u00d6rebro", "ZZ top"]
    fixed = {"\u00c5lesund": 1, "site-7": 1, "beta": 2, "site-13": 2, "\u00d6rebro": 2}
    site = [s for s, c in fixed.items() for _ in range(c)]
    rest = [s for s in names if s not in fixed]
    site += [rest[i] for i in rng.integers(0, len(rest), 300 - len(site))]
    site = list(rng.permutation(site))
    counts = pd.Series(site).value_counts()
    assert set(counts.index) == set(names) and all(counts[s] == c for s, c in fixed.items()), counts
    effect = dict(zip(names, rng.normal(0, 0.15, len(names))))
    female = (rng.random(300) < 0.5).astype(int)
    tenure = np.round(rng.gamma(2.0, 3.0, 300), 1)
    pay = np.round(np.exp(10.5 + np.array([effect[s] for s in site]) + 0.02 * tenure - 0.05 * female
                          + rng.normal(0, 0.1, 300)), 2)
    df = pd.DataFrame({"pay": pay, "female": female, "tenure": tenure, "Site": site})
    return df, ["female", "tenure"], ["Site"], {"Site": sorted(names)}


CASES = [
    ("glassdoor_plain", "BasePay", True, lambda: glassdoor(False, False),
     "../shared/data/glassdoor-pay-sample.csv: log(BasePay) ~ female"),
    ("glassdoor_controls", "BasePay", True, lambda: glassdoor(True, False),
     "the same + PerfEval, Seniority (numeric), AgeBand (<25 ... 55+ from Age, whole years, band order), "
     "Education, Dept"),
    ("glassdoor_full", "BasePay", True, lambda: glassdoor(True, True), "the same + JobTitle"),
    ("scaled", "outcome", False, case_scaled,
     "200 rows, seed 20261124: revenue ~ 1e6, ratio ~ 1e-3, x1 and x2 correlated at 0.99911 (cond(X) 1.1e10), errors whose "
     "spread grows with |x1 - 10| and revenue (heteroskedastic); outcome not logged"),
    ("tiny", "pay", True, case_tiny, "n = k + 2: 8 rows, 6 coefficients (Grade A/B/C, base A), df_resid 2"),
    ("sparse_levels", "pay", True, case_sparse_levels,
     "300 rows, seed 4242: Site has 30 levels, two with 1 row (their leverage is 1, rstudent null) and "
     "three with 2; level names mix case, digits (site-10 sorts before site-2) and non-ASCII "
     "(\u00c5lesund, \u00d6rebro, Z\u00fcrich), so the base is Alpha by byte order"),
]


def finite(v):
    return [float(x) if math.isfinite(x) else None for x in v]


def rel(a, b):
    """Largest relative difference between two equal-length sequences (None where either is None)."""
    worst = 0.0
    for x, y in zip(a, b):
        if x is None or y is None:
            if (x is None) != (y is None):
                return math.inf
            continue
        if x != y:
            worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst


def run_r(csv, y, log_y, numeric, categorical, levels, group):
    with tempfile.TemporaryDirectory() as tmp:
        spec = os.path.join(tmp, "spec.tsv")
        out = os.path.join(tmp, "out.tsv")
        with open(spec, "w", encoding="utf-8") as f:
            f.write("y\t%s\nlog_y\t%d\nnumeric\t%s\ngroup\t%s\n" % (y, log_y, "\t".join(numeric), group))
            for c in categorical:
                f.write("factor\t%s\t%s\n" % (c, "\t".join(levels[c])))
        subprocess.run([RSCRIPT, os.path.join(HERE, "ols.R"), csv, spec, out], check=True)
        with open(out, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
    num = lambda s: None if s == "NA" else float(s)
    r = {"coef_rows": [], "inputs": {}}
    for row in rows:
        if row[0] == "version":
            r["version"] = " + ".join(row[1:])
        elif row[0] == "coef":
            r["coef_rows"].append((row[1], float(row[2]), float(row[3]), float(row[4])))
        elif row[0] in ("rstudent", "leverage"):
            r[row[0]] = [num(s) for s in row[1:]]
        elif row[0] == "oaxaca":
            r["oaxaca"] = dict(zip(["total", "explained", "unexplained"], map(float, row[1:])))
        elif row[0] == "input":
            r["inputs"][row[1]] = [float.fromhex(s) for s in row[2:]]
    return r


def fit_case(name, ycol, log_y, make, description):
    df, numeric, categorical, levels = make()
    group = numeric[0]
    csv = os.path.join(OUT, name + ".csv")
    df.to_csv(csv, index=False)
    # Fit what the file says, read back exactly (pandas' default parser can be an ulp off).
    back = pd.read_csv(csv, float_precision="round_trip", keep_default_na=False,
                       dtype={c: str for c in categorical}, encoding="utf-8")
    for c in df.columns:
        assert list(back[c]) == list(df[c]), (name, c)
    df = back

    columns = ["Intercept"] + numeric + ["%s[%s]" % (c, lv) for c in categorical for lv in levels[c][1:]]
    X = np.column_stack([np.ones(len(df))] + [df[c].astype(float) for c in numeric]
                        + [(df[c] == lv).astype(float) for c in categorical for lv in levels[c][1:]])
    for c in categorical:
        assert set(df[c]) == set(levels[c]), (name, c)
    yv = np.log(df[ycol].astype(float).to_numpy()) if log_y else df[ycol].astype(float).to_numpy()
    n, k = X.shape
    assert np.linalg.matrix_rank(X) == k, name
    res = sm.OLS(yv, X).fit()
    rob = sm.OLS(yv, X).fit(cov_type="HC1")
    ci = res.conf_int(0.05)
    infl = OLSInfluence(res)
    with np.errstate(divide="ignore", invalid="ignore"):
        rstud = np.asarray(infl.resid_studentized_external, dtype=float)
    lev = np.asarray(infl.hat_matrix_diag, dtype=float)
    # Leverage 1: the row is fitted exactly, and its studentised residual is 0/0 whatever rounding says.
    rstud[lev > 1 - 1e-9] = np.nan

    gi = columns.index(group)
    ob = OaxacaBlinder(yv, X, bifurcate=gi, hasconst=True, swap=False).two_fold()
    unexplained, explained, gap = (float(v) for v in ob.params)
    g = df[group].to_numpy()
    assert abs(gap - (yv[g == 0].mean() - yv[g == 1].mean())) < 1e-12, name
    scale = max(1.0, abs(gap), float(np.max(np.abs(yv))))
    assert abs(unexplained + res.params[gi]) < 1e-9 * scale and abs(explained + unexplained - gap) < 1e-12 * scale, name

    by = lambda v: {c: float(x) for c, x in zip(columns, v)}
    doc = {
        "case": name, "description": description, "y": ycol, "log_y": log_y,
        "numeric": numeric, "categorical": categorical,
        "level_order": {c: levels[c] for c in categorical},
        "columns": columns, "n": n, "k": k, "df_resid": int(res.df_resid),
        "coef": by(res.params), "se": by(res.bse), "se_hc1": by(rob.bse), "t": by(res.tvalues),
        "p": by(res.pvalues), "ci_low": by(ci[:, 0]), "ci_high": by(ci[:, 1]),
        "r2": float(res.rsquared), "adj_r2": float(res.rsquared_adj), "sigma": math.sqrt(res.scale),
        "rss": float(res.ssr), "rstudent": finite(rstud), "leverage": finite(lev),
        "oaxaca": {"group": group, "total": gap, "explained": explained, "unexplained": unexplained,
                   "note": OAXACA_NOTE},
        "source": "statsmodels %s (numpy %s, scipy %s), OLS(y, X).fit() with its default pinv; HC1 from "
                  "fit(cov_type='HC1')" % (statsmodels.__version__, np.__version__, scipy.__version__),
        "script": "internal/stats/testdata/gen/ols.py",
    }

    if categorical or name.startswith("glassdoor"):
        cross_check_formula(name, df, ycol, log_y, numeric, categorical, levels, res, columns)
    ymp = [mp.log(mp.mpf(float(v))) if log_y else mp.mpf(float(v)) for v in df[ycol]]
    doc["exact"] = exact_fit(X, ymp, g, gi, columns)
    doc["agreement"] = {"statsmodels_vs_exact": agreement(doc, doc["exact"], columns)}
    if os.path.exists(RSCRIPT):
        doc["r"] = run_witness(doc, csv, numeric, categorical, levels, group, df, ycol, name)
        doc["agreement"]["r_vs_exact"] = agreement(doc["r"], doc["exact"], columns)
        doc["agreement"]["statsmodels_vs_r"] = agreement(doc, doc["r"], columns)
    for who, agree in doc["agreement"].items():
        for key, v in agree.items():
            assert v <= BOUNDS.get(name, 1e-9), (name, who, key, v)
    if name.startswith("glassdoor"):
        check_readme(name, doc)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        # One key a line, each value compact: diffable, and a third the size of indented lists.
        f.write("{\n" + ",\n".join("%s: %s" % (json.dumps(key), json.dumps(v, ensure_ascii=False, allow_nan=False))
                                    for key, v in doc.items()) + "\n}\n")
    print("%s: n=%d k=%d coef[%s]=%.10g" % (name, n, k, group, doc["coef"][group]))
    for who, agree in doc["agreement"].items():
        print("    %-22s %s" % (who, " ".join("%s %.1g" % kv for kv in agree.items())))


def cross_check_formula(name, df, ycol, log_y, numeric, categorical, levels, res, columns):
    """The explicit treatment coding against statsmodels' own formula coding (patsy)."""
    lhs = "np.log(%s)" % ycol if log_y else ycol
    terms = numeric + ["C(Q('%s'), Treatment(%r), levels=%r)" % (c, levels[c][0], levels[c]) for c in categorical]
    f = smf.ols("%s ~ %s" % (lhs, " + ".join(terms)), data=df).fit()
    # patsy puts factors before numeric terms: match by name, not position.
    patsy = ["Intercept"] + numeric + ["%s[T.%s]" % (t, lv) for t, c in zip(terms[len(numeric):], categorical)
                                       for lv in levels[c][1:]]
    assert sorted(patsy) == sorted(f.params.index), (name, sorted(f.params.index))
    ours = dict(zip(patsy, res.params))
    worst = max(abs(f.params[c] - ours[c]) / abs(ours[c]) for c in patsy)
    assert worst < 1e-9, (name, worst)


def exact_fit(X, y, g, gi, columns):
    """The same fit in 60-digit arithmetic (mpmath) from the exact binary inputs: the truth both
    witnesses are measured against. Normal equations are fine at this precision: the worst case
    ("scaled", cond(X'X) near 1e24) still keeps over 30 digits. y is a list of mpf (the exact log of
    each double when the model is of log pay)."""
    mp.mp.dps = 60
    n, k = X.shape
    rows = [[mp.mpf(float(v)) for v in r] for r in X]
    A = mp.matrix(k, k)
    b = mp.matrix(k, 1)
    for r, yi in zip(rows, y):
        for i in range(k):
            if r[i] == 0:
                continue
            b[i] += r[i] * yi
            for j in range(i, k):
                A[i, j] += r[i] * r[j]
    for i in range(k):
        for j in range(i):
            A[i, j] = A[j, i]
    Ai = mp.inverse(A)
    beta = Ai * b
    fitted = [mp.fsum(r[j] * beta[j] for j in range(k)) for r in rows]
    e = [yi - fi for yi, fi in zip(y, fitted)]
    rss = mp.fsum(x * x for x in e)
    s2 = rss / (n - k)
    se = [mp.sqrt(s2 * Ai[j, j]) for j in range(k)]
    meat = mp.matrix(k, k)
    lev = []
    for r, ei in zip(rows, e):
        v = [mp.fsum(Ai[i, j] * r[j] for j in range(k) if r[j] != 0) for i in range(k)]
        lev.append(mp.fsum(r[i] * v[i] for i in range(k) if r[i] != 0))
        w = ei * ei
        for i in range(k):
            if r[i] == 0:
                continue
            for j in range(i, k):
                meat[i, j] += w * r[i] * r[j]
    for i in range(k):
        for j in range(i):
            meat[i, j] = meat[j, i]
    V = Ai * meat * Ai * (mp.mpf(n) / (n - k))
    hc1 = [mp.sqrt(V[j, j]) for j in range(k)]
    rstud = []
    for ei, h in zip(e, lev):
        if 1 - h < mp.mpf(10) ** -40:
            rstud.append(None)
            continue
        s2i = (rss - ei * ei / (1 - h)) / (n - k - 1)
        rstud.append(float(ei / mp.sqrt(s2i * (1 - h))))
    df = n - k
    ybar = mp.fsum(y) / n
    tss = mp.fsum((yi - ybar) ** 2 for yi in y)
    r2 = 1 - rss / tss
    half = mp.mpf(1) / 2
    tv = [beta[j] / se[j] for j in range(k)]
    pv = [mp.betainc(mp.mpf(df) / 2, half, 0, df / (df + t * t), regularized=True) for t in tv]
    f975 = lambda q: mp.betainc(mp.mpf(df) / 2, half, 0, df / (df + q * q), regularized=True) / 2 - mp.mpf("0.025")
    q = mp.findroot(f975, mp.mpf(float(scipy.stats.t.ppf(0.975, df))))
    y0 = [yi for yi, gg in zip(y, g) if gg == 0]
    y1 = [yi for yi, gg in zip(y, g) if gg == 1]
    total = mp.fsum(y0) / len(y0) - mp.fsum(y1) / len(y1)
    explained = mp.mpf(0)
    for j in range(k):
        if j == gi:
            continue
        m0 = mp.fsum(r[j] for r, gg in zip(rows, g) if gg == 0) / len(y0)
        m1 = mp.fsum(r[j] for r, gg in zip(rows, g) if gg == 1) / len(y1)
        explained += (m0 - m1) * beta[j]
    by = lambda v: {c: float(x) for c, x in zip(columns, v)}
    return {
        "coef": by(beta), "se": by(se), "se_hc1": by(hc1), "t": by(tv), "p": by(pv),
        "ci_low": by([beta[j] - q * se[j] for j in range(k)]), "ci_high": by([beta[j] + q * se[j] for j in range(k)]),
        "r2": float(r2), "adj_r2": float(1 - (1 - r2) * (n - 1) / df), "sigma": float(mp.sqrt(s2)),
        "rss": float(rss), "rstudent": rstud, "leverage": [float(h) for h in lev],
        "oaxaca": {"total": float(total), "explained": float(explained), "unexplained": float(total - explained)},
    }


def run_witness(doc, csv, numeric, categorical, levels, group, df, ycol, name):
    """R's fit of the same CSV, by our coefficient names."""
    r = run_r(csv, ycol, doc["log_y"], numeric, categorical, levels, group)
    for c, vals in r["inputs"].items():
        assert vals == [float(v) for v in df[c]], (name, "R parsed column %s differently" % c)
    names = ["(Intercept)"] + numeric + ["%s%s" % (c, lv) for c in categorical for lv in levels[c][1:]]
    got = [row[0] for row in r["coef_rows"]]
    assert got == names, (name, got, names)
    cols = doc["columns"]
    return {"version": r["version"],
            "coef": {c: row[1] for c, row in zip(cols, r["coef_rows"])},
            "se": {c: row[2] for c, row in zip(cols, r["coef_rows"])},
            "se_hc1": {c: row[3] for c, row in zip(cols, r["coef_rows"])},
            "rstudent": r["rstudent"], "leverage": r["leverage"], "oaxaca": r["oaxaca"]}


AGREE_KEYS = ["coef", "se", "se_hc1", "rstudent", "leverage", "oaxaca"]


def agreement(a, b, cols):
    """Largest relative difference |a - b| / max(|a|, |b|) per quantity (rstudent: relative to
    max(|a|, |b|, 1), as values near 0 carry the absolute error of the residual)."""
    out = {}
    for key in AGREE_KEYS:
        if key in ("coef", "se", "se_hc1"):
            out[key] = rel([a[key][c] for c in cols], [b[key][c] for c in cols])
        elif key == "oaxaca":
            parts = ("total", "explained", "unexplained")
            out[key] = rel([a[key][x] for x in parts], [b[key][x] for x in parts])
        elif key == "rstudent":
            out[key] = max((abs(x - y) / max(abs(x), abs(y), 1.0) for x, y in zip(a[key], b[key])
                            if x is not None and y is not None), default=0.0)
            assert [x is None for x in a[key]] == [y is None for y in b[key]], key
        else:
            out[key] = rel(a[key], b[key])
    return {k: float("%.2g" % v) for k, v in out.items()}


def check_readme(name, doc):
    """../shared/data/README.md's figures, to the digits it shows."""
    b, se, p = doc["coef"]["female"], doc["se"]["female"], doc["p"]["female"]
    want = {
        "glassdoor_plain": [(b, 5, -0.09532), (se, 5, 0.01795)],
        "glassdoor_controls": [(b, 5, -0.10851), (se, 5, 0.01114)],
        "glassdoor_full": [(b, 5, -0.01094), (se, 5, 0.00925), (p, 4, 0.2368),
                           (doc["se_hc1"]["female"], 5, 0.00920), (doc["r2"], 4, 0.7977),
                           (doc["oaxaca"]["total"], 5, 0.09532), (doc["oaxaca"]["explained"], 5, 0.08437),
                           (doc["oaxaca"]["unexplained"], 5, 0.01094)],
    }[name]
    for got, digits, value in want:
        assert round(got, digits) == value, (name, got, value)
    if name == "glassdoor_plain":
        assert "%.3e" % p == "1.359e-07", (name, p)


def main():
    if not os.path.exists(GLASSDOOR):
        sys.exit("ols.py: %s not found (set GLASSDOOR)" % GLASSDOOR)
    if not os.path.exists(RSCRIPT):
        print("ols.py: %s not found: the golden files will have no R witness" % RSCRIPT, file=sys.stderr)
    os.makedirs(OUT, exist_ok=True)
    for case in CASES:
        fit_case(*case)


if __name__ == "__main__":
    main()
