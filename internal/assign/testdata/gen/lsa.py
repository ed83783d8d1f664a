#!/usr/bin/python3
"""Golden files for internal/assign's capacitated matching, from scipy.

Run with Debian's python3-scipy (1.10), from anywhere:

    /usr/bin/python3 internal/assign/testdata/gen/lsa.py

It (re)writes internal/assign/testdata/lsa/NAME/ for every instance in CASES
(and removes instance folders that are no longer listed):

    scores.csv      mentee,mentor,score   the allowed pairs; scores are decimals
                                          with up to 6 places (exact micro-units)
    capacities.csv  mentor,capacity       every mentor, some with no allowed pair
    fixed.csv       mentee,mentor         optional: pairs that must be matched
    forbid.csv      mentee,mentor         optional: listed pairs that must not be
    golden.json     the optimum

The problem: each mentee takes at most one mentor, each mentor at most its
capacity of mentees, only listed pairs match; maximise the total score, not
the number of pairs, so a pair scoring below 0 is never worth taking unless
it is fixed. Scores are read as integers (decimal x 10^6), as the solver
reads them, so every total is exact.

The optimum comes from scipy.optimize.linear_sum_assignment (maximize=True)
on the capacity-expanded matrix: a row per mentee that is not fixed, a
column per remaining mentor seat (mentor j repeated capacity_j minus its
fixed pairs times), and one "unmatched" column per mentee scoring 0 for that
mentee alone; unlisted and forbidden pairs get a penalty no solution can
afford. Fixed pairs are taken out first and their scores added.

Each golden is checked before it is written:
- the assignment is feasible (listed, not forbidden, fixed kept, capacities
  held) and its total is recomputed from the CSV's own figures;
- scipy.optimize.linprog (HiGHS dual simplex, a vertex) on the pair LP, whose
  constraint matrix is totally unimodular, must reach the same total with an
  integral solution;
- for instances of at most 7 mentees, an exhaustive search over every
  mentee's choice (memoised on the remaining capacities, written without
  scipy) must reach the same total and the same matched_min/matched_max.

matched_min and matched_max bound the number of matched mentees over all
optimal assignments (ties and zero scores make it vary): they come from the
same expanded matrix with scores scaled by (mentees+1) and 1 subtracted or
added per matched mentee, so the score stays the first criterion.

Randomness comes from random.Random seeded by the CRC-32 of each instance's
name, so running the script twice gives byte-identical files and adding an
instance leaves the others alone.
"""

import json
import os
import random
import shutil
import sys
import zlib
from functools import lru_cache

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment, linprog

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "lsa"))
MICRO = 10**6
PENALTY = 4e13  # above any total (<= 60 x 1e9 x 61); exact in float64 with every sum the solver forms
BRUTE = 7  # exhaustive check up to this many mentees

