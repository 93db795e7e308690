#!/usr/bin/env bash
# Where one agentlint run over the corpus spends its time (perf, software clock:
# works in VMs without hardware counters). Needs Debian's linux-perf.
#
#   bench/profile.sh            # top 15 self, top agentlint functions inclusive
#
# Keeps the perf data in bench/results/ (gitignored) for `perf report -i …`.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ -n "${AGENTLINT_CORPUS:-}" ]]; then C=$AGENTLINT_CORPUS
elif [[ -d "$ROOT/../shared/corpus" ]]; then C=$ROOT/../shared/corpus
else common=$(git rev-parse --path-format=absolute --git-common-dir); C=${common%/.git}/../shared/corpus; fi
cargo build --release --quiet
mkdir -p bench/results
AL=target/release/agentlint
echo "load: $(cat /proc/loadavg)"
perf record -q -e cpu-clock -F 999 -o bench/results/flat.data "$AL" check "$C/repos" --format json > /dev/null || true
perf record -q -e cpu-clock -F 299 --call-graph dwarf,8192 -o bench/results/cg.data "$AL" check "$C/repos" --format json > /dev/null || true
echo "## self time by shared object"
perf report -i bench/results/flat.data --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -5
echo "## self time, top 15 functions"
perf report -i bench/results/flat.data --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
echo "## inclusive time, agentlint and tree-sitter functions (top 30)"
perf report -i bench/results/cg.data --children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' \
  | grep -E 'agentlint::|ts_parser_parse |ts_parser_new|ts_tree_delete|_int_malloc|_int_free' | grep -v '(inlined)' | head -30
