#!/usr/bin/env python3
"""Secrets recall and false alarms, agentlint beside its peers, on the same planted files.

    AGENTLINT_PLANT_DIR=/tmp/planted cargo test --test suite secrets_recall
    python3 bench/secrets-peers.py /tmp/planted [--detect-secrets PATH] [--gitleaks PATH]

The test plants every sample of test-data/secrets/samples.tsv in every carrier, as
`<carrier>/<index>/<file>`; this script runs each tool on that directory, counts a file as
found when the tool reports anything in it, and prints recall (secrets found) and false alarms
(placeholders reported) per carrier and overall, with each tool's wall time. The `source`
carrier, where no name is evidence, is reported but left out of the totals, as in the test.
A peer that is not installed is skipped with a note (bench/install-peers.sh installs
detect-secrets; gitleaks has no package on this machine's registries).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def samples():
    with open(os.path.join(ROOT, "test-data/secrets/samples.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return [(r[0], r[5] == "secret") for r in rows if len(r) > 5]


def owner(path, planted):
    rel = os.path.relpath(os.path.abspath(path), planted).split(os.sep)
    if len(rel) < 3 or not rel[1].isdigit():
        return None
    return rel[0], int(rel[1])


def run_agentlint(planted):
    binary = os.path.join(ROOT, "target/release/agentlint")
    out = subprocess.run([binary, "check", planted, "--format", "json", "--exit-zero"],
                         capture_output=True, text=True, cwd=planted)
    found = set()
    for f in json.loads(out.stdout)["findings"]:
        if f["rule"] == "AL101":
            found.add(os.path.join(planted, f["path"]))
    return found


def run_detect_secrets(planted, exe):
    out = subprocess.run([exe, "scan", "--all-files", "."], capture_output=True, text=True,
                         cwd=planted)
    return {os.path.join(planted, p) for p, hits in json.loads(out.stdout)["results"].items() if hits}


def run_gitleaks(planted, exe):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        subprocess.run([exe, "dir", planted, "--no-banner", "-f", "json", "-r", report,
                        "--exit-code", "0"], capture_output=True, cwd=planted)
        with open(report, encoding="utf-8") as f:
            return {os.path.abspath(os.path.join(planted, r["File"])) for r in json.load(f)}


def score(found, planted, labels):
    per = defaultdict(lambda: [0, 0, 0, 0])  # secrets, hit, fakes, alarms
    hits = {owner(p, planted) for p in found}
    carriers = sorted({d for d in os.listdir(planted) if os.path.isdir(os.path.join(planted, d))})
    for carrier in carriers:
        for i, (_, secret) in enumerate(labels):
            hit = (carrier, i) in hits
            row = per[carrier]
            if secret:
                row[0] += 1
                row[1] += hit
            else:
                row[2] += 1
                row[3] += hit
    return per


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    planted = os.path.abspath(args[0])
    opts = dict(zip(args[1::2], args[2::2]))
    labels = samples()
    tools = [("agentlint", lambda: run_agentlint(planted))]
    ds = opts.get("--detect-secrets") or shutil.which("detect-secrets")
    if ds:
        tools.append(("detect-secrets", lambda: run_detect_secrets(planted, ds)))
    else:
        print("note: detect-secrets not found (bench/install-peers.sh); skipped")
    gl = opts.get("--gitleaks") or shutil.which("gitleaks")
    if gl:
        tools.append(("gitleaks", lambda: run_gitleaks(planted, gl)))
    else:
        print("note: gitleaks not found; skipped")
    print("| tool | carrier | recall | false alarms |\n|---|---|---|---|")
    summary = []
    for name, run in tools:
        start = time.perf_counter()
        found = run()
        wall = time.perf_counter() - start
        per = score(found, planted, labels)
        tot = [0, 0, 0, 0]
        for carrier, (s, h, f, a) in sorted(per.items()):
            print(f"| {name} | {carrier} | {h}/{s} ({100 * h / max(s, 1):.1f}%) | {a}/{f} |")
            if carrier != "source":
                tot = [x + y for x, y in zip(tot, (s, h, f, a))]
        summary.append((name, tot, wall))
    print("\n| tool | recall (named carriers) | false alarms | wall |\n|---|---|---|---|")
    base = summary[0][2]
    for name, (s, h, f, a), wall in summary:
        print(f"| {name} | {h}/{s} ({100 * h / max(s, 1):.1f}%) | {a}/{f} | {wall:.2f} s ({wall / base:.1f}× agentlint) |")


if __name__ == "__main__":
    main()
