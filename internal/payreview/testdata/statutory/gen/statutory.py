#!/usr/bin/python3
"""Golden files for payreview.Statutory, from pandas and exact fractions.

Run with Debian's python3-pandas, from anywhere:

    /usr/bin/python3 internal/payreview/testdata/statutory/gen/statutory.py

It writes, under internal/payreview/testdata/statutory/:

    synthetic.csv           a made-up workforce (see synthetic()) with hours,
                            variable pay, categories, people of another
                            gender, ties on hourly pay at quartile boundaries,
                            small categories and men whose median variable
                            pay in a category is 0
    NAME.golden.json        for each case in CASES: the statutory part of the
                            report (the JSON keys of payreview.Report) and the
                            withheld figures as (figure, kind) pairs

It reads ../glassdoor-pay-sample.csv (internal/payreview/testdata/), the
project's copy of ../shared/data/glassdoor-pay-sample.csv (sha256
7c06c1b1...690d9), checking its checksum.

The figures are computed here independently of the Go code, the way the
issue and the regulations state them:
- gap % = (men - women) / men * 100 on pandas means and medians; pay is
  hourly (base / hours) when hours are given; variable pay as given, over
  everyone (0 for those without) and over those with more than 0; total pay
  (base + variable), divided by hours when hours are given;
- quartile bands: men and women only, ranked by pay; sizes q, q, q, q plus
  the remainder to the lower band (1), lower and upper middle (2), or lower,
  lower middle and upper middle (3); a run of equal pay of length L with cm
  men and cw women that overlaps a band in k places puts cm*k/L men and
  cw*k/L women in it, counted with exact fractions;
- suppression: a gap needs min men and min women (receivers for the
  receivers' gap), a share a headcount of min, a band min people, a category
  min men and min women; when exactly one band (or category) is withheld,
  the published one with the smallest min(men, women) goes too, ties by
  name; a gap on a men's figure of 0 is undefined.
"""

import hashlib
import json
import os
import random
from fractions import Fraction
from itertools import groupby

import pandas as pd

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GLASSDOOR_SHA = "7c06c1b15bde1c64e7895846ae39910871aa160ac048ed2ae09c0c01e33690d9"
BANDS = ["lower", "lower middle", "upper middle", "upper"]
EXTRA = {0: [], 1: [0], 2: [0, 2], 3: [0, 1, 2]}


def synthetic():
    """240 employees: hourly rates on a coarse grid (many ties), four kinds
    of hours, 6 people of another gender, variable pay for about half."""
    r = random.Random(20261124)
    rows = []
    cats = [("Admin", 30, 0.5), ("Care", 60, 0.8), ("Drivers", 40, 0.2),
            ("Engineering", 70, 0.3), ("Legal", 14, 0.5), ("Night shift", 20, 0.15)]
    i = 0
    for cat, size, women_share in cats:
        for _ in range(size):
            i += 1
            u = r.random()
            gender = "W" if u < women_share else "M"
            if r.random() < 0.025:
                gender = "X"
            rate = 10 + 0.5 * r.randint(0, 16) + (1.0 if gender == "M" else 0.0)
            hours = r.choice([20.0, 30.0, 37.5, 40.0])
            base = rate * hours
            if cat == "Night shift" and gender == "M":
                variable = 0.0 if r.random() < 0.7 else float(r.randint(1, 40) * 25)
            else:
                variable = 0.0 if r.random() < 0.45 else float(r.randint(1, 40) * 25)
            rows.append(dict(id="e%03d" % i, gender=gender, category=cat,
                             base=base, variable=variable, hours=hours))
    # Legal: force exactly 2 women, so the category is withheld (primary).
    legal = [row for row in rows if row["category"] == "Legal"]
    for k, row in enumerate(legal):
        row["gender"] = "W" if k < 2 else "M"
    return pd.DataFrame(rows)