# name, mentees, mentors, capacity (lo, hi), density, score kind, options.
# Score kinds: ("uniform", lo, hi) in decimals; ("set", [values]) picked at
# random; ("const", v). Options: fmt "short" (no trailing zeros) or "full"
# (six places, the default); fixed = number of fixed pairs; fixed_neg = pick
# fixed pairs among negative ones first; forbid = share of the listed pairs
# forbidden; forbid_mentees = mentees with every pair forbidden; idle =
# mentors with no allowed pair; shuffle = rows of every CSV in random order.
CASES = [
    # tiny: exhaustively checked
    ("t01_single", 1, 1, (1, 1), 1.0, ("uniform", 0.1, 1), {}, "one positive pair"),
    ("t02_single_negative", 1, 1, (1, 1), 1.0, ("uniform", -1, -0.1), {}, "a negative pair stays unmatched"),
    ("t03_single_zero", 1, 1, (1, 1), 1.0, ("const", 0), {}, "a zero pair: matched or not, total 0"),
    ("t04_one_mentor_cap3", 7, 1, (3, 3), 1.0, ("uniform", -1, 1), {}, "seven mentees compete for three seats"),
    ("t05_square3", 3, 3, (1, 1), 1.0, ("uniform", 0, 1), {}, "3x3 one-to-one"),
    ("t06_ties_binary", 6, 3, (2, 3), 0.7, ("set", [0, 1]), {"fmt": "short"}, "scores 0 and 1 only"),
    ("t07_fixed_negative", 5, 3, (1, 2), 0.8, ("uniform", -1, 1), {"fixed": 2, "fixed_neg": True},
     "fixed pairs with negative scores are still taken"),
    ("t08_forbid", 6, 4, (1, 3), 0.7, ("uniform", -0.5, 1), {"forbid": 0.3}, "forbidden pairs"),
    ("t09_fixed_forbid_ties", 7, 5, (1, 3), 0.6, ("set", [-1, 0, 0.5, 1]), {"fixed": 2, "forbid": 0.2},
     "fixed and forbidden pairs with ties"),
    ("t10_sparse_20_mentors", 7, 20, (1, 5), 0.15, ("uniform", -1, 1), {}, "sparse, many mentors"),
    ("t11_dense_20_mentors", 7, 20, (1, 2), 1.0, ("uniform", -1, 1), {}, "all pairs, many mentors"),
    ("t12_all_negative", 5, 4, (1, 3), 1.0, ("uniform", -2, -0.000001), {}, "nothing worth taking: total 0"),
    ("t13_two_seats", 7, 2, (1, 1), 1.0, ("uniform", 0, 1), {}, "two seats for seven mentees"),
    ("t14_fixed_fills_mentor", 4, 2, (1, 1), 1.0, ("uniform", 0, 1), {"fixed": 1},
     "a fixed pair uses a mentor's only seat"),
    ("t15_idle_mentors", 6, 8, (1, 3), 0.8, ("uniform", -0.2, 1), {"idle": 4}, "mentors without pairs"),
    ("t16_forbid_whole_mentee", 5, 3, (1, 2), 1.0, ("uniform", 0, 1), {"forbid_mentees": 2},
     "mentees with every pair forbidden"),
    # small and medium: checked by the LP
    ("s01_square10", 10, 10, (1, 1), 1.0, ("uniform", 0, 1), {}, "10x10 one-to-one, positive"),
    ("s02_square20_signed", 20, 20, (1, 1), 1.0, ("uniform", -1, 1), {}, "20x20 one-to-one, signed"),
    ("s03_cap5_dense", 40, 8, (5, 5), 1.0, ("uniform", 0, 1), {}, "capacity 5, all pairs, seats = mentees"),
    ("s04_cap5_short_of_seats", 60, 5, (5, 5), 1.0, ("uniform", -0.3, 1), {}, "25 seats for 60 mentees"),
    ("s05_sparse10", 60, 20, (1, 5), 0.10, ("uniform", -1, 1), {}, "10% of pairs"),
    ("s06_sparse25", 50, 15, (1, 3), 0.25, ("uniform", -0.5, 1), {}, "25% of pairs"),
    ("s07_half", 45, 12, (1, 5), 0.5, ("uniform", -1, 1), {}, "half the pairs"),
    ("s08_ties_small_set", 50, 10, (2, 4), 0.6, ("set", [-1, 0, 1, 2]), {"fmt": "short"}, "four score values"),
    ("s09_all_equal", 30, 6, (1, 5), 0.7, ("const", 0.5), {}, "every score 0.5: only the count matters"),
    ("s10_near_zero", 40, 10, (2, 5), 0.5, ("set", [-0.000001, 0, 0.000001]), {},
     "scores of -1, 0 and 1 micro-units"),
    ("s11_large_magnitude", 40, 10, (1, 5), 0.6, ("uniform", -1000, 1000), {}, "scores up to +-1000.000000"),
    ("s12_quarters_short", 40, 12, (1, 4), 0.5, ("set", [-0.75, -0.25, 0.25, 0.5, 0.75, 1.25]), {"fmt": "short"},
     "quarter steps written without trailing zeros"),
    ("s13_micro_range", 30, 8, (1, 3), 0.7, ("uniform", -0.000005, 0.000005), {}, "scores within 5 micro-units"),
    ("s14_fixed_many", 40, 10, (2, 5), 0.5, ("uniform", -1, 1), {"fixed": 10}, "ten fixed pairs"),
    ("s15_forbid_many", 40, 10, (1, 5), 0.6, ("uniform", -0.2, 1), {"forbid": 0.5}, "half the listed pairs forbidden"),
    ("s16_fixed_forbid", 60, 20, (1, 5), 0.3, ("uniform", -1, 1), {"fixed": 8, "forbid": 0.2},
     "fixed and forbidden pairs"),
    ("s17_one_mentor", 60, 1, (5, 5), 1.0, ("uniform", -1, 1), {}, "one mentor, five seats"),
    ("s18_few_mentees", 8, 20, (1, 5), 1.0, ("uniform", -1, 1), {}, "more seats than mentees"),
    ("s19_surplus_seats", 20, 20, (5, 5), 0.3, ("uniform", 0, 1), {}, "100 seats for 20 mentees"),
    ("s20_mostly_negative", 50, 15, (1, 3), 0.6, ("uniform", -1, 0.2), {}, "few pairs worth taking"),
    ("s21_shuffled", 50, 15, (1, 4), 0.4, ("uniform", -1, 1), {"shuffle": True, "fixed": 3, "forbid": 0.1},
     "every CSV's rows in random order"),
    ("s22_whole_numbers", 40, 10, (1, 5), 0.6, ("set", list(range(0, 11))), {"fmt": "short"},
     "whole-number scores 0-10"),
    ("s23_forbid_whole_mentees", 30, 8, (1, 4), 0.7, ("uniform", 0, 1), {"forbid_mentees": 6, "forbid": 0.1},
     "six mentees with every pair forbidden"),
    ("s24_fixed_negative_many", 40, 12, (1, 4), 0.5, ("uniform", -1, 0.5), {"fixed": 8, "fixed_neg": True},
     "eight fixed pairs, negative first"),
    ("s25_cap1_rect", 60, 20, (1, 1), 0.5, ("uniform", -0.5, 1), {}, "one-to-one, 20 seats for 60"),
    ("s26_largest", 60, 20, (1, 5), 1.0, ("uniform", -1, 1), {"idle": 2}, "the largest: all pairs but two idle mentors"),
    ("s27_ties_fixed_forbid", 60, 15, (1, 5), 0.4, ("set", [0, 0.5, 1]), {"fixed": 5, "forbid": 0.25, "fmt": "short"},
     "ties with fixed and forbidden pairs"),
]


