#!/usr/bin/python3
"""Golden files for internal/graph: every metric of every small test graph, from networkx.

Run with Debian's networkx 2.8.8 (python3-networkx), from anywhere:

    /usr/bin/python3 internal/graph/testdata/golden.py

It (re)writes the generated inputs graphs/karate.csv (+ .partition), graphs/random60.csv and
graphs/random40.csv (deterministic: fixed seeds), then reads each graphs/NAME.csv listed in GRAPHS and
writes golden/NAME.json. The Go tests (golden_test.go) read only the CSV and JSON files, so CI needs no
Python. Regenerate when an input changes, and say so in the commit.

The edge list is read the way graph.Parse reads it (header `source,target[,weight]`, case-insensitive;
blank lines skipped; fields trimmed; RFC 4180 quoting within a line; weight 1 without a weight column;
nodes numbered in the order first seen, a node seen only in self-loops included). networkx would keep
the LAST of repeated edges, so repeats are merged here first with their weights SUMMED in file order
(undirected: u-v and v-u are one edge) and self-loops are dropped; both are counted.

Every figure is checked against an independent computation before it is written (PageRank and
eigenvector against numpy's linear algebra), so a golden value is the converged one, not an artefact of
where networkx stopped iterating.
"""

import csv
import io
import json
import math
import os
import random
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPHS_DIR = os.path.join(HERE, "graphs")
GOLDEN_DIR = os.path.join(HERE, "golden")

# name -> directed. Each has graphs/NAME.csv and may have graphs/NAME.partition.
GRAPHS = {
    "directed_weighted": True,  # zero-weight edges; a node whose only out-edge weighs 0
    "directed_unweighted": True,  # reciprocal edges, dangling nodes, two weak components
    "undirected_weighted": False,  # non-ASCII names
    "undirected_disconnected": False,  # 3 components, one an isolated pair
    "star": False,
    "path": False,  # edges out of order, so the first node is in the middle
    "path_directed": True,  # every strong component is one node
    "pair": True,  # two nodes: betweenness is not rescaled below three
    "duplicates_directed": True,  # CRLF, odd header, quoting, spaces, repeats, self-loops
    "duplicates_undirected": False,  # u-v and v-u merged; a node seen only in a self-loop
    "karate": False,  # Zachary's karate club, unit weights
    "random60": True,
    "random40": False,
}

PAGERANK = dict(alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)
AGREE = 1e-10  # the independent checks must agree this closely (the Go tests use 1e-9)


def make_generated():
    """Writes the graphs made from code: karate club and two random graphs."""
    k = nx.karate_club_graph()
    with open(os.path.join(GRAPHS_DIR, "karate.csv"), "w", newline="") as f:
        f.write("source,target,weight\n")
        for u, v in k.edges():
            f.write(f"{u},{v},1\n")
    with open(os.path.join(GRAPHS_DIR, "karate.partition"), "w", newline="") as f:
        f.write("node,community\n")
        for v in k.nodes():
            f.write(f"{v},{0 if k.nodes[v]['club'] == 'Mr. Hi' else 1}\n")
    write_random("random60", 60, 240, True, seed=20261123, sinks=5)
    write_random("random40", 40, 90, False, seed=7, sinks=0)


def write_random(name, n, m, directed, seed, sinks):
    """n nodes, m distinct edges without self-loops, weights in (0, 5] to the thousandth; the last
    `sinks` nodes have no out-edges. Names mix numbers and words."""
    rng = random.Random(seed)
    names = [str(i) if i % 3 == 0 else f"v{i:02d}" for i in range(n)]
    seen, edges = set(), []
    while len(edges) < m:
        u, v = rng.randrange(n - sinks), rng.randrange(n)
        key = (u, v) if directed else (min(u, v), max(u, v))
        if u == v or key in seen:
            continue
        seen.add(key)
        edges.append((u, v, rng.randint(1, 5000) / 1000))
    touched = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    assert len(touched) == n, f"{name}: only {len(touched)} of {n} nodes have an edge; change the seed"
    with open(os.path.join(GRAPHS_DIR, name + ".csv"), "w", newline="") as f:
        f.write("source,target,weight\n")
        for u, v, w in edges:
            f.write(f"{names[u]},{names[v]},{w!r}\n")


