"""The 60-digit reference fit of ols.py."""
import mpmath as mp
import scipy.stats

mp.mp.dps = 60


def exact_fit(X, yraw, log_y, g, gi, columns):
    """The same fit in 60-digit arithmetic (mpmath) from the exact binary inputs: the truth both
    witnesses are measured against. Normal equations are fine at this precision: the worst case
    ("scaled", cond(X'X) near 1e24) still keeps over 30 digits. The outcome is each double of yraw,
    or its exact logarithm when log_y."""
    y = [mp.log(mp.mpf(v)) if log_y else mp.mpf(v) for v in yraw]
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
