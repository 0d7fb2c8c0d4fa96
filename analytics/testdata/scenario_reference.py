#!/usr/bin/python3
# Independent reference for the results API: reads scenario.json and the
# questionnaire data file, and writes scenario_reference.json, the results
# JSON that GET /api/v1/surveys/{id}/results must give for the scenario
# without breakdown, by role and by department (survey and cohort ids
# aside), once for a program that publishes results by role (the default)
# and once for one that publishes by role and department. Regenerate with
#
#   apt-get install -y python3-scipy python3-numpy
#   cd analytics/testdata && /usr/bin/python3 scenario_reference.py
#
# It shares no code with the Go implementation: the figures come from numpy
# and scipy (mean, ddof=1 std, median, t quantile), alpha and NPS from their
# textbook formulas, and the publication (coarsening, per-figure
# withholding, comment order) from the rules as the methods document states
# them (docs/methods.md, "Confidentiality").
import hashlib
import json
import math

import numpy as np
from scipy import stats

DIMENSIONS = ["content_flexibility", "time_flexibility", "one_to_one", "hands_on", "time_well_spent",
              "perspective", "competence", "role_understanding", "network", "trust_openness",
              "comfort_zone", "transfer", "mentor_pool"]  # the order of docs/methods.md, section 2
ROLES = ["mentor", "mentee", "peer"]
ATTRIBUTES = ["role", "department", "generation", "region"]
OTHER = "(other)"
REASONS = {
    "few_responses": "fewer than %d responses",
    "few_answers": "fewer than %d answers",
    "few_asked": "fewer than %d respondents were asked this question",
    "few_partial": "fewer than %d respondents answered only part of this dimension",
    "complement": "suppressed so that another small group cannot be worked out",
    "combination": "shown only in the groups of the first breakdown, so that two breakdowns together cannot single out a small group",
    "breakdown_not_offered": "the program does not publish results by %s",
    "breakdown_too_small": "too few respondents to break down by %s without singling people out",
}

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


def reason(code, attr=""):
    text = REASONS[code]
    if "%d" in text:
        return text % THRESHOLD
    if "%s" in text:
        return text % attr
    return text


def withheld(code, attr=""):
    w = {"suppressed": True, "code": code, "reason": reason(code, attr)}
    if attr:
        w["attribute"] = attr
    return w


def suppress(ns, small):
    """The documented rule: small cells, then complements while what is
    withheld together is more than 0 and less than the threshold."""
    out = ["" for _ in ns]
    hidden = 0
    for i, n in enumerate(ns):
        if 0 < n < THRESHOLD:
            out[i] = small
            hidden += n
    while 0 < hidden < THRESHOLD:
        shown = [i for i, n in enumerate(ns) if out[i] == "" and n > 0]
        if not shown:
            break
        j = min(shown, key=lambda i: (ns[i], i))
        out[j] = "complement"
        hidden += ns[j]
    return out


class Publication:
    """k-anonymity over the combination of the published breakdowns: rare
    values are shown as other until every non-empty combination of shown
    values holds at least the threshold."""

    def __init__(self, breakdowns):
        self.breakdowns = breakdowns
        self.combo = [a in breakdowns for a in ATTRIBUTES]
        self.resp = [p for p in PEOPLE if p["answers"] is not None]
        self.keep = {}
        for a, attr in enumerate(ATTRIBUTES):
            if self.combo[a]:
                counts = self.counts(a)
                values = sorted(counts)
                codes = suppress([counts[v] for v in values], "small")
                self.keep[a] = {v for v, c in zip(values, codes) if c == ""}
        while self.coarsen():
            pass
        self.offered = []
        for a, attr in enumerate(ATTRIBUTES):
            if self.combo[a] and len({self.show(a, p[attr]) for p in self.resp}) >= 2 and len(self.resp) >= THRESHOLD:
                self.offered.append(attr)

    def counts(self, a):
        out = {}
        for p in self.resp:
            out[p[ATTRIBUTES[a]]] = out.get(p[ATTRIBUTES[a]], 0) + 1
        return out

    def show(self, a, v):
        return v if v in self.keep.get(a, set()) else OTHER

    def cell(self, p):
        return tuple(self.show(a, p[attr]) if self.combo[a] else "" for a, attr in enumerate(ATTRIBUTES))

    def coarsen(self):
        cells = {}
        for p in self.resp:
            c = self.cell(p)
            cells[c] = cells.get(c, 0) + 1
        small = [c for c, n in cells.items() if n < THRESHOLD]
        if not small:
            return False
        target = min(small, key=lambda c: (cells[c], c))
        choice = self.rarest(lambda a, v: target[a] == v) or self.rarest(lambda a, v: True)
        if choice is None:
            return False
        a, v = choice
        self.keep[a].discard(v)
        counts = self.counts(a)
        while self.keep[a]:
            other = sum(n for v, n in counts.items() if v not in self.keep[a])
            if other == 0 or other >= THRESHOLD:
                break
            self.keep[a].discard(min(sorted(self.keep[a]), key=lambda v: counts[v]))
        return True

    def rarest(self, ok):
        best = None
        for a in reversed(range(len(ATTRIBUTES))):
            if not self.combo[a]:
                continue
            counts = self.counts(a)
            for v in sorted(self.keep[a]):
                if ok(a, v) and (best is None or counts[v] < best[0]):
                    best = (counts[v], a, v)
        return None if best is None else (best[1], best[2])


