#!/usr/bin/python3
# Writes internal/stats/testdata/trend/golden.json: linear trends and 80% / 95% prediction intervals from
# statsmodels' OLS get_prediction (obs_ci_lower/upper), for the Go tests of stats.LinearTrend.
# Run from the repository root: /usr/bin/python3 internal/stats/testdata/gen/trend.py
import json
import numpy as np
import statsmodels
import statsmodels.api as sm

rng = np.random.default_rng(20261124)
cases = []


def case(name, x, y, at):
    x, y = np.asarray(x, float), np.asarray(y, float)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    preds = []
    for level in (0.80, 0.95):
        frame = fit.get_prediction(sm.add_constant(np.asarray(at, float), has_constant="add")).summary_frame(alpha=1 - level)
        for i, a in enumerate(at):
            preds.append({"x": a, "level": level, "fit": float(frame["mean"][i]),
                          "lo": float(frame["obs_ci_lower"][i]), "hi": float(frame["obs_ci_upper"][i])})
    cases.append({"name": name, "x": x.tolist(), "y": y.tolist(), "intercept": float(fit.params[0]),
                  "slope": float(fit.params[1]), "residual_se": float(np.sqrt(fit.scale)), "predictions": preds})


# a year of monthly values, x in days since the first, rising with noise
days = np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30])
case("monthly", days, 40 + 0.05 * days + rng.normal(0, 2, len(days)), [0, 180, 365, 540, 730])
# three points: the smallest series with an interval (1 degree of freedom)
case("three", [0, 10, 20], [5, 7, 6], [20, 40])
# falling, lower is better, with dates as days since 1970 (large, off-centre x)
base = 20454.0
case("epoch_days", base + np.arange(0, 24 * 7, 7), 900 - 1.5 * np.arange(24) + rng.normal(0, 4, 24), [base, base + 200, base + 400])
# exact line: no scatter, zero-width intervals
case("exact", [0, 1, 2, 3], [1, 3, 5, 7], [10])

with open("internal/stats/testdata/trend/golden.json", "w") as f:
    json.dump({"source": "statsmodels " + statsmodels.__version__ + " OLS get_prediction summary_frame obs_ci",
               "cases": cases}, f, indent=1)
    f.write("\n")
