#!/usr/bin/python3
# Writes scenario.json: a final survey of one cohort, answered by a plausible
# population (skips included), for the reference check of the results API.
# It was run once; the JSON is the fixture, this script only documents how
# it was made:
#
#   cd analytics/testdata && /usr/bin/python3 scenario_make.py
#
# Item keys, types and roles come from the questionnaire data file, not from
# the Go code. Groups are sized so that the checks meet every suppression
# case: peers (3) under the threshold 5 take the mentors with them; by
# department, Legal (2) and the participants without one (2) together stay
# under 5 and take HR; hands_on_2 is answered by 3 mentees only.
import json
import random

rng = random.Random(20260315)
final = json.load(open("../../survey/questionnaires/final.json"))
items = [it for s in final["sections"] for it in s["items"]]

COMMENTS = {
    "went_well": ["Offene Gespräche", "Sehr hilfreich", "Learned a lot about Teams", "Gute Chemie im Tandem",
                  "Hands-on sessions", "Zeit war gut investiert", "Great perspective", "Mittagessen als Format"],
    "improve": ["Mehr Zeit einplanen", "Agenda vorher", "Öfter treffen", "Clearer goals", "Weniger Termine",
                "Bessere Räume", "More structure", "Themenpakete früher"],
}


def asked(it, role):
    return role == "peer" or role in it["roles"]


def answers(role, level):
    out = {}
    for it in items:
        if not asked(it, role):
            continue
        key, typ = it["key"], it["type"]
        if key == "hands_on_2":
            continue  # answered by a few mentees only, below
        if typ == "likert5":
            if key != "overall_satisfaction" and rng.random() < 0.12:
                continue
            v = min(5, max(1, round(level + rng.gauss(0, 0.8))))
            out[key] = [str(v)]
        elif typ == "scale10":
            if rng.random() < 0.15:
                continue
            out[key] = [str(min(10, max(0, round(2 * level + rng.gauss(0, 1.5)))))]
        elif typ == "single":
            if rng.random() < 0.1:
                continue
            opts = [o["value"] for o in it["options"]]
            out[key] = [rng.choices(opts, weights=[6, 2, 2][:len(opts)] + [1] * (len(opts) - 3))[0]]
        elif typ == "multi":
            picked = [o["value"] for o in it["options"] if rng.random() < 0.4]
            if picked:
                out[key] = picked
        elif typ == "text":
            if rng.random() < 0.35:
                out[key] = [rng.choice(COMMENTS[key])]
    return out


def people(role, n, depts, gens, regions):
    out = []
    for i in range(n):
        out.append({"role": role, "department": depts[i % len(depts)], "generation": gens[i % len(gens)],
                    "region": regions[i % len(regions)]})
    return out


ps = (people("mentor", 14, ["IT", "Sales", "IT", "HR", "Sales", "IT", "Sales"], ["Gen Z", "Gen Y"], ["DE", "AT", "CH"])
      + people("mentee", 17, ["Sales", "HR", "IT", "Sales", "Legal", "IT", "HR", ""], ["Gen X", "Baby Boomer"], ["DE", "AT"])
      + people("peer", 4, ["IT", "HR", "Sales", "Sales"], ["Gen Y", "Gen X"], ["UK"]))
# Who does not submit: one mentor opened the link only, two mentees never
# opened it, one peer opened it only.
silent = {3: "opened", 20: "none", 27: "none", 33: "opened"}
mentees_hands_on_2 = 0
for i, p in enumerate(ps):
    if i in silent:
        p["answers"] = None
        p["opened"] = silent[i] == "opened"
        continue
    p["answers"] = answers(p["role"], rng.uniform(2.2, 4.8))
    if p["role"] == "mentee" and mentees_hands_on_2 < 3:
        p["answers"]["hands_on_2"] = [str(rng.randint(2, 5))]
        mentees_hands_on_2 += 1

json.dump({"phase": "final", "threshold": 5, "mode": "confidential", "participants": ps},
          open("scenario.json", "w"), ensure_ascii=False, indent=1)
