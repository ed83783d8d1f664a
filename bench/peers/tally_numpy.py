#!/usr/bin/python3
"""An independent count of a ranked ballot file, written from the methods'
definitions with numpy, to check `commonground tally` at a scale the Go
tests do not reach and to time a straightforward vectorised peer.

Usage: tally_numpy.py BALLOTS.csv DIR
  BALLOTS.csv: lines `COUNT,A>B>C` (strict rankings; unranked candidates
  share the last place, as in commonground). DIR holds commonground's JSON
  reports schulze.json, irv.json and borda.json; each figure is compared
  and the first difference fails the run. Prints the seconds spent reading
  and counting.

Schulze: pairwise d[a][b] = ballots ranking a above b; strongest paths by
Floyd-Warshall over strict wins (winning votes). IRV: each round counts
every ballot for its first continuing candidate, exhausted if none; a
majority of continuing votes wins, else the fewest goes (ties are not
expected on random ballots and fail the run). Borda: n-1..0 points, the
unranked sharing the average of the places left.
"""
import json
import sys
import time

import numpy as np


def read(path):
    names, index, counts, rows = [], {}, [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            count, ranking = line.split(',', 1)
            row = []
            for name in ranking.split('>'):
                if '=' in name:
                    sys.exit('tally_numpy.py: equal rankings are not supported')
                if name not in index:
                    index[name] = len(names)
                    names.append(name)
                row.append(index[name])
            counts.append(int(count))
            rows.append(row)
    n = len(names)
    order = np.full((len(rows), n), -1, dtype=np.int16)  # candidates best first, -1 past the end
    for i, row in enumerate(rows):
        order[i, :len(row)] = row
    return names, np.array(counts, dtype=np.int64), order


def places(order, n):
    """place[i, c]: c's place on ballot i; unranked: n (after every ranked)."""
    m = order.shape[0]
    place = np.full((m, n), n, dtype=np.int16)
    rows = np.repeat(np.arange(m), order.shape[1])
    flat = order.ravel()
    pos = np.tile(np.arange(order.shape[1], dtype=np.int16), m)
    keep = flat >= 0
    place[rows[keep], flat[keep]] = pos[keep]
    return place


def schulze(place, counts, n):
    d = np.zeros((n, n), dtype=np.int64)
    for a in range(n):
        d[a] = counts @ (place[:, [a]] < place)
    p = np.where(d > d.T, d, 0)
    for i in range(n):
        for j in range(n):
            if i != j:
                p[j] = np.maximum(p[j], np.minimum(p[j, i], p[i]))
    np.fill_diagonal(p, 0)
    winners = [a for a in range(n) if all(p[a, b] >= p[b, a] for b in range(n) if b != a)]
    return d, p, winners


def irv(order, counts, n):
    continuing = np.ones(n, dtype=bool)
    rounds = []
    while True:
        ok = (order >= 0) & continuing[np.maximum(order, 0)]
        first = np.argmax(ok, axis=1)
        has = ok[np.arange(len(order)), first]
        top = order[np.arange(len(order)), first]
        totals = np.bincount(top[has], weights=counts[has], minlength=n).astype(np.int64)
        exhausted = int(counts[~has].sum())
        rounds.append((totals, exhausted))
        held = totals[continuing]
        lead = int(np.argmax(np.where(continuing, totals, -1)))
        if continuing.sum() == 1 or totals[lead] * 2 > held.sum():
            return rounds, lead
        low = np.where(continuing, totals, np.iinfo(np.int64).max)
        if (low == low.min()).sum() > 1:
            sys.exit('tally_numpy.py: a tie for fewest; this peer does not break ties')
        continuing[int(np.argmin(low))] = False


def borda(place, counts, n):
    ranked = (place < n).sum(axis=1)  # how many each ballot ranks
    left = n - ranked  # unranked share places ranked..n-1: (left-1)/2 points each
    pts2 = np.where(place < n, 2 * (n - 1 - place.astype(np.int64)), (left - 1)[:, None])
    return counts @ pts2  # doubled points


def main():
    path, out = sys.argv[1], sys.argv[2]
    t0 = time.time()
    names, counts, order = read(path)
    n = len(names)
    t1 = time.time()
    place = places(order, n)
    t2 = time.time()
    d, p, sw = schulze(place, counts, n)
    t3 = time.time()
    rounds, iw = irv(order, counts, n)
    t4 = time.time()
    b2 = borda(place, counts, n)
    t5 = time.time()

    bad = []
    sj = json.load(open(f'{out}/schulze.json'))
    for a in range(n):
        for b in range(n):
            if a != b and sj['pairwise'][names[a]][names[b]] != d[a, b]:
                bad.append(f'schulze pairwise {names[a]}>{names[b]}: {sj["pairwise"][names[a]][names[b]]} vs {d[a, b]}')
            if a != b and sj['strongest'][names[a]][names[b]] != p[a, b]:
                bad.append(f'schulze strongest {names[a]}>{names[b]}')
    if len(sw) != 1 or sj['winners'] != [names[sw[0]]]:
        bad.append(f'schulze winners {sj["winners"]} vs {[names[w] for w in sw]}')
    ij = json.load(open(f'{out}/irv.json'))
    if len(ij['rounds']) != len(rounds) or ij['winners'] != [names[iw]]:
        bad.append(f'irv: {len(ij["rounds"])} rounds, winners {ij["winners"]}; peer {len(rounds)}, {names[iw]}')
    for k, (r, (totals, exhausted)) in enumerate(zip(ij['rounds'], rounds)):
        for name, v in r['totals'].items():
            if v != totals[names.index(name)]:
                bad.append(f'irv round {k + 1} {name}: {v} vs {totals[names.index(name)]}')
        if r['exhausted'] != exhausted:
            bad.append(f'irv round {k + 1} exhausted')
    bj = json.load(open(f'{out}/borda.json'))
    for c in range(n):
        if bj['totals'][names[c]] * 2 != b2[c]:
            bad.append(f'borda {names[c]}: {bj["totals"][names[c]]} vs {b2[c] / 2}')
    for line in bad[:10]:
        print('DIFFERENT:', line)
    print(f'numpy peer: read {t1 - t0:.2f} s, places {t2 - t1:.2f} s, schulze {t3 - t2:.2f} s, irv {t4 - t3:.2f} s, '
          f'borda {t5 - t4:.2f} s; {"every figure agrees" if not bad else f"{len(bad)} differences"}')
    sys.exit(1 if bad else 0)


main()
