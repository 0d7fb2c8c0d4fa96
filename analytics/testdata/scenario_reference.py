#!/usr/bin/python3
# Independent reference for the results API: reads scenario.json and the
# questionnaire data file, and writes scenario_reference.json, the results
# JSON that GET /api/v1/surveys/{id}/results must give for the scenario
# without breakdown, by role and by department (survey and cohort ids
# aside). Regenerate with
#
#   apt-get install -y python3-scipy python3-numpy
#   cd analytics/testdata && /usr/bin/python3 scenario_reference.py
#
# It shares no code with the Go implementation: the figures come from numpy
# and scipy (mean, ddof=1 std, median, t quantile), alpha and NPS from their
# textbook formulas, and the suppression from the rules as the API document
# states them (api/analytics.openapi.yaml, "Confidentiality").
import json
import math

import numpy as np
from scipy import stats

DIMENSIONS = ["content_flexibility", "time_flexibility", "one_to_one", "hands_on", "time_well_spent",
              "perspective", "competence", "role_understanding", "network", "trust_openness",
              "comfort_zone", "transfer", "mentor_pool"]  # the order of DOMAIN.md
ROLES = ["mentor", "mentee", "peer"]
COMPLEMENT = "suppressed so that another small group cannot be worked out"

scenario = json.load(open("scenario.json"))
THRESHOLD = scenario["threshold"]
questionnaire = json.load(open("../../survey/questionnaires/%s.json" % scenario["phase"]))
ITEMS = [it for s in questionnaire["sections"] for it in s["items"]]
PEOPLE = scenario["participants"]


def t975(df):
    """t(0.975, df), polished with Newton steps (scipy 1.10's ppf is off by ~4e-9)."""
    q = stats.t.ppf(0.975, df)
    for _ in range(2):
        q += (stats.t.sf(q, df) - 0.025) / stats.t.pdf(q, df)
    return float(q)


def describe(xs, top2=True):
    a = np.asarray(xs, dtype=float)
    n = len(a)
    if n == 0:
        return {"n": 0, "mean": None, "sd": None, "ci95": None, "median": None, "top2box": None,
                "min": None, "max": None}
    mean = float(np.mean(a))
    sd = float(np.std(a, ddof=1)) if n >= 2 else None
    ci = None
    if n >= 2:
        h = t975(n - 1) * sd / math.sqrt(n)
        ci = [mean - h, mean + h]
    return {"n": n, "mean": mean, "sd": sd, "ci95": ci, "median": float(np.median(a)),
            "top2box": float(np.mean(a >= 4)) if top2 else None, "min": float(a.min()), "max": float(a.max())}


def suppress(ns, withheld, small):
    """The documented rule: small cells, then complements while what is
    withheld together is more than 0 and less than the threshold."""
    out = ["" for _ in ns]
    hidden = 0
    for i, n in enumerate(ns):
        if withheld[i]:
            out[i] = COMPLEMENT
            hidden += n
        elif 0 < n < THRESHOLD:
            out[i] = small
            hidden += n
    while 0 < hidden < THRESHOLD:
        shown = [i for i, n in enumerate(ns) if out[i] == "" and n > 0]
        if not shown:
            break
        j = min(shown, key=lambda i: (ns[i], i))
        out[j] = COMPLEMENT
        hidden += ns[j]
    return out


def num(answers, key):
    return [float(answers[key][0])] if key in answers else []


def group_values(by):
    if by == "":
        return [""]
    vals = {p[by] for p in PEOPLE}
    if by == "role":
        return [r for r in ROLES if r in vals]
    return sorted(v for v in vals if v != "") + ([""] if "" in vals else [])


def members(by, value):
    return [p for p in PEOPLE if by == "" or p[by] == value]


def respondents(ps):
    return [p["answers"] for p in ps if p["answers"] is not None]


def item_figures(it, rs):
    xs = [x for a in rs for x in num(a, it["key"])]
    lo, hi = (0, 10) if it["type"] == "scale10" else (1, 5)
    f = describe(xs, top2=it["type"] == "likert5")
    f["distribution"] = {str(v): sum(1 for x in xs if x == v) for v in range(lo, hi + 1)}
    return f


def dimension_figures(d, rs):
    keys = [it["key"] for it in ITEMS if it.get("dimension") == d]
    scores = []
    complete = []
    for a in rs:
        vals = [float(a[k][0]) for k in keys if k in a]
        if vals:
            scores.append(sum(vals) / len(vals))
        if len(vals) == len(keys):
            complete.append(vals)
    f = describe(scores)
    f["alpha"], f["alpha_n"] = None, len(complete)
    k = len(keys)
    if k >= 2 and len(complete) >= 2:
        m = np.asarray(complete)
        sum_var = float(np.var(m.sum(axis=1), ddof=1))
        if sum_var != 0:
            f["alpha"] = k / (k - 1) * (1 - float(np.var(m, axis=0, ddof=1).sum()) / sum_var)
    return f