def fmt_micro(v, short=False):
    """Decimal text of v micro-units, exact; "short" drops trailing zeros."""
    sign = "-" if v < 0 else ""
    whole, frac = divmod(abs(v), MICRO)
    text = "%s%d.%06d" % (sign, whole, frac)
    if short:
        text = text.rstrip("0").rstrip(".")
    return text


def draw_score(rng, kind):
    if kind[0] == "uniform":
        return rng.randint(round(kind[1] * MICRO), round(kind[2] * MICRO))
    if kind[0] == "set":
        return round(rng.choice(kind[1]) * MICRO)
    return round(kind[1] * MICRO)


def make(spec):
    """Builds one instance from its spec: names, capacities, pairs, fixed, forbidden."""
    name, n, m, (clo, chi), density, kind, opt, note = spec
    rng = random.Random(zlib.crc32(name.encode()))
    mentees = ["e%02d" % (i + 1) for i in range(n)]
    mentors = ["m%02d" % (j + 1) for j in range(m)]
    cap = [rng.randint(clo, chi) for _ in range(m)]
    idle = set(rng.sample(range(m), opt.get("idle", 0)))
    active = [j for j in range(m) if j not in idle]
    score = {}  # (i, j) -> micro-units, in writing order
    for i in range(n):
        chosen = [j for j in active if rng.random() < density]
        if not chosen:  # a mentee exists only through its pairs
            chosen = [rng.choice(active)]
        for j in chosen:
            score[(i, j)] = draw_score(rng, kind)
    fixed = []
    used = [0] * m
    for i in rng.sample(range(n), min(opt.get("fixed", 0), n)):
        options = [j for j in active if (i, j) in score and used[j] < cap[j]]
        if opt.get("fixed_neg"):
            negative = [j for j in options if score[(i, j)] < 0]
            options = negative or options
        if options:
            j = rng.choice(options)
            fixed.append((i, j))
            used[j] += 1
    fixed.sort()
    fixed_set = set(fixed)
    fixed_mentees = {i for i, _ in fixed}
    forbidden = set()
    whole = [i for i in range(n) if i not in fixed_mentees]
    for i in rng.sample(whole, min(opt.get("forbid_mentees", 0), len(whole))):
        forbidden |= {p for p in score if p[0] == i}
    for p in score:
        if p not in fixed_set and rng.random() < opt.get("forbid", 0):
            forbidden.add(p)
    return dict(name=name, note=note, mentees=mentees, mentors=mentors, cap=cap, score=score,
                fixed=fixed, forbidden=sorted(forbidden), short=opt.get("fmt") == "short",
                shuffle=opt.get("shuffle", False), rng=rng)


