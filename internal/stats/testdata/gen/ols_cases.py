"""The cases of ols.py: each makes its data frame and says how the model reads it."""
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
GLASSDOOR = os.environ.get("GLASSDOOR") or os.path.join(ROOT, "..", "shared", "data", "glassdoor-pay-sample.csv")

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
