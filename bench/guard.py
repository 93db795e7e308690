#!/usr/bin/env python3
"""Decision latency of `agentlint guard` (issue 22): a benchmark, not a timed test.

    bench/guard.py [RUNS]        # RUNS decisions per payload (default 200)

Copies ../shared/corpus/repos (or $AGENTLINT_CORPUS/repos) to a temporary directory, so the
guard's cache never lands in the shared corpus, then times whole `agentlint guard` processes
(the way an agent runs the hook: spawn, read stdin, answer): one cold decision (the perimeter
is built and cached), then RUNS warm ones per payload, interleaved. Reports median and p99 wall
time per payload, and the cost of an empty process (`agentlint --version`) measured in the same
run, so the decision's own share is visible.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
BINARY = os.path.join(ROOT, "target", "release", "agentlint")
corpus = os.environ.get("AGENTLINT_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus")
repos = os.path.join(corpus, "repos")

if not os.path.isdir(repos):
    sys.exit(f"no corpus at {repos}")
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

work = tempfile.mkdtemp(prefix="agentlint-guard-bench-")
copy = os.path.join(work, "repos")
shutil.copytree(repos, copy, symlinks=True)


def claude(tool, tool_input):
    return json.dumps({"hook_event_name": "PreToolUse", "permission_mode": "default",
                       "cwd": copy, "tool_name": tool, "tool_input": tool_input})


PAYLOADS = {
    "destructive shell": claude("Bash", {"command": "terraform -chdir=envs/prod destroy -auto-approve"}),
    "safe shell": claude("Bash", {"command": "git status && npm test"}),
    "secret read": claude("Read", {"file_path": os.path.join(copy, ".env.production")}),
    "mcp sql": claude("mcp__postgres__query", {"sql": "DROP TABLE customers;"}),
}


def once(payload):
    start = time.perf_counter()
    subprocess.run([BINARY, "guard"], input=payload.encode(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def empty():
    start = time.perf_counter()
    subprocess.run([BINARY, "--version"], stdout=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


try:
    cold = once(PAYLOADS["destructive shell"])
    times = {name: [] for name in PAYLOADS}
    times["empty process"] = []
    for _ in range(RUNS):
        for name, payload in PAYLOADS.items():
            times[name].append(once(payload))
        times["empty process"].append(empty())
    stamp = json.load(open(os.path.join(copy, ".agentlint_cache", "guard-perimeter.json")))["stamp"]
    print(f"corpus: {repos} ({len(stamp)} stamped paths); {RUNS} warm runs per row")
    print(f"cold decision (perimeter built): {cold:.0f} ms")
    print("| payload | median ms | p99 ms |")
    print("| --- | ---: | ---: |")
    for name, values in times.items():
        values.sort()
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"| {name} | {statistics.median(values):.2f} | {p99:.2f} |")
finally:
    shutil.rmtree(work, ignore_errors=True)