def solve_lsa(inst, tiebreak=0):
    """Optimal assignment from linear_sum_assignment on the expanded matrix.
    tiebreak +1/-1 prefers more/fewer matched mentees among optimal ones."""
    n, m, cap, score = len(inst["mentees"]), len(inst["mentors"]), inst["cap"], inst["score"]
    forbidden = set(inst["forbidden"])
    assign = [-1] * n
    left = list(cap)
    for i, j in inst["fixed"]:
        assign[i] = j
        left[j] -= 1
    rows = [i for i in range(n) if assign[i] < 0]
    seats = [j for j in range(m) for _ in range(left[j])]
    if not rows:
        return assign
    scale = (n + 1) if tiebreak else 1
    w = np.full((len(rows), len(seats) + len(rows)), -PENALTY)
    for r, i in enumerate(rows):
        for c, j in enumerate(seats):
            if (i, j) in score and (i, j) not in forbidden:
                w[r, c] = score[(i, j)] * scale + tiebreak
        w[r, len(seats) + r] = 0
    rr, cc = linear_sum_assignment(w, maximize=True)
    for r, c in zip(rr, cc):
        if w[r, c] <= -PENALTY:
            sys.exit("%s: the solver took a disallowed cell" % inst["name"])
        if c < len(seats):
            assign[rows[r]] = seats[c]
    return assign


def check_feasible(inst, assign):
    """Exits unless assign is a feasible matching; returns its total and matched count."""
    name, score, cap = inst["name"], inst["score"], inst["cap"]
    load = [0] * len(cap)
    total = matched = 0
    for i, j in enumerate(assign):
        if j < 0:
            continue
        if (i, j) not in score or (i, j) in set(inst["forbidden"]):
            sys.exit("%s: mentee %d took the disallowed mentor %d" % (name, i, j))
        load[j] += 1
        total += score[(i, j)]
        matched += 1
    for i, j in inst["fixed"]:
        if assign[i] != j:
            sys.exit("%s: fixed pair (%d, %d) dropped" % (name, i, j))
    if any(load[j] > cap[j] for j in range(len(cap))):
        sys.exit("%s: a capacity is broken" % name)
    return total, matched


def lp_total(inst):
    """The optimum of the pair LP by HiGHS' dual simplex; a vertex is integral."""
    n, m, cap = len(inst["mentees"]), len(inst["mentors"]), inst["cap"]
    forbidden = set(inst["forbidden"])
    fixed = dict(inst["fixed"])
    pairs = [p for p in inst["score"] if p not in forbidden and (p[0] not in fixed or fixed[p[0]] == p[1])]
    if not pairs:
        return 0
    a = np.zeros((n + m, len(pairs)))
    for k, (i, j) in enumerate(pairs):
        a[i, k] = 1
        a[n + j, k] = 1
    lower = [1 if fixed.get(i) == j else 0 for i, j in pairs]
    res = linprog(c=[-inst["score"][p] for p in pairs], A_ub=a, b_ub=[1] * n + cap,
                  bounds=list(zip(lower, [1] * len(pairs))), method="highs-ds")
    if res.status != 0:
        sys.exit("%s: linprog: %s" % (inst["name"], res.message))
    x = np.round(res.x)
    if np.max(np.abs(res.x - x)) > 1e-6:
        sys.exit("%s: linprog's optimum is not integral" % inst["name"])
    assign = [-1] * n
    for k, (i, j) in enumerate(pairs):
        if x[k] == 1:
            assign[i] = j
    return check_feasible(inst, assign)[0]


def brute(inst):
    """Exhaustive search: the best total and the least and most mentees
    matched at that total. Mentors are taken one at a time, each trying every
    set of still-free mentees it may take (its listed, unforbidden pairs, its
    fixed mentees always, others' fixed mentees never), memoised on the set
    of mentees taken so far."""
    n, m, cap, score = len(inst["mentees"]), len(inst["mentors"]), inst["cap"], inst["score"]
    forbidden = set(inst["forbidden"])
    fixed = dict(inst["fixed"])
    must = [sum(1 << i for i, j in fixed.items() if j == mentor) for mentor in range(m)]
    may = [sum(1 << i for i in range(n)
               if (i, mentor) in score and (i, mentor) not in forbidden and i not in fixed)
           for mentor in range(m)]

    def value(mentor, group):
        return sum(score[(i, mentor)] for i in range(n) if group >> i & 1)

    @lru_cache(maxsize=None)
    def best(mentor, taken, sign):  # max of (total, sign * matched) over mentors mentor..
        if mentor == m:
            return (0, 0)
        out = None
        free = may[mentor] & ~taken
        sub = free
        while True:  # every subset of free, free itself first and 0 last
            group = sub | must[mentor]
            size = bin(group).count("1")
            if size <= cap[mentor]:
                t, k = best(mentor + 1, taken | group, sign)
                cand = (t + value(mentor, group), k + sign * size)
                if out is None or cand > out:
                    out = cand
            if sub == 0:
                break
            sub = (sub - 1) & free
        return out

    hi, lo = best(0, 0, 1), best(0, 0, -1)
    if hi[0] != lo[0]:
        sys.exit("%s: exhaustive search disagrees with itself" % inst["name"])
    return hi[0], -lo[1], hi[1]