def read_edges(path):
    """Reads an edge list as graph.Parse does. Returns (names in first-seen order, [(u, v, w)])."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    header, names, index, edges = None, [], {}, []
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        fields = [x.strip() for x in next(csv.reader(io.StringIO(line), strict=True))]
        if header is None:
            header = ",".join(x.lower() for x in fields)
            assert header in ("source,target", "source,target,weight"), f"{path}:{lineno}: header {header!r}"
            continue
        assert len(fields) == header.count(",") + 1, f"{path}:{lineno}: {len(fields)} fields"
        ids = []
        for x in fields[:2]:
            assert x, f"{path}:{lineno}: empty node name"
            if x not in index:
                index[x] = len(names)
                names.append(x)
            ids.append(index[x])
        w = float(fields[2]) if len(fields) == 3 else 1.0
        assert math.isfinite(w) and w >= 0, f"{path}:{lineno}: weight {w}"
        edges.append((ids[0], ids[1], w))
    assert edges, f"{path}: no edges"
    return names, edges


def merge(edges, directed):
    """Drops self-loops and sums repeated edges in file order. Returns (edges in first-seen order
    as {(u, v): w}, self_loops, merged)."""
    merged_edges, self_loops, merged = {}, 0, 0
    for u, v, w in edges:
        if u == v:
            self_loops += 1
            continue
        key = (u, v) if directed or u < v else (v, u)
        if key in merged_edges:
            merged_edges[key] += w
            merged += 1
        else:
            merged_edges[key] = w
    return merged_edges, self_loops, merged


def build(names, merged_edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(names)  # first-seen order, and nodes left alone by dropped self-loops
    for (u, v), w in merged_edges.items():
        G.add_edge(names[u], names[v], weight=w)
    return G


def summed_undirected(G):
    """G as undirected with the weights of u->v and v->u added (nx.Graph(G) would keep one)."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, w in G.edges(data="weight"):
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    return U


def read_partition(path, G):
    part = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert [x.strip() for x in rows[0]] == ["node", "community"], f"{path}: header"
    for row in rows[1:]:
        if row:
            part[row[0].strip()] = int(row[1])
    assert set(part) == set(G), f"{path}: the partition must name every node once"
    return part


def largest_component_path_length(G):
    comps = list(nx.strongly_connected_components(G) if G.is_directed() else nx.connected_components(G))
    size = max(len(c) for c in comps)
    values = {nx.average_shortest_path_length(G.subgraph(c)) for c in comps if len(c) == size}
    # Ties for the largest would make the figure depend on which one is chosen.
    assert len(values) == 1, f"largest components of size {size} disagree: {values}"
    return values.pop()


def check_pagerank(G, pr, personal):
    """Solves PageRank exactly with numpy and checks networkx converged to it."""
    nodes = list(G)
    n = len(nodes)
    A = nx.to_numpy_array(G, nodelist=nodes, weight="weight")
    out = A.sum(axis=1)
    P = np.zeros((n, n))
    p = np.full(n, 1.0 / n) if personal is None else np.array([1.0 if v == personal else 0.0 for v in nodes])
    for i in range(n):
        P[i] = A[i] / out[i] if out[i] > 0 else p  # dangling rows follow the personalisation
    x = np.linalg.solve(np.eye(n) - 0.85 * P.T, 0.15 * p)
    worst = max(abs(pr[v] - x[i]) for i, v in enumerate(nodes))
    assert worst < AGREE, f"pagerank off the exact solution by {worst}"
    return worst


def check_eigenvector(U, ev):
    nodes = list(U)
    vals, vecs = np.linalg.eigh(nx.to_numpy_array(U, nodelist=nodes, weight=None))
    x = np.abs(vecs[:, np.argmax(vals)])
    worst = max(abs(ev[v] - x[i]) for i, v in enumerate(nodes))
    assert worst < AGREE, f"eigenvector off numpy's by {worst}"
    return worst