def num(answers, key):
    return [float(answers[key][0])] if key in answers else []


def group_values(pub, by):
    if by == "":
        return [""]
    a = ATTRIBUTES.index(by)
    vals = {pub.show(a, p[by]) for p in PEOPLE}

    def rank(v):
        if by == "role" and v in ROLES:
            return (ROLES.index(v), v)
        return (len(ROLES) + {OTHER: 2, "": 1}.get(v, 0), v)
    return sorted(vals, key=rank)


def members(pub, by, value):
    return [p for p in PEOPLE if by == "" or pub.show(ATTRIBUTES.index(by), p[by]) == value]


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


def cell_counts(kind, key, ps):
    rs = respondents(ps)
    if kind == "item":
        return sum(1 for a in rs if key in a)
    if kind == "dimension":
        keys = [it["key"] for it in ITEMS if it.get("dimension") == key]
        return sum(1 for a in rs if any(k in a for k in keys))
    if kind == "partial":  # answered some, not all, items of the dimension
        keys = [it["key"] for it in ITEMS if it.get("dimension") == key]
        return sum(1 for a in rs if 0 < sum(k in a for k in keys) < len(keys))
    if kind == "comments":  # respondents who were asked the item
        it = next(it for it in ITEMS if it["key"] == key)
        return sum(1 for p in ps if p["answers"] is not None and (p["role"] == "peer" or p["role"] in it["roles"]))
    return sum(1 for a in rs if key in a)  # choice: respondents who ticked anything


def hashed(texts):
    return sorted(texts, key=lambda t: hashlib.sha256(t.encode()).digest())


