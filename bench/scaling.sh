#!/usr/bin/env bash
# Scaling (issue 10, deliverable 2): agentlint over 1×, 2× and 4× the corpus
# (hard-linked copies in a temp dir), and 1 vs 2 threads at 1× (and 4×).
#
#   bench/scaling.sh [RUNS]      # RUNS per row, median reported (default 3)
#   FULL=1 bench/scaling.sh      # also 4× with one thread (the longest row)
#
# Corpus located as in bench/run.sh ($AGENTLINT_CORPUS or ../shared/corpus).
# Writes bench/results/scaling.md (gitignored) and prints it.
set -uo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ -n "${AGENTLINT_CORPUS:-}" ]]; then C=$AGENTLINT_CORPUS
elif [[ -d "$ROOT/../shared/corpus" ]]; then C=$ROOT/../shared/corpus
else common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true); C=${common%/.git}/../shared/corpus; fi
[[ -d "$C/repos" ]] || { echo "corpus not found (tried $C); set AGENTLINT_CORPUS" >&2; exit 2; }
R=$(cd "$C/repos" && pwd)
[[ -z "${NO_BUILD:-}" ]] && { cargo build --release --quiet || exit 2; }
AL=$ROOT/target/release/agentlint
mkdir -p bench/results

# Copies: hard links when the temp dir is on the corpus's file system, else cp.
T=$(mktemp -d "${TMPDIR:-/tmp}/agentlint-scaling.XXXXXX")
trap 'rm -rf "$T"' EXIT
for k in 2 4; do
  for ((i = 1; i <= k; i++)); do
    mkdir -p "$T/x$k"
    cp -al "$R" "$T/x$k/copy$i" 2>/dev/null || cp -a "$R" "$T/x$k/copy$i"
  done
done
find "$T" -type f -exec cat {} + > /dev/null   # warm the page cache

med() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ROWS=()
BASE_T=
BASE_C=
# point LABEL DIR THREADS
point() {
  local label=$1 dir=$2 threads=$3 ts=() ms=() cs=() i t m c u s n b l
  read -r n b < <(find "$dir" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n, s}')
  l=$(cut -d' ' -f1 /proc/loadavg)
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f '%e %M %U %S' -o "$T/time" "$AL" check "$dir" --format json --threads "$threads" > /dev/null 2>&1
    read -r t m u s < <(tail -1 "$T/time"); ts+=("$t"); ms+=("$m"); cs+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  done
  t=$(printf '%s\n' "${ts[@]}" | med); m=$(printf '%s\n' "${ms[@]}" | med); c=$(printf '%s\n' "${cs[@]}" | med)
  [[ -z "$BASE_T" ]] && { BASE_T=$t; BASE_C=$c; }
  ROWS+=("$(awk -v l="$label" -v n="$n" -v b="$b" -v t="$t" -v m="$m" -v th="$threads" -v bt="$BASE_T" -v c="$c" -v bc="$BASE_C" -v ld="$l" -v all="$(printf '%s ' "${ts[@]}")" 'BEGIN {
    printf "| %s | %d | %d | %.1f | %.3f | %.1f | %.2f | %.2f | %.0f | %.2f | %s| %s |", l, th, n, b / 1e6, t, b / t / 1e6, c, c / bc, m / 1024, t / bt, all, ld }')")
  printf '%s\n' "${ROWS[-1]}" >&2
}
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
point "1× corpus" "$R" 2
point "2× corpus" "$T/x2" 2
point "4× corpus" "$T/x4" 2
point "1× corpus, 1 thread" "$R" 1
[[ -n "${FULL:-}" ]] && point "4× corpus, 1 thread" "$T/x4" 1
{
  echo "## agentlint scaling, $(date -u +%F)"
  echo
  echo "Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, runs per row: $RUNS (median). Copies are hard links of the corpus under distinct directories."
  echo "Load average at start: $START_LOAD; at end: $(cut -d' ' -f1-3 /proc/loadavg). \"× 1× wall/CPU\" = the row's median wall (CPU = user + system) ÷ the first row's. Parallel speed-up = the 1-thread wall ÷ the 2-thread wall at the same size."
  echo
  echo "| input | threads | files | MB | median wall s | MB/s | CPU s | × 1× CPU | peak MiB | × 1× wall | all runs, wall s | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} > bench/results/scaling.md
cat bench/results/scaling.md
