#!/usr/bin/python3
# Writes scenario47.json: one cohort of a reverse-mentoring program whose
# final survey gives an overall satisfaction of exactly 4.7 of 5, for the
# workbook tests. It was written apart from the Go code (item keys, types
# and roles come from the questionnaire files) and run once; the JSON is
# the fixture, this script documents how it was made:
#
#   cd exports/testdata && /usr/bin/python3 scenario47_make.py
#
# The cohort: 10 mentors, 10 mentees and 3 peers (below the threshold 5).
# Peers answer the kick-off and the half-time check-in but not the final
# survey; their comments must never reach the workbook. Final comments
# begin with =, +, - and @ and hold umlauts and emoji.
import json
import random

rng = random.Random(47)
phases = {p: json.load(open(f"../../survey/questionnaires/{p}.json")) for p in ("kickoff", "midpoint", "final")}

PEOPLE = [
    # name, e-mail, role, department, generation, region
    ("Jürgen Weiß", "juergen.weiss@example.com", "mentee", "Vertrieb", "Baby Boomer", "Deutschland"),
    ("Dagmar Köhler", "dagmar.koehler@example.com", "mentee", "Finanzen", "Gen X", "Österreich"),
    ("Heinrich Großmann", "heinrich.grossmann@example.com", "mentee", "Vertrieb", "Baby Boomer", "Deutschland"),
    ("Ursula Bäcker", "ursula.baecker@example.com", "mentee", "Personal", "Gen X", "Deutschland"),
    ("Wolfgang Üzüm", "wolfgang.uezuem@example.com", "mentee", "Produktion", "Baby Boomer", "Deutschland"),
    ("Sabine Schröder", "sabine.schroeder@example.com", "mentee", "Finanzen", "Gen X", "Schweiz"),
    ("Margarethe Löwe", "margarethe.loewe@example.com", "mentee", "Recht", "Baby Boomer", "Deutschland"),
    ("Friedrich Bär", "friedrich.baer@example.com", "mentee", "Vertrieb", "Gen X", "Deutschland"),
    ("Gisela Fuchs", "gisela.fuchs@example.com", "mentee", "Produktion", "Gen X", "Österreich"),
    ("Rüdiger Kranz", "ruediger.kranz@example.com", "mentee", "Personal", "Baby Boomer", "Deutschland"),
    ("Zoë Brügger", "zoe.bruegger@example.com", "mentor", "IT", "Gen Z", "Schweiz"),
    ("Ömer Yıldız", "oemer.yildiz@example.com", "mentor", "IT", "Gen Z", "Deutschland"),
    ("Lea Schäfer", "lea.schaefer@example.com", "mentor", "Marketing", "Gen Y", "Deutschland"),
    ("Jonas Krämer", "jonas.kraemer@example.com", "mentor", "IT", "Gen Z", "Deutschland"),
    ("Mia Hoffmann", "mia.hoffmann@example.com", "mentor", "Marketing", "Gen Z", "Deutschland"),
    ("Noah Wöhler", "noah.woehler@example.com", "mentor", "IT", "Gen Y", "Österreich"),
    ("Emilia Sträßer", "emilia.straesser@example.com", "mentor", "Vertrieb", "Gen Z", "Deutschland"),
    ("Finn Düsterhoff", "finn.duesterhoff@example.com", "mentor", "IT", "Gen Z", "Deutschland"),
    ("Hannah Özdemir", "hannah.oezdemir@example.com", "mentor", "Marketing", "Gen Y", "Deutschland"),
    ("Luca Märtens", "luca.maertens@example.com", "mentor", "IT", "Gen Z", "Schweiz"),
    ("Sam Peer-Ångström", "sam.angstrom@example.com", "peer", "IT", "Gen Y", "Schweden"),
    ("Kim Peer-Nørgaard", "kim.norgaard@example.com", "peer", "Personal", "Gen X", "Dänemark"),
    ("Alex Peer-Çelik", "alex.celik@example.com", "peer", "Recht", "Gen Y", "Türkei"),
]

