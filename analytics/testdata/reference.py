#!/usr/bin/python3
# Regenerate the reference values the Go tests compare against:
#
#   apt-get install -y python3-scipy python3-numpy
#   cd analytics/testdata && /usr/bin/python3 reference.py
#
# (Debian's /usr/bin/python3, because a pyenv python3 cannot see Debian's scipy.)
#
# Reads stats_input.json, writes stats_reference.json. The figures come from
# scipy/numpy, not from the Go code under test: np.mean, np.std(ddof=1),
# np.median, scipy.stats.t.ppf, ttest_ind(equal_var=False), ttest_rel and
# pearsonr. Cronbach's alpha, Hedges' g and the Welch-Satterthwaite df, which
# scipy does not provide in this version, are written out from their textbook
# formulas with numpy. The t quantile of scipy 1.10 (Debian 12), whose stdtrit
# predates scipy's move to Boost, is off by up to ~4e-9 relative (df 39-51), so
# t975 polishes it with Newton steps on scipy's own t.sf and t.pdf, which are
# accurate to ~1e-16; newer scipy needs no polish and gives the same values.
# Where scipy has no answer (nan or inf), or where docs/methods.md (section 2)
# says a figure is undefined although scipy would return one (Pearson with
# n = 2), the reference holds null.
import json
import math
import warnings

import numpy as np
import scipy
from scipy import stats

warnings.simplefilter("ignore")  # scipy warns on the degenerate cases on purpose
np.seterr(all="ignore")


def num(x):
    """A finite float, or None where the figure is undefined."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def t975(df):
    """t(0.975, df): scipy's t.ppf, refined to full precision (see the top)."""
    q = stats.t.ppf(0.975, df)
    for _ in range(2):
        q += (stats.t.sf(q, df) - 0.025) / stats.t.pdf(q, df)
    assert abs(stats.t.sf(q, df) - 0.025) < 1e-15
    return q


def ci95(mean, sd, n):
    if n < 2 or mean is None or sd is None:
        return None
    h = t975(n - 1) * sd / math.sqrt(n)
    lo, hi = num(mean - h), num(mean + h)
    return None if lo is None or hi is None else [lo, hi]


def describe(xs):
    a = np.asarray(xs, dtype=float)
    n = len(a)
    if n == 0:
        return {"n": 0, "mean": None, "sd": None, "ci95": None, "median": None,
                "top2box": None, "min": None, "max": None}
    mean = num(np.mean(a))
    sd = num(np.std(a, ddof=1)) if n >= 2 else None
    return {"n": n, "mean": mean, "sd": sd, "ci95": ci95(mean, sd, n),
            "median": num(np.median(a)), "top2box": num(np.mean(a >= 4)),
            "min": num(np.min(a)), "max": num(np.max(a))}


def alpha(rows):
    # Caller-side rule of docs/methods.md, section 2: only respondents who answered all k items.
    complete = [r for r in rows if all(v is not None for v in r)]
    m = np.asarray(complete, dtype=float)
    if len(complete) < 2 or m.shape[1] < 2:
        return {"n_complete": len(complete), "alpha": None}
    k = m.shape[1]
    item_vars = np.var(m, axis=0, ddof=1).sum()
    sum_var = np.var(m.sum(axis=1), ddof=1)
    value = None if sum_var == 0 else k / (k - 1) * (1 - item_vars / sum_var)
    return {"n_complete": len(complete), "alpha": num(value)}


def nps(xs):
    a = np.asarray(xs, dtype=float)
    n = len(a)
    p, d = int(np.sum(a >= 9)), int(np.sum(a <= 6))
    return {"n": n, "score": num(100 * (p - d) / n) if n else None,
            "promoters": p, "passives": n - p - d, "detractors": d}


def welch(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 2 or len(b) < 2:
        return None
    res = stats.ttest_ind(a, b, equal_var=False)
    t, p = num(res.statistic), num(res.pvalue)
    if t is None or p is None:
        return None
    sa, sb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    df = (sa + sb) ** 2 / (sa ** 2 / (len(a) - 1) + sb ** 2 / (len(b) - 1))
    # The df formula is ours; check it reproduces scipy's p-value.
    assert math.isclose(2 * stats.t.sf(abs(t), df), p, rel_tol=1e-12, abs_tol=1e-15)
    return {"t": t, "df": num(df), "p": p}


def hedges_g(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return None
    pooled = ((n1 - 1) * np.var(a, ddof=1) + (n2 - 1) * np.var(b, ddof=1)) / (n1 + n2 - 2)
    if pooled == 0:
        return None
    d = (np.mean(a) - np.mean(b)) / math.sqrt(pooled)
    return num(d * (1 - 3 / (4 * (n1 + n2) - 9)))


def paired(before, after):
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    diffs = after - before
    n = len(diffs)
    out = {"n": n, "mean_diff": None, "ci95": None, "test": None}
    if n == 0:
        return out
    mean = num(np.mean(diffs))
    out["mean_diff"] = mean
    if n < 2:
        return out
    out["ci95"] = ci95(mean, num(np.std(diffs, ddof=1)), n)
    res = stats.ttest_rel(after, before)
    t, p = num(res.statistic), num(res.pvalue)
    if t is not None and p is not None:
        out["test"] = {"t": t, "df": num(res.df), "p": p}
    return out


def pearson(x, y):
    n = len(x)
    if n < 3:  # docs/methods.md, section 2: undefined; scipy would report r = ±1, p = 1 for n = 2
        return {"n": n, "r": None, "p": None}
    res = stats.pearsonr(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    r, p = num(res.statistic), num(res.pvalue)
    if r is None or p is None:
        return {"n": n, "r": None, "p": None}
    return {"n": n, "r": r, "p": p}


def main():
    with open("stats_input.json") as f:
        inp = json.load(f)
    ref = {
        "generator": f"reference.py with numpy {np.__version__}, scipy {scipy.__version__}",
        "describe": {c["name"]: describe(c["xs"]) for c in inp["describe"]},
        "alpha": {c["name"]: alpha(c["rows"]) for c in inp["alpha"]},
        "nps": {c["name"]: nps(c["xs"]) for c in inp["nps"]},
        "two_sample": {c["name"]: {"welch": welch(c["a"], c["b"]),
                                   "hedges_g": hedges_g(c["a"], c["b"])}
                       for c in inp["two_sample"]},
        "paired": {c["name"]: paired(c["before"], c["after"]) for c in inp["paired"]},
        "pearson": {c["name"]: pearson(c["x"], c["y"]) for c in inp["pearson"]},
    }
    with open("stats_reference.json", "w") as f:
        json.dump(ref, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
