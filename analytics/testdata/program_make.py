#!/usr/bin/python3
# Writes program.json: a program of three rounds, each with a kick-off and
# a final survey, for the reference check of the program summary. It was
# run once; the JSON is the fixture, this script documents how it was made:
#
#   cd analytics/testdata && /usr/bin/python3 program_make.py
#
# Rounds grow and improve: satisfaction rises round by round. Some people
# answer only the kick-off or only the final survey, so that in round 2 a
# topic's pairs leave a small set outside them and its gain falls back to
# the unpaired comparison; round 3 has two peers, whose role is shown
# together with another.
import json
import random

rng = random.Random(20261203)
Q = {p: json.load(open("../../survey/questionnaires/%s.json" % p)) for p in ("kickoff", "final")}
ITEMS = {p: [it for s in q["sections"] for it in s["items"]] for p, q in Q.items()}


def asked(it, role):
    return role == "peer" or role in it["roles"]


def answers(phase, role, level):
    out = {}
    for it in ITEMS[phase]:
        if not asked(it, role):
            continue
        key, typ = it["key"], it["type"]
        if typ == "likert5":
            if key.startswith("knowledge_") and rng.random() < 0.25:
                continue  # not every topic is rated
            base = level - 1.2 if phase == "kickoff" and key.startswith("knowledge_") else level
            out[key] = [str(min(5, max(1, round(base + rng.gauss(0, 0.8)))))]
        elif typ == "scale10":
            out[key] = [str(min(10, max(0, round(2 * level + rng.gauss(0, 1.2)))))]
        elif typ == "single":
            opts = [o["value"] for o in it["options"]]
            out[key] = [rng.choice(opts)]
        elif typ == "multi":
            picked = [o["value"] for o in it["options"] if rng.random() < 0.4]
            if picked or it.get("required"):
                out[key] = picked or [it["options"][0]["value"]]
        elif typ == "text" and it.get("required"):
            out[key] = ["ok"]
    return out


ROUNDS = [
    {"name": "Runde 1", "starts_on": "2024-02-01", "ends_on": "2024-06-30", "mentors": 12, "mentees": 12, "peers": 0,
     "level": 3.4, "only_kickoff": 1, "only_final": 1},
    {"name": "Runde 2", "starts_on": "2025-02-01", "ends_on": "2025-06-30", "mentors": 14, "mentees": 14, "peers": 0,
     "level": 3.9, "only_kickoff": 2, "only_final": 2},
    {"name": "Runde 3", "starts_on": "2026-02-01", "ends_on": "2026-06-30", "mentors": 16, "mentees": 15, "peers": 2,
     "level": 4.3, "only_kickoff": 0, "only_final": 1},
]
DEPTS = ["IT", "Vertrieb", "Finanzen", "Marketing"]
GENS = ["Gen Z", "Gen Y", "Gen X", "Baby Boomer"]

program = {"name": "Reverse Mentoring", "language": "de", "threshold": 5, "mode": "confidential", "rounds": []}
for r in ROUNDS:
    people = []
    roles = ["mentor"] * r["mentors"] + ["mentee"] * r["mentees"] + ["peer"] * r["peers"]
    for i, role in enumerate(roles):
        gen = rng.choice(GENS[:2]) if role == "mentor" else rng.choice(GENS[2:])
        people.append({"name": "%s %d" % (r["name"], i), "email": "r%s-%d@example.com" % (r["name"][-1], i),
                       "role": role, "department": rng.choice(DEPTS), "generation": gen, "region": "DE",
                       "answers": {}})
    # Who answers which phase: everyone both, but a few only one of them.
    order = list(range(len(people)))
    rng.shuffle(order)
    only_k = set(order[:r["only_kickoff"]])
    only_f = set(order[r["only_kickoff"]:r["only_kickoff"] + r["only_final"]])
    for i, p in enumerate(people):
        level = r["level"] + rng.gauss(0, 0.3)
        if i not in only_f:
            p["answers"]["kickoff"] = answers("kickoff", p["role"], level)
        if i not in only_k:
            p["answers"]["final"] = answers("final", p["role"], level)
    # Tandems: each mentee with one mentor (the rest of the mentors in twos
    # with a mentee of their own where there are enough), peers together.
    mentors = [i for i, p in enumerate(people) if p["role"] == "mentor"]
    mentees = [i for i, p in enumerate(people) if p["role"] == "mentee"]
    peers = [i for i, p in enumerate(people) if p["role"] == "peer"]
    tandems = [[mentors[k], mentees[k]] for k in range(min(len(mentors), len(mentees)))]
    for k in range(len(mentees), len(mentors)):
        tandems[k - len(mentees)].insert(0, mentors[k])
    if len(peers) == 2:
        tandems.append(peers)
    program["rounds"].append({"name": r["name"], "starts_on": r["starts_on"], "ends_on": r["ends_on"],
                              "people": people, "tandems": tandems})

json.dump(program, open("program.json", "w"), ensure_ascii=False, indent=1)