def load_glassdoor():
    path = os.path.join(os.path.dirname(HERE), "glassdoor-pay-sample.csv")
    with open(path, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == GLASSDOOR_SHA
    d = pd.read_csv(path)
    return pd.DataFrame(dict(
        id=[str(k + 2) for k in range(len(d))],
        gender=d.Gender.map({"Male": "M", "Female": "W"}),
        category=d.JobTitle, base=d.BasePay.astype(float),
        variable=d.Bonus.astype(float), hours=None))


def gap(m, w):
    return None if m == 0 else (m - w) / m * 100


class Review:
    def __init__(self, mn):
        self.min = mn
        self.withheld = []

    def few(self, men, women):
        return men < self.min or women < self.min

    def gap_pair(self, figure, m, w):
        if self.few(len(m), len(w)):
            self.withheld.append((figure, "primary"))
            return {"mean_gap_pct": None, "median_gap_pct": None}
        out = {}
        for key, f in (("mean_gap_pct", pd.Series.mean), ("median_gap_pct", pd.Series.median)):
            g = gap(f(m), f(w))
            if g is None:
                self.withheld.append((figure + ", " + key.split("_")[0], "undefined"))
            out[key] = g
        return out

    def pct(self, figure, what, m, w):
        g = gap(m, w)
        if g is None:
            self.withheld.append((figure + ", " + what, "undefined"))
        return g

    def secondary(self, names, smaller, withheld, figure_of):
        if sum(withheld) != 1:
            return None
        cands = [(smaller[k], names[k], k) for k in range(len(names)) if not withheld[k]]
        if not cands:
            return None
        k = min(cands)[2]
        self.withheld.append((figure_of(k), "secondary"))
        return k


def band_sizes(n):
    sizes = [n // 4] * 4
    for b in EXTRA[n % 4]:
        sizes[b] += 1
    return sizes


def quartiles(rv, d):
    mw = d[d.gender.isin(["M", "W"])]
    people = sorted(zip(mw.pay, mw.gender))
    sizes = band_sizes(len(people))
    lo = [sum(sizes[:b]) for b in range(4)]
    men = [Fraction(0)] * 4
    women = [Fraction(0)] * 4
    pos = 0
    for _, run in groupby(people, key=lambda t: t[0]):
        run = list(run)
        length = len(run)
        cm = sum(1 for _, g in run if g == "M")
        cw = length - cm
        for b in range(4):
            k = max(0, min(pos + length, lo[b] + sizes[b]) - max(pos, lo[b]))
            men[b] += Fraction(cm * k, length)
            women[b] += Fraction(cw * k, length)
        pos += length
    withheld = []
    for b in range(4):
        withheld.append(sizes[b] < rv.min)
        if withheld[b]:
            rv.withheld.append(('quartile band "%s"' % BANDS[b], "primary"))
    fig = lambda k: 'quartile band "%s"' % BANDS[k]
    k = rv.secondary(BANDS, [min(men[b], women[b]) for b in range(4)], withheld, fig)
    if k is not None:
        withheld[k] = True
    out = []
    for b in range(4):
        q = {"band": BANDS[b], "employees": sizes[b], "men": 0.0, "women": 0.0,
             "women_pct": None, "men_pct": None}
        if not withheld[b]:
            q.update(men=float(men[b]), women=float(women[b]),
                     women_pct=float(women[b] / sizes[b] * 100),
                     men_pct=float(men[b] / sizes[b] * 100))
        out.append(q)
    return out


def categories(rv, d, col):
    names = sorted(d.category.unique())
    counts = {}
    withheld = []
    for c in names:
        x = d[d.category == c]
        m, w = (x.gender == "M").sum(), (x.gender == "W").sum()
        counts[c] = (int(m), int(w))
        withheld.append(bool(rv.few(m, w)))
        if withheld[-1]:
            rv.withheld.append(('category "%s" (%s)' % (c, col), "primary"))
    fig = lambda k: 'category "%s" (%s)' % (names[k], col)
    k = rv.secondary(names, [min(counts[c]) for c in names], withheld, fig)
    if k is not None:
        withheld[k] = True
    out = []
    for k, c in enumerate(names):
        x = d[d.category == c]
        m, w = x[x.gender == "M"], x[x.gender == "W"]
        e = {"category": c, "men": counts[c][0], "women": counts[c][1], "mean_gap_pct": None,
             "median_gap_pct": None, "total_mean_gap_pct": None, "flag": False, "withheld": bool(withheld[k])}
        if not withheld[k]:
            name = fig(k)
            e["mean_gap_pct"] = rv.pct(name + ": pay gap", "mean", m.pay.mean(), w.pay.mean())
            e["median_gap_pct"] = rv.pct(name + ": pay gap", "median", m.pay.median(), w.pay.median())
            e["variable_mean_gap_pct"] = rv.pct(name + ": variable pay gap", "mean", m.variable.mean(), w.variable.mean())
            e["variable_median_gap_pct"] = rv.pct(name + ": variable pay gap", "median", m.variable.median(), w.variable.median())
            e["total_mean_gap_pct"] = rv.pct(name + ": total pay gap", "mean", m.total.mean(), w.total.mean())
            t = e["total_mean_gap_pct"]
            e["flag"] = bool(t is not None and abs(t) >= 5)
        out.append(e)
    return out


def review(d, mn, col):
    rv = Review(mn)
    hourly = d.hours.notna().all()
    d = d.copy()
    d["pay"] = d.base / d.hours if hourly else d.base
    d["total"] = (d.base + d.variable) / d.hours if hourly else d.base + d.variable
    M, W = d[d.gender == "M"], d[d.gender == "W"]
    rep = {"employees": len(d), "men": len(M), "women": len(W),
           "others": int((~d.gender.isin(["M", "W"])).sum()), "min_group": mn}
    rep["pay"] = rv.gap_pair("pay gap", M.pay, W.pay)
    rep["total_pay"] = rv.gap_pair("total pay gap (basic + variable)", M.total, W.total)
    v = rv.gap_pair("variable pay gap over everyone", M.variable, W.variable)
    rm, rw = M.variable[M.variable > 0], W.variable[W.variable > 0]
    v["receivers"] = rv.gap_pair("variable pay gap over those who received any", rm, rw)
    share = {}
    for key, g, r, word in (("men", M, rm, "men"), ("women", W, rw, "women")):
        if len(g) < mn:
            rv.withheld.append(("share of %s receiving variable pay" % word, "primary"))
            share[key] = None
        else:
            share[key] = len(r) / len(g) * 100
    v["share_receiving_pct"] = share
    rep["variable_pay"] = v
    rep["quartiles"] = quartiles(rv, d)
    rep["categories"] = categories(rv, d, col)
    rep["category_column"] = col
    rep["withheld"] = [{"figure": f, "kind": k} for f, k in rv.withheld]
    return rep


CASES = [
    # name, data, minimum group size, category column
    ("glassdoor-min5", "glassdoor", 5, "JobTitle"),
    # 8 women among Software Engineers: withheld, and the next smallest
    # category (Marketing Associate, 11 men) goes too.
    ("glassdoor-min10", "glassdoor", 10, "JobTitle"),
    ("synthetic-min5", "synthetic", 5, "category"),
    ("synthetic-min3", "synthetic", 3, "category"),
]


def main():
    syn = synthetic()
    syn.to_csv(os.path.join(HERE, "synthetic.csv"), index=False, float_format=repr)
    data = {"glassdoor": load_glassdoor(), "synthetic": pd.read_csv(os.path.join(HERE, "synthetic.csv"))}
    for name, which, mn, col in CASES:
        rep = review(data[which], mn, col)
        path = os.path.join(HERE, name + ".golden.json")
        with open(path, "w") as f:
            json.dump({"generator": "internal/payreview/testdata/statutory/gen/statutory.py",
                       "pandas": pd.__version__, "data": which, "report": rep}, f, indent=1)
            f.write("\n")
        print("wrote", path, "withheld:", rep["withheld"])


if __name__ == "__main__":
    main()
