#!/usr/bin/python3
"""An independent reader of the workbook: Debian's python3-openpyxl.

    /usr/bin/python3 check_report.py REPORT.xlsx scenario47.json de|en

Loads the workbook tandem wrote for scenario47.json and checks its summary
figures against values computed here from the scenario itself (not from the
Go code): the overall satisfaction (4.7), the NPS, the continuation rate and
the response rates; that every sheet is there, that no cell anywhere is a
formula, that the comments are kept verbatim, that the Responses sheet has a
row per response, and that no participant's name or e-mail address is in
any cell. Peers are fewer than the threshold in two surveys: their
comments may appear only in a group of at least the threshold ("other",
with another role), never under their own role, and those surveys have no
response rows (a row's questions would tell a peer). Prints "ok" and exits
0, or lists what is wrong and exits 1.
"""
import json
import sys

import openpyxl

SHEETS = {
    "de": ["Übersicht", "Dimensionen", "Fragen", "Veränderung", "Themen", "Reichweite", "Kommentare", "Antworten", "Methode"],
    "en": ["Summary", "Dimensions", "Items", "Change", "Topics", "Reach", "Comments", "Responses", "Method"],
}
LABELS = {
    "de": {"satisfaction": "Gesamtzufriedenheit (1–5)", "nps": "Net Promoter Score (−100 bis +100)",
           "continuation": "Tandems, die sich weiter treffen wollen", "phase": "Phase",
           "phases": {"kickoff": "Kick-off", "midpoint": "Halbzeit", "final": "Abschluss"}, "of5": ' von 5"'},
    "en": {"satisfaction": "Overall satisfaction (1–5)", "nps": "Net Promoter Score (−100 to +100)",
           "continuation": "Tandems that mean to keep meeting", "phase": "Phase",
           "phases": {"kickoff": "Kick-off", "midpoint": "Half-time", "final": "Final evaluation"}, "of5": ' of 5"'},
}

problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


def close(a, b, tol=1e-9):
    return isinstance(a, (int, float)) and abs(a - b) < tol


def expected(scenario):
    """The summary figures, computed from the scenario's answers."""
    people = scenario["participants"]
    final = [p["answers"]["final"] for p in people if p["answers"].get("final")]
    sat = [int(a["overall_satisfaction"][0]) for a in final]
    rec = [int(a["recommend"][0]) for a in final if "recommend" in a]
    cont = [a["continue"][0] for a in final if "continue" in a]
    rates = {}
    rows = 0
    threshold = scenario["program"]["threshold"]
    for s in scenario["surveys"]:
        submitted = sum(1 for p in people if p["answers"].get(s["phase"]))
        rates[s["phase"]] = (len(people), submitted, submitted / len(people))
        roles = {}
        for p in people:
            if p["answers"].get(s["phase"]):
                roles[p["role"]] = roles.get(p["role"], 0) + 1
        if all(n >= threshold for n in roles.values()):
            rows += submitted
    return {
        "satisfaction": sum(sat) / len(sat),
        "n": len(sat),
        "nps": 100 * (sum(r >= 9 for r in rec) - sum(r <= 6 for r in rec)) / len(rec),
        "continuation": cont.count("yes") / len(cont),
        "rates": rates,
        "responses": rows,
        "names": [p["name"] for p in people] + [p["email"] for p in people],
        # The final comments: no peer answered the final survey, so both
        # roles are groups of their own there.
        "comments": [t for a in final for k in ("went_well", "improve") for t in a.get(k, [])],
        "peer_comments": [t for p in people for a in p["answers"].values() if a and p["role"] == "peer"
                          for k in ("expectations", "goals", "went_well", "improve") for t in a.get(k, [])],
    }


def row_by_label(ws, label):
    for row in ws.iter_rows():
        if row[0].value == label:
            return row
    return None


def main(path, scenario_path, lang):
    want = expected(json.load(open(scenario_path, encoding="utf-8")))
    labels = LABELS[lang]
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS[lang], f"sheets {wb.sheetnames}, want {SHEETS[lang]}")
    summary = wb[SHEETS[lang][0]]

    row = row_by_label(summary, labels["satisfaction"])
    check(row is not None, "no overall satisfaction row on the first sheet")
    if row:
        value = row[1].value
        check(close(value, want["satisfaction"]), f"satisfaction {value!r}, want {want['satisfaction']}")
        check(round(value, 1) == 4.7, f"satisfaction rounds to {round(value, 1)}, want 4.7")
        check(row[1].number_format.startswith("0.0") and row[1].number_format.endswith(labels["of5"]),
              f"satisfaction format {row[1].number_format!r}")
        lo, hi, n = row[2].value, row[3].value, row[4].value
        check(isinstance(lo, float) and isinstance(hi, float) and lo < value < hi, f"CI [{lo}, {hi}]")
        check(n == want["n"], f"satisfaction n {n}, want {want['n']}")
    row = row_by_label(summary, labels["nps"])
    check(row is not None and close(row[1].value, want["nps"]), f"NPS {row and row[1].value}, want {want['nps']}")
    row = row_by_label(summary, labels["continuation"])
    check(row is not None and close(row[1].value, want["continuation"]) and row[1].number_format == "0%",
          f"continuation {row and row[1].value} ({row and row[1].number_format}), want {want['continuation']} as 0%")

    header = row_by_label(summary, labels["phase"])
    check(header is not None, "no participation table")
    if header:
        rates = {}
        for r in summary.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 3):
            rates[r[0].value] = (r[2].value, r[4].value, r[5].value)
        for phase, (invited, submitted, rate) in want["rates"].items():
            got = rates.get(labels["phases"][phase])
            check(got is not None and got[0] == invited and got[1] == submitted and close(got[2], rate),
                  f"participation of {phase}: {got}, want {(invited, submitted, rate)}")

    # No formula anywhere; no participant named anywhere.
    texts = []
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for c in r:
                check(c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}")
                if isinstance(c.value, str):
                    texts.append(c.value)
    blob = "\n".join(texts)
    for name in want["names"]:
        check(name not in blob, f"{name!r} appears in the workbook")
    comment_rows = [[c.value for c in r] for r in wb[{"de": "Kommentare", "en": "Comments"}[lang]].iter_rows(min_row=4)]
    comments = [r[3] for r in comment_rows]
    other = {"de": "andere", "en": "other"}[lang]
    for r in comment_rows:
        check(r[2] != "Peer", f"a comment row names the peers: {r!r}")
        if r[3] in want["peer_comments"]:
            check(r[2] == other, f"a peer's comment is shown under {r[2]!r}, not with another role as {other!r}")
    for text in want["comments"]:
        check(text in comments, f"comment {text!r} is missing or changed")
    check("Grüße aus Köln – Zoë 👋" in comments, "the comment 'Grüße aus Köln – Zoë 👋' is not there verbatim")

    # The streamed sheet, read as a large sheet would be.
    ro = openpyxl.load_workbook(path, read_only=True)
    responses = ro[{"de": "Antworten", "en": "Responses"}[lang]]
    responses.reset_dimensions()
    rows = [r for r in responses.iter_rows(min_row=4, values_only=True) if r and r[0] is not None]
    check(len(rows) == want["responses"], f"{len(rows)} response rows, want {want['responses']}")
    check([r[0] for r in rows] == list(range(1, len(rows) + 1)), "response rows are not numbered 1..n")
    ro.close()

    if problems:
        print("\n".join(problems))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