# The headline: 14 times 5 and 6 times 4 over the 20 final respondents.
SATISFACTION = [5] * 14 + [4] * 6
rng.shuffle(SATISFACTION)

FINAL_COMMENTS = {
    "went_well": ["=SUMME(A1:A9)", "+49 hat angerufen, alles gut", "-- ehrlich gesagt: alles prima --",
                  "@Team: danke für die Geduld!", "Grüße aus Köln – Zoë 👋", "Die Mittagessen 🍝 waren super",
                  "=HYPERLINK(\"http://evil.example\",\"klick\")"],
    "improve": ["-1 Termin pro Monat wäre besser", "Mehr Zeit für Übungen", "@HR: früher starten",
                "Weniger Termine im Dezember ❄️", "+ mehr Struktur"],
}
PEER_COMMENTS = ["Peer-Geheimnis eins", "Peer-Geheimnis zwei", "Peer-Geheimnis drei"]


def asked(it, role):
    return role == "peer" or role in it["roles"]


def answers(phase, role, level, i):
    out = {}
    for sec in phases[phase]["sections"]:
        for it in sec["items"]:
            if not asked(it, role):
                continue
            key, typ = it["key"], it["type"]
            if typ == "likert5":
                if key.startswith("knowledge_") and role == "peer":
                    continue  # peers skip the knowledge ratings
                if phase == "final" and key.startswith("knowledge_"):
                    level += 0.15  # a knowledge gain at the end
                out[key] = [str(min(5, max(1, round(level + rng.gauss(0, 0.7)))))]
            elif typ == "scale10":
                out[key] = [str(min(10, max(0, round(2 * level + rng.gauss(0, 1.2)))))]
            elif typ == "single":
                opts = [o["value"] for o in it["options"]]
                out[key] = [opts[0] if key == "continue" and rng.random() < 0.7 else rng.choice(opts)]
            elif typ == "multi":
                opts = [o["value"] for o in it["options"]]
                out[key] = sorted(rng.sample(opts, rng.randint(1, 3)))
            elif typ == "text":
                if role == "peer":
                    out[key] = [PEER_COMMENTS[i % 3]]
                elif phase == "final" and FINAL_COMMENTS.get(key):
                    out[key] = [FINAL_COMMENTS[key].pop(0)]
                elif rng.random() < 0.3:
                    out[key] = [rng.choice(["Offene Gespräche", "Mehr Praxis", "Gute Chemie", "Klare Ziele"])]
    return out


participants = []
final_i = 0
for i, (name, email, role, dept, gen, region) in enumerate(PEOPLE):
    level = 4.2 if role == "mentor" else 3.9
    p = {"name": name, "email": email, "role": role, "department": dept, "generation": gen, "region": region,
         "answers": {}}
    p["answers"]["kickoff"] = answers("kickoff", role, level - 1.2, i)
    p["answers"]["midpoint"] = answers("midpoint", role, level - 0.2, i) if i not in (3, 15) else None
    if role == "peer":
        p["answers"]["final"] = None
    else:
        a = answers("final", role, level, i)
        a["overall_satisfaction"] = [str(SATISFACTION[final_i])]
        final_i += 1
        p["answers"]["final"] = a
    participants.append(p)

scenario = {
    "program": {"name": "Reverse Mentoring 2026", "language": "de", "threshold": 5, "mode": "confidential"},
    "cohort": {"name": "Erste Runde", "starts_on": "2026-01-15", "ends_on": "2026-06-30"},
    "surveys": [
        {"phase": "kickoff", "opens_at": "2026-01-16T08:00:00Z", "closes_at": "2026-01-30T18:00:00Z"},
        {"phase": "midpoint", "opens_at": "2026-03-20T08:00:00Z", "closes_at": "2026-04-03T18:00:00Z"},
        {"phase": "final", "opens_at": "2026-06-09T08:00:00Z", "closes_at": "2026-06-30T18:00:00Z"},
    ],
    "participants": participants,
}
with open("scenario47.json", "w") as f:
    json.dump(scenario, f, ensure_ascii=False, indent=1)
    f.write("\n")