def check_modularity(U, partition, q):
    """Recomputes modularity from its definition, (1/2m) sum_ij (A_ij - k_i k_j / 2m) [c_i = c_j]."""
    nodes = list(U)
    A = nx.to_numpy_array(U, nodelist=nodes, weight="weight")
    k = A.sum(axis=1)
    two_m = k.sum()
    same = np.array([[partition[u] == partition[v] for v in nodes] for u in nodes])
    want = ((A - np.outer(k, k) / two_m) * same).sum() / two_m
    assert abs(q - want) < AGREE, f"modularity {q}, by its definition {want}"


def reach2(G, v):
    near = set(G.successors(v) if G.is_directed() else G.neighbors(v))
    for u in list(near):
        near.update(G.successors(u) if G.is_directed() else G.neighbors(u))
    near.discard(v)
    return len(near)


def golden(name, directed):
    names, edges = read_edges(os.path.join(GRAPHS_DIR, name + ".csv"))
    merged_edges, self_loops, merged = merge(edges, directed)
    G = build(names, merged_edges, directed)
    assert list(G) == names
    U = summed_undirected(G)
    first = names[0]

    pr = nx.pagerank(G, **PAGERANK)
    ppr = nx.pagerank(G, personalization={first: 1}, **PAGERANK)
    worst_pr = max(check_pagerank(G, pr, None), check_pagerank(G, ppr, first))
    plain = nx.Graph(G)  # unweighted below: weight=None
    ev = None
    if nx.is_connected(plain):
        ev = nx.eigenvector_centrality(plain, max_iter=100000, tol=1e-12, weight=None)
        worst_ev = check_eigenvector(plain, ev)
    betweenness = nx.betweenness_centrality(G)
    closeness = nx.closeness_centrality(G)
    weighted = dict(G.degree(weight="weight"))

    partition, modularity = None, None
    ppath = os.path.join(GRAPHS_DIR, name + ".partition")
    if os.path.exists(ppath):
        partition = read_partition(ppath, G)
        groups = {}
        for v in names:
            groups.setdefault(partition[v], set()).add(v)
        modularity = nx.community.modularity(U, list(groups.values()), weight="weight")
        check_modularity(U, partition, modularity)
        partition = {v: partition[v] for v in names}

    metrics = {}
    for v in names:
        metrics[v] = {
            "degree": G.degree(v),
            "in_degree": G.in_degree(v) if directed else G.degree(v),
            "out_degree": G.out_degree(v) if directed else G.degree(v),
            "weighted_degree": weighted[v],
            "betweenness": betweenness[v],
            "closeness": closeness[v],
            "eigenvector": None if ev is None else ev[v],
            "pagerank": pr[v],
            "personal_pagerank": ppr[v],
            "reach2": reach2(G, v),
        }
    out = {
        "name": name,
        "directed": directed,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "self_loops": self_loops,
        "merged": merged,
        "density": nx.density(G),
        "reciprocity": nx.reciprocity(G) if directed else None,
        "components": nx.number_weakly_connected_components(G) if directed else nx.number_connected_components(G),
        "average_path_length": float(largest_component_path_length(G)),
        "modularity": modularity,
        "partition": partition,
        "personal_from": first,
        "order": names,
        "metrics": metrics,
    }
    for v in metrics.values():
        for x in v.values():
            assert x is None or math.isfinite(x)
    with open(os.path.join(GOLDEN_DIR, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")
    ev_note = f"eigenvector within {worst_ev:.1e}" if ev is not None else "eigenvector null (disconnected)"
    print(f"{name}: {len(names)} nodes, {G.number_of_edges()} edges, {self_loops} self-loops, "
          f"{merged} merged; pagerank within {worst_pr:.1e} of exact, {ev_note}")


def main():
    assert nx.__version__ == "2.8.8", f"golden files are made with networkx 2.8.8, not {nx.__version__}"
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    make_generated()
    for name, directed in GRAPHS.items():
        golden(name, directed)


if __name__ == "__main__":
    sys.exit(main())