def nps(xs):
    n = len(xs)
    p = sum(1 for x in xs if x >= 9)
    d = sum(1 for x in xs if x <= 6)
    return {"n": n, "score": 100 * (p - d) / n if n else None, "promoters": p, "passives": n - p - d, "detractors": d}


def cell_counts(kind, key, rs):
    if kind == "item":
        return sum(1 for a in rs if key in a)
    if kind == "dimension":
        keys = [it["key"] for it in ITEMS if it.get("dimension") == key]
        return sum(1 for a in rs if any(k in a for k in keys))
    return sum(1 for a in rs if key in a)  # choice: respondents who ticked anything


def results(by):
    values = group_values(by)
    groups = [members(by, v) for v in values]
    resp = [respondents(g) for g in groups]
    ns = [len(r) for r in resp]
    empty = [n == 0 for n in ns]
    reasons = suppress(ns, empty, "fewer than %d responses" % THRESHOLD)
    reasons = ["fewer than %d responses" % THRESHOLD if empty[i] else r for i, r in enumerate(reasons)]
    withheld = [r != "" for r in reasons]
    memo = {}

    def cell(kind, key, i):
        if (kind, key) not in memo:
            memo[(kind, key)] = suppress([cell_counts(kind, key, r) for r in resp], withheld,
                                         "fewer than %d answers" % THRESHOLD)
        return memo[(kind, key)][i]

    invited = len(PEOPLE)
    submitted = sum(1 for p in PEOPLE if p["answers"] is not None)
    opened = sum(1 for p in PEOPLE if p["answers"] is not None or p.get("opened"))
    out = {"phase": scenario["phase"], "mode": scenario["mode"], "threshold": THRESHOLD,
           "invited": invited, "opened": opened, "submitted": submitted,
           "response_rate": submitted / invited, "groups": []}
    if by:
        out["breakdown"] = by
    for i, v in enumerate(values):
        g = {"by": {by: v} if by else {}, "suppressed": withheld[i]}
        if withheld[i]:
            g["reason"] = reasons[i]
            out["groups"].append(g)
            continue
        ps, rs = groups[i], resp[i]
        inv = len(ps)
        sub = len(rs)
        g.update({"n": sub, "invited": inv, "submitted": sub,
                  "opened": sum(1 for p in ps if p["answers"] is not None or p.get("opened")),
                  "response_rate": sub / inv if inv else None,
                  "items": [], "dimensions": [], "nps": None, "choices": [], "comments": []})
        for it in ITEMS:
            key, typ = it["key"], it["type"]
            if typ in ("likert5", "scale10"):
                e = {"key": key, "type": typ, "dimension": it.get("dimension")}
                if it.get("topic"):
                    e["topic"] = it["topic"]
                r = cell("item", key, i)
                e["suppressed"] = r != ""
                if r:
                    e["reason"] = r
                else:
                    e.update(item_figures(it, rs))
                g["items"].append(e)
                if typ == "scale10" and g["nps"] is None:
                    g["nps"] = {"suppressed": True, "reason": r} if r else \
                        dict({"suppressed": False}, **nps([x for a in rs for x in num(a, key)]))
            elif typ in ("single", "multi"):
                e = {"key": key, "type": typ}
                r = cell("choice", key, i)
                e["suppressed"] = r != ""
                if r:
                    e["reason"] = r
                else:
                    e["n"] = cell_counts("choice", key, rs)
                    e["counts"] = {o["value"]: sum(1 for a in rs if o["value"] in a.get(key, []))
                                   for o in it["options"]}
                g["choices"].append(e)
            elif typ == "text":
                g["comments"].append({"key": key, "texts": sorted(a[key][0] for a in rs if key in a)})
        for d in DIMENSIONS:
            k = sum(1 for it in ITEMS if it.get("dimension") == d)
            if not k:
                continue
            e = {"key": d, "items": k}
            r = cell("dimension", d, i)
            e["suppressed"] = r != ""
            if r:
                e["reason"] = r
            else:
                e.update(dimension_figures(d, rs))
            g["dimensions"].append(e)
        out["groups"].append(g)
    return out


json.dump({by: results(by) for by in ["", "role", "department"]},
          open("scenario_reference.json", "w"), ensure_ascii=False, indent=1)
