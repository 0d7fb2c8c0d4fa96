#!/usr/bin/python3
# Independent reference for the program summary: reads program.json and the
# questionnaire data files, and writes program_reference.json, the fields of
# GET /api/v1/programs/{id}/summary that the figures decide, computed with
# numpy and scipy (means, ddof=1 sd, t quantiles, Welch's and the paired t
# test) and the publication rules of docs/methods.md written out again:
# overall figures over at least the threshold, roles shown as themselves or
# together as (other), knowledge pairs only where every role group of both
# surveys holds none or at least the threshold inside and outside the pairs.
# Regenerate with
#
#   cd analytics/testdata && /usr/bin/python3 program_reference.py
import json
import math

import numpy as np
from scipy import stats

P = json.load(open("program.json"))
K = P["threshold"]
Q = {p: json.load(open("../../survey/questionnaires/%s.json" % p)) for p in ("kickoff", "final")}
ITEMS = {p: [it for s in q["sections"] for it in s["items"]] for p, q in Q.items()}
DIMENSIONS = ["content_flexibility", "time_flexibility", "one_to_one", "hands_on", "time_well_spent",
              "perspective", "competence", "role_understanding", "network", "trust_openness",
              "comfort_zone", "transfer", "mentor_pool"]
ROLES = ["mentor", "mentee", "peer"]


def t975(df):
    q = stats.t.ppf(0.975, df)
    for _ in range(2):
        q += (stats.t.sf(q, df) - 0.025) / stats.t.pdf(q, df)
    return float(q)


def side(xs):
    a = np.asarray(xs, dtype=float)
    n = len(a)
    mean = float(a.mean()) if n else None
    sd = float(a.std(ddof=1)) if n >= 2 else None
    ci = None
    if n >= 2:
        h = t975(n - 1) * sd / math.sqrt(n)
        ci = [mean - h, mean + h]
    return {"n": n, "mean": mean, "sd": sd, "ci95": ci}


def contrast(a, b):
    """a − b: the difference, Welch's test, Hedges' g (approximate J)."""
    out = {"difference": float(np.mean(a) - np.mean(b)), "welch": None, "hedges_g": None}
    if len(a) >= 2 and len(b) >= 2:
        va, vb = np.var(a, ddof=1), np.var(b, ddof=1)
        if va or vb:
            t, p = stats.ttest_ind(a, b, equal_var=False)
            sa, sb = va / len(a), vb / len(b)
            df = (sa + sb) ** 2 / (sa ** 2 / (len(a) - 1) + sb ** 2 / (len(b) - 1))
            out["welch"] = {"t": float(t), "df": float(df), "p": float(p)}
        n1, n2 = len(a), len(b)
        pooled = ((n1 - 1) * va + (n2 - 1) * vb) / (n1 + n2 - 2)
        if pooled:
            out["hedges_g"] = float((np.mean(a) - np.mean(b)) / math.sqrt(pooled) * (1 - 3 / (4 * (n1 + n2) - 9)))
    return out


def suppress(ns):
    out = ["" for _ in ns]
    hidden = 0
    for i, n in enumerate(ns):
        if 0 < n < K:
            out[i], hidden = "small", hidden + n
    while 0 < hidden < K:
        shown = [i for i, n in enumerate(ns) if not out[i] and n > 0]
        if not shown:
            break
        j = min(shown, key=lambda i: (ns[i], i))
        out[j], hidden = "complement", hidden + ns[j]
    return out


def role_cells(resp):
    """The shown role of each respondent: the role, or (other)."""
    counts = {}
    for p in resp:
        counts[p["role"]] = counts.get(p["role"], 0) + 1
    values = sorted(counts)
    codes = suppress([counts[v] for v in values])
    keep = {v for v, c in zip(values, codes) if not c}
    return lambda p: p["role"] if p["role"] in keep else "(other)"


def num(a, key):
    return float(a[key][0]) if key in a else None


def round_figures(rd):
    people = rd["people"]
    kick = [p for p in people if "kickoff" in p["answers"]]
    fin = [p for p in people if "final" in p["answers"]]
    fa = [p["answers"]["final"] for p in fin]
    out = {}
    sat = [num(a, "overall_satisfaction") for a in fa if "overall_satisfaction" in a]
    out["satisfaction"] = dict({"suppressed": False}, **describe_item(sat)) if len(sat) >= K else {"suppressed": True}
    rec = [num(a, "recommend") for a in fa if "recommend" in a]
    if len(rec) >= K:
        pro, det = sum(x >= 9 for x in rec), sum(x <= 6 for x in rec)
        out["nps"] = {"suppressed": False, "n": len(rec), "score": 100 * (pro - det) / len(rec)}
    else:
        out["nps"] = {"suppressed": True}
    cont = [a["continue"][0] for a in fa if "continue" in a]
    out["continuation"] = {"suppressed": False, "n": len(cont), "rate": cont.count("yes") / len(cont)} \
        if len(cont) >= K else {"suppressed": True}
    out["dimensions"], scores = [], {}
    for d in DIMENSIONS:
        keys = [it["key"] for it in ITEMS["final"] if it.get("dimension") == d]
        if not keys:
            continue
        sc, partial, complete = [], 0, []
        for a in fa:
            vals = [num(a, k) for k in keys if k in a]
            if vals:
                sc.append(sum(vals) / len(vals))
            if 0 < len(vals) < len(keys):
                partial += 1
            if len(vals) == len(keys):
                complete.append(vals)
        e = {"key": d}
        if 0 < len(sc) < K or 0 < partial < K:
            e["suppressed"] = True
        else:
            e.update({"suppressed": False}, **side(sc))
            e["alpha"] = None
            if len(keys) >= 2 and len(complete) >= max(2, K):
                m = np.asarray(complete)
                sv = float(np.var(m.sum(axis=1), ddof=1))
                if sv:
                    e["alpha"] = len(keys) / (len(keys) - 1) * (1 - float(np.var(m, axis=0, ddof=1).sum()) / sv)
            scores[d] = sc
        out["dimensions"].append(e)
    out["learning"] = learning(kick, fin)
    out["reach"] = reach(rd, fa)
    return out, {"satisfaction": sat, "scores": scores, "nps": out["nps"], "continuation": out["continuation"]}


