#!/usr/bin/env python3
"""Per-category NAB scores from the JSON that nab_score.py writes (-o scores.json).

Each category is normalised like the whole corpus: 100 * (raw - null) / (perfect - null) over that category's
windows, with the threshold the scorer chose for the whole corpus. A category without windows
(artificialNoAnomaly) has no normalised score; its raw score (the cost of its false positives) is shown instead.

    python3 bench/nab/per_category.py scores.json
"""
import json
import sys


def main(path):
    report = json.load(open(path))
    for detector, res in report.items():
        profiles = list(res["profiles"])
        print("%s (threshold per profile: %s)" % (detector, ", ".join(
            "%s %.4g" % (p, res["profiles"][p]["threshold"]) for p in profiles)))
        cats = {}
        for rel, per in res["per_file"].items():
            cat = rel.split("/")[0]
            for p in profiles:
                c = cats.setdefault(cat, {}).setdefault(p, [0.0, 0, 0])
                c[0] += per[p]["raw_score"]
                c[1] += per[p]["windows"]
                c[2] += 1
        print("| category | files | windows | " + " | ".join(profiles) + " |")
        print("|---|---|---|" + "---|" * len(profiles))
        for cat in sorted(cats):
            cells = []
            for p in profiles:
                raw, windows, files = cats[cat][p]
                w = res["profiles"][p]["weights"]
                if windows:
                    null, perfect = -w["fn"] * windows, w["tp"] * windows
                    cells.append("%.2f" % (100.0 * (raw - null) / (perfect - null)))
                else:
                    cells.append("raw %.2f" % raw)
            files = cats[cat][profiles[0]][2]
            windows = cats[cat][profiles[0]][1]
            print("| %s | %d | %d | %s |" % (cat, files, windows, " | ".join(cells)))
        print("| **all** | %d | %d | %s |" % (
            res["files_scored"], res["windows_scorable"],
            " | ".join("**%.2f**" % res["profiles"][p]["normalised_score"] for p in profiles)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
