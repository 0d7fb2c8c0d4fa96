#!/usr/bin/python3
"""An independent reader of the program workbook: Debian's python3-openpyxl.

    /usr/bin/python3 check_program.py PROGRAM.xlsx program_reference.json de|en

Loads the workbook tandem wrote for analytics/testdata/program.json and
checks it against the figures numpy and scipy give for that file
(program_reference.json, made by program_reference.py): per round the
satisfaction with its CI and n, the NPS, the continuation rate and the
change from the round before; each dimension's mean and n per round; the
knowledge gain per topic and round, paired or unpaired as the reference
says; the reach of each round's tandems. Also that no cell is a formula.
Prints "ok" and exits 0, or lists what is wrong and exits 1.
"""
import json
import sys

import openpyxl

SHEETS = {
    "de": ["Runden", "Dimensionen je Runde", "Lernen je Runde", "Reichweite", "Methode"],
    "en": ["Rounds", "Dimensions per round", "Learning per round", "Reach", "Method"],
}
COUNT_OF = {"de": "{} von {}", "en": "{} of {}"}
ROUNDS_HEADER = 8  # the header row of the Rounds sheet

problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


def near(where, got, want, tol=1e-9):
    if want is None:
        check(got in (None, ""), f"{where}: {got!r}, want empty")
        return
    ok = isinstance(got, (int, float)) and abs(got - want) <= tol
    check(ok, f"{where}: {got!r}, want {want}")


def main():
    path, ref_path, lang = sys.argv[1:4]
    with open(ref_path, encoding="utf-8") as f:
        ref = json.load(f)["rounds"]
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS[lang], f"sheets {wb.sheetnames}, want {SHEETS[lang]}")
    if problems:
        return
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                check(c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula")
    rounds, dims, learning, reach = (wb[n] for n in SHEETS[lang][:4])

    for i, r in enumerate(ref):
        row = ROUNDS_HEADER + 1 + i
        v = lambda col: rounds.cell(row=row, column=col).value
        where = f"round {i + 1}"
        sat = r["satisfaction"]
        if sat["suppressed"]:
            near(where + " satisfaction", v(7), None)
            check(v(16), where + ": satisfaction withheld without a note")
        else:
            near(where + " satisfaction", v(7), sat["mean"])
            near(where + " CI low", v(8), sat["ci95"][0])
            near(where + " CI high", v(9), sat["ci95"][1])
            near(where + " n", v(10), sat["n"])
        if not r["nps"]["suppressed"]:
            near(where + " NPS", v(11), r["nps"]["score"])
        if not r["continuation"]["suppressed"]:
            near(where + " continuation", v(12), r["continuation"]["rate"])
        ch = r["change"]
        if ch is None:
            near(where + " change", v(13), None)
        else:
            near(where + " change", v(13), ch["satisfaction"]["difference"])
            near(where + " change p", v(14), ch["satisfaction"]["welch"]["p"])
            near(where + " change g", v(15), ch["satisfaction"]["hedges_g"])
    check(rounds.cell(row=ROUNDS_HEADER + 1 + len(ref), column=1).value is None, "a row after the last round")

    for d, dim in enumerate(ref[0]["dimensions"]):
        for i, r in enumerate(ref):
            got = r["dimensions"][d]
            where = f"dimension {got['key']} round {i + 1}"
            mean = dims.cell(row=4 + d, column=2 + 2 * i).value
            n = dims.cell(row=4 + d, column=3 + 2 * i).value
            if got["suppressed"]:
                check(isinstance(mean, str), where + f": {mean!r}, want a word")
            else:
                near(where, mean, got["mean"])
                near(where + " n", n, got["n"])

    row = 3
    for i, r in enumerate(ref):
        for t in r["learning"]:
            row += 1
            where = f"learning round {i + 1} {t['item']}"
            gain = learning.cell(row=row, column=6).value
            p = learning.cell(row=row, column=7).value
            if t["method"] == "paired":
                near(where, gain, t["mean_diff"])
                if t.get("test"):
                    near(where + " p", p, t["test"]["p"])
            elif t["method"] == "unpaired":
                u = t["unpaired"]
                near(where + " before", learning.cell(row=row, column=4).value, u["before"]["mean"])
                near(where + " after", learning.cell(row=row, column=5).value, u["after"]["mean"])
                near(where, gain, u["difference"])
                near(where + " p", p, u["welch"]["p"])
            else:
                near(where, gain, None)

    fields = ["tandems", "departments", "cross_department", "regions", "cross_region", "cross_generation_share"]
    for i, r in enumerate(ref):
        for j, key in enumerate(fields):
            near(f"reach round {i + 1} {key}", reach.cell(row=5 + j, column=2 + i).value, r["reach"][key])
        for j, key in enumerate(["contact_persons", "continuing"]):
            c = r["reach"][key]
            got = reach.cell(row=5 + len(fields) + j, column=2 + i).value
            if "count" in c:
                want = COUNT_OF[lang].format(c["count"], c["n"])
                check(got == want, f"reach round {i + 1} {key}: {got!r}, want {want!r}")


main()
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok")