def describe_item(xs):
    s = side(xs)
    return {"n": s["n"], "mean": s["mean"], "sd": s["sd"], "ci95": s["ci95"]}


def learning(kick, fin):
    topics = [it for it in ITEMS["final"] if it.get("topic") and any(k["key"] == it["key"] for k in ITEMS["kickoff"])]
    kshow, fshow = role_cells(kick), role_cells(fin)
    out = []
    for it in topics:
        key = it["key"]
        kb = {p["email"]: num(p["answers"]["kickoff"], key) for p in kick if key in p["answers"]["kickoff"]}
        fb = {p["email"]: num(p["answers"]["final"], key) for p in fin if key in p["answers"]["final"]}
        both = sorted(set(kb) & set(fb))
        ok = len(both) >= K
        for group, show, answered in ((kick, kshow, kb), (fin, fshow, fb)):
            cells = {}
            for p in group:
                if p["email"] in answered:
                    c = cells.setdefault(show(p), [0, 0])
                    c[0 if p["email"] in both else 1] += 1
            ok = ok and all(n == 0 or n >= K for c in cells.values() for n in c)
        e = {"item": key}
        if ok:
            before, after = [kb[e_] for e_ in both], [fb[e_] for e_ in both]
            diffs = np.asarray(after) - np.asarray(before)
            e["method"] = "paired"
            e["n"] = len(both)
            e["mean_diff"] = float(diffs.mean())
            if diffs.std(ddof=1) > 0:
                t, p = stats.ttest_rel(after, before)
                e["test"] = {"t": float(t), "df": len(both) - 1, "p": float(p)}
        elif len(kb) >= K and len(fb) >= K:
            e["method"] = "unpaired"
            e["unpaired"] = dict({"before": side(list(kb.values())), "after": side(list(fb.values()))},
                                 **contrast(list(fb.values()), list(kb.values())))
        else:
            e["suppressed"] = True
        out.append(e)
    return out


def reach(rd, fa):
    people, tandems = rd["people"], rd["tandems"]
    depts, regions, links = set(), set(), {}
    cross_d = cross_r = cross_g = known_g = 0
    for t in tandems:
        ms = [people[i] for i in t]
        ds = {m["department"] for m in ms}
        rs = {m["region"] for m in ms}
        gs = {m["generation"] for m in ms}
        depts |= ds
        regions |= rs
        cross_d += len(ds) > 1
        cross_r += len(rs) > 1
        known_g += 1
        cross_g += len(gs) > 1
        frm = [m["department"] for j, m in enumerate(ms) if m["role"] == "mentor" or (m["role"] == "peer" and j == 0)]
        to = [m["department"] for j, m in enumerate(ms) if not (m["role"] == "mentor" or (m["role"] == "peer" and j == 0))]
        seen = set()
        for f in frm:
            for x in to:
                if (f, x) not in seen:
                    seen.add((f, x))
                    links[(f, x)] = links.get((f, x), 0) + 1
    contact = [num(a, "mentor_pool_2") for a in fa if "mentor_pool_2" in a]
    cont = [a["continue"][0] for a in fa if "continue" in a]
    return {"tandems": len(tandems), "departments": len(depts), "cross_department": cross_d, "regions": len(regions),
            "cross_region": cross_r, "cross_generation": cross_g, "generation_known": known_g,
            "cross_generation_share": cross_g / known_g if known_g else None,
            "matrix": [{"from": f, "to": t, "tandems": n} for (f, t), n in sorted(links.items())],
            "contact_persons": {"count": sum(x >= 4 for x in contact), "n": len(contact)} if len(contact) >= K else {"suppressed": True},
            "continuing": {"count": cont.count("yes"), "n": len(cont)} if len(cont) >= K else {"suppressed": True}}


rounds, raws = [], []
for rd in P["rounds"]:
    r, raw = round_figures(rd)
    if raws:
        prev = raws[-1]
        ch = {"satisfaction": dict({"previous": side(prev["satisfaction"]), "current": side(raw["satisfaction"])},
                                   **contrast(raw["satisfaction"], prev["satisfaction"])),
              "nps": raw["nps"]["score"] - prev["nps"]["score"],
              "continuation": raw["continuation"]["rate"] - prev["continuation"]["rate"],
              "dimensions": []}
        for d, sc in raw["scores"].items():
            if d in prev["scores"]:
                ch["dimensions"].append(dict({"key": d, "previous": side(prev["scores"][d]), "current": side(sc)},
                                             **contrast(sc, prev["scores"][d])))
        r["change"] = ch
    else:
        r["change"] = None
    rounds.append(r)
    raws.append(raw)

json.dump({"rounds": rounds}, open("program_reference.json", "w"), ensure_ascii=False, indent=1)
