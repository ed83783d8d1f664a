#!/usr/bin/python3
"""Writes glassdoor.json: what payreview.Read must make of
../shared/data/glassdoor-pay-sample.csv, counted by pandas independently of
the Go reader. Run from this folder: /usr/bin/python3 gen_glassdoor.py"""
import hashlib, json, os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "../../../../../shared/data/glassdoor-pay-sample.csv")
CUTS = [25, 35, 45, 55]
LABELS = ["<25", "25\u201334", "35\u201344", "45\u201354", "55+"]

raw = open(SRC, "rb").read()
df = pd.read_csv(SRC)

# band k holds ages a with CUTS[k-1] <= a < CUTS[k]
band = np.searchsorted(CUTS, df["Age"].to_numpy(), side="right")
bands = {LABELS[k]: int((band == k).sum()) for k in range(len(LABELS))}


def levels(col):
    # sorted by the bytes of the UTF-8 text, as Go sorts strings
    names = sorted(df[col].astype(str).str.strip().unique(), key=lambda s: s.encode())
    return {"levels": names, "counts": [int((df[col] == n).sum()) for n in names]}


def row(i):
    r = df.iloc[i]
    return {"line": i + 2, "JobTitle": r["JobTitle"], "Gender": r["Gender"], "Age": int(r["Age"]),
            "PerfEval": float(r["PerfEval"]), "Education": r["Education"], "Dept": r["Dept"],
            "Seniority": float(r["Seniority"]), "BasePay": float(r["BasePay"]), "Bonus": float(r["Bonus"]),
            "AgeBand": LABELS[int(band[i])]}


out = {
    "sha256": hashlib.sha256(raw).hexdigest(),
    "rows": len(df),
    "men": int((df["Gender"] == "Male").sum()),
    "women": int((df["Gender"] == "Female").sum()),
    "age_bands": {"labels": LABELS, "counts": [bands[l] for l in LABELS]},
    "JobTitle": levels("JobTitle"), "Education": levels("Education"), "Dept": levels("Dept"),
    "sums": {c: float(df[c].sum()) for c in ["BasePay", "Bonus", "PerfEval", "Seniority"]},
    "rows_sampled": [row(i) for i in (0, 1, 499, len(df) - 1)],
}
assert out["rows"] == 1000 and out["men"] == 532 and out["women"] == 468, out
assert sum(out["age_bands"]["counts"]) == 1000
with open(os.path.join(HERE, "glassdoor.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(json.dumps(out["age_bands"], ensure_ascii=False), out["men"], out["women"])