def write_csv(path, header, rows, rng, shuffle):
    rows = list(rows)
    if shuffle:
        rng.shuffle(rows)
    with open(path, "w", newline="") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def to_json(obj):
    """One key per line and one list item per line, so diffs stay readable.
    The decimal total is put in afterwards as an exact JSON number, not a
    float's repr."""
    def one(v):
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    lines = []
    for k, v in obj.items():
        if isinstance(v, list) and v:
            v = "[\n  " + ",\n  ".join(one(x) for x in v) + "\n ]"
        else:
            v = one(v)
        lines.append(" %s: %s" % (one(k), v))
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write(inst):
    name, ee, mm = inst["name"], inst["mentees"], inst["mentors"]
    assign = solve_lsa(inst)
    total, matched = check_feasible(inst, assign)
    t_max, matched_max = check_feasible(inst, solve_lsa(inst, +1))
    t_min, matched_min = check_feasible(inst, solve_lsa(inst, -1))
    if not (t_max == t_min == total):
        sys.exit("%s: tie-broken optima %d, %d differ from %d" % (name, t_max, t_min, total))
    checked = ["scipy.optimize.linear_sum_assignment", "scipy.optimize.linprog highs-ds"]
    if lp_total(inst) != total:
        sys.exit("%s: linprog's optimum differs from linear_sum_assignment's %d" % (name, total))
    if len(ee) <= BRUTE:
        got = brute(inst)
        if got != (total, matched_min, matched_max):
            sys.exit("%s: exhaustive search gives %s, scipy %s" % (name, got, (total, matched_min, matched_max)))
        checked.append("exhaustive search")

    d = os.path.join(OUT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    rng, shuffle = inst["rng"], inst["shuffle"]
    write_csv(os.path.join(d, "scores.csv"), "mentee,mentor,score",
              [(ee[i], mm[j], fmt_micro(s, inst["short"])) for (i, j), s in inst["score"].items()], rng, shuffle)
    write_csv(os.path.join(d, "capacities.csv"), "mentor,capacity",
              [(mm[j], str(c)) for j, c in enumerate(inst["cap"])], rng, shuffle)
    if inst["fixed"]:
        write_csv(os.path.join(d, "fixed.csv"), "mentee,mentor", [(ee[i], mm[j]) for i, j in inst["fixed"]], rng, shuffle)
    if inst["forbidden"]:
        write_csv(os.path.join(d, "forbid.csv"), "mentee,mentor", [(ee[i], mm[j]) for i, j in inst["forbidden"]],
                  rng, shuffle)
    golden = {
        "name": name,
        "note": inst["note"],
        "mentees": len(ee),
        "mentors": len(mm),
        "seats": sum(inst["cap"]),
        "pairs": len(inst["score"]),
        "fixed": len(inst["fixed"]),
        "forbidden": len(inst["forbidden"]),
        "total_micro": total,
        "total": "@TOTAL@",
        "matched": matched,
        "matched_min": matched_min,
        "matched_max": matched_max,
        "assignment": [{"mentee": ee[i], "mentor": mm[j], "score_micro": inst["score"][(i, j)]}
                       for i, j in enumerate(assign) if j >= 0],
        "unmatched": [ee[i] for i, j in enumerate(assign) if j < 0],
        "checked_by": checked,
    }
    with open(os.path.join(d, "golden.json"), "w") as f:
        f.write(to_json(golden).replace('"@TOTAL@"', fmt_micro(total)))
    return "%-28s %2d mentees %2d mentors %3d pairs  total %s  matched %d (%d-%d)  %s" % (
        name, len(ee), len(mm), len(inst["score"]), fmt_micro(total), matched, matched_min, matched_max,
        "exhaustive" if len(ee) <= BRUTE else "LP")


def main():
    print("scipy", scipy.__version__, "numpy", np.__version__, file=sys.stderr)
    names = [c[0] for c in CASES]
    if len(set(names)) != len(names):
        sys.exit("lsa.py: duplicate instance names")
    os.makedirs(OUT, exist_ok=True)
    for entry in sorted(os.listdir(OUT)):
        if os.path.isdir(os.path.join(OUT, entry)) and entry not in names:
            shutil.rmtree(os.path.join(OUT, entry))
    for spec in CASES:
        print(write(make(spec)))


if __name__ == "__main__":
    main()