def results(breakdowns, by):
    pub = Publication(breakdowns)
    invited = len(PEOPLE)
    submitted = sum(1 for p in PEOPLE if p["answers"] is not None)
    opened = sum(1 for p in PEOPLE if p["answers"] is not None or p.get("opened"))
    out = {"phase": scenario["phase"], "mode": scenario["mode"], "threshold": THRESHOLD,
           "invited": invited, "opened": opened, "submitted": submitted, "suppressed": False,
           "response_rate": submitted / invited, "groups": [], "offered_breakdowns": pub.offered}
    if by:
        out["breakdown"] = by
        if by not in pub.offered:
            out.update(withheld("breakdown_not_offered" if by not in breakdowns else "breakdown_too_small", by))
            return out
    values = group_values(pub, by)
    groups = [members(pub, by, v) for v in values]
    cells = {}
    for p in pub.resp:
        cells.setdefault(pub.cell(p), []).append(p)
    first = pub.offered[0] if pub.offered else None
    first_groups = [members(pub, first, v) for v in group_values(pub, first)] if first else []
    plans = {}

    def measures(kind):
        if kind == "dimension":
            return [("dimension", "few_answers"), ("partial", "few_partial")]
        return [(kind, {"comments": "few_asked"}.get(kind, "few_answers"))]

    def ok(n):
        return n == 0 or n >= THRESHOLD

    def plan(kind, key):
        if (kind, key) not in plans:
            ms = measures(kind)
            overall = [code for m, code in ms if not ok(cell_counts(m, key, PEOPLE))]
            if overall:
                plans[(kind, key)] = ("overall", overall[0])
            elif all(ok(cell_counts(m, key, ps)) for ps in cells.values() for m, _ in ms):
                plans[(kind, key)] = ("every", None)
            else:
                # every measure's Suppress at once, what one withholds
                # counting as withheld for the others, to a fixed point
                codes = ["" for _ in first_groups]
                changed = True
                while changed:
                    changed = False
                    for m, code in ms:
                        ns = [cell_counts(m, key, g) for g in first_groups]
                        hidden = sum(n for i, n in enumerate(ns) if codes[i])
                        for i, n in enumerate(ns):
                            if not codes[i] and 0 < n < THRESHOLD:
                                codes[i], changed = code, True
                                hidden += n
                        while 0 < hidden < THRESHOLD:
                            shown = [i for i, n in enumerate(ns) if not codes[i] and n > 0]
                            if not shown:
                                break
                            j = min(shown, key=lambda i: (ns[i], i))
                            codes[j], changed = "complement", True
                            hidden += ns[j]
                plans[(kind, key)] = ("first", codes)
        return plans[(kind, key)]

    def cell(kind, key, i, small):
        how, codes = plan(kind, key)
        if how == "overall":
            return codes
        if by == "" or how == "every":
            return ""
        if by == first:
            return codes[i]
        return "combination"

    def comments_cell(key, i):
        if by != "" and by != first:
            return "combination"
        return cell("comments", key, i, "few_asked")

    for i, v in enumerate(values):
        ps = groups[i]
        rs = respondents(ps)
        g = {"by": {by: v} if by else {}, "suppressed": False}
        if v == OTHER:
            g["includes"] = sorted({p[by] for p in ps if p["answers"] is not None})
            if not g["includes"]:
                del g["includes"]
        if len(rs) < THRESHOLD:
            g.update(withheld("few_responses"))
            out["groups"].append(g)
            continue
        inv = len(ps)
        sub = len(rs)
        g.update({"n": sub, "invited": inv, "submitted": sub,
                  "opened": sum(1 for p in ps if p["answers"] is not None or p.get("opened")),
                  "response_rate": sub / inv if inv else None,
                  "items": [], "dimensions": [], "nps": None, "choices": [], "comments": []})
        for it in ITEMS:
            key, typ = it["key"], it["type"]
            if typ in ("likert5", "scale10"):
                e = {"key": key, "type": typ, "dimension": it.get("dimension"), "suppressed": False}
                if it.get("topic"):
                    e["topic"] = it["topic"]
                r = cell("item", key, i, "few_answers")
                if r:
                    e.update(withheld(r))
                else:
                    e.update(item_figures(it, rs))
                g["items"].append(e)
                if typ == "scale10" and g["nps"] is None:
                    g["nps"] = withheld(r) if r else \
                        dict({"suppressed": False}, **nps([x for a in rs for x in num(a, key)]))
            elif typ in ("single", "multi"):
                e = {"key": key, "type": typ, "suppressed": False}
                r = cell("choice", key, i, "few_answers")
                if r:
                    e.update(withheld(r))
                else:
                    e["n"] = sum(1 for a in rs if key in a)
                    e["counts"] = {o["value"]: sum(1 for a in rs if o["value"] in a.get(key, []))
                                   for o in it["options"]}
                g["choices"].append(e)
            elif typ == "text":
                e = {"key": key, "suppressed": False, "texts": []}
                r = comments_cell(key, i)
                if r:
                    e.update(withheld(r))
                else:
                    e["texts"] = hashed([a[key][0] for a in rs if key in a])
                g["comments"].append(e)
        for d in DIMENSIONS:
            k = sum(1 for it in ITEMS if it.get("dimension") == d)
            if not k:
                continue
            e = {"key": d, "items": k, "suppressed": False}
            r = cell("dimension", d, i, "few_answers")
            if r:
                e.update(withheld(r))
            else:
                e.update(dimension_figures(d, rs))
                if e["alpha_n"] < THRESHOLD:
                    e["alpha"] = None
            g["dimensions"].append(e)
        out["groups"].append(g)
    return out


POLICIES = [["role"], ["role", "department"]]
json.dump({",".join(pol): {by: results(pol, by) for by in ["", "role", "department"]} for pol in POLICIES},
          open("scenario_reference.json", "w"), ensure_ascii=False, indent=1)
