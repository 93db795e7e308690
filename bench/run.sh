#!/usr/bin/env bash
# The corpus benchmark (issue 10): agentlint against the read floor and the
# peers, on the same files, in the same run.
#
#   bench/run.sh [RUNS]          # RUNS = runs per row, median reported (default 5)
#
# Builds `cargo build --release`, then times whole processes: wall from bash's
# $EPOCHREALTIME, CPU and peak RSS from GNU time (`/usr/bin/time`). Prints a
# Markdown table and writes it to bench/results/latest.md (gitignored).
#
# Corpus: $AGENTLINT_CORPUS, else ../shared/corpus next to the repository (for a
# git worktree: next to the main checkout). Peers come from bench/.venv-peers
# (bench/install-peers.sh) or $PEERS; each one is skipped with a note when absent.
#
# Environment:
#   PEERS=DIR        where the peers are installed (default bench/.venv-peers)
#   NO_PEERS=1       skip every peer (agentlint and the floor only)
#   NO_SLOW=1        skip the slow peer rows (checkov on a module repository,
#                    detect-secrets on the whole corpus; minutes each)
#   CHECKOV_REPO=owner__name   the module repository for the checkov row
#                    (default terraform-aws-modules__terraform-aws-rds)
#   NO_BUILD=1       do not run cargo build first
set -uo pipefail
RUNS=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# --- locate the corpus ------------------------------------------------------
if [[ -n "${AGENTLINT_CORPUS:-}" ]]; then
  C=$AGENTLINT_CORPUS
elif [[ -d "$ROOT/../shared/corpus" ]]; then
  C=$ROOT/../shared/corpus
else
  # A worktree: the corpus sits next to the main checkout.
  common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  C=${common%/.git}/../shared/corpus
fi
[[ -d "$C/repos" && -f "$C/MANIFEST.tsv" ]] || {
  echo "corpus not found (tried $C); set AGENTLINT_CORPUS" >&2; exit 2; }
C=$(cd "$C" && pwd)
R=$C/repos
V=${PEERS:-$ROOT/bench/.venv-peers}
[[ -x /usr/bin/time ]] || { echo "GNU time missing: apt-get install time" >&2; exit 2; }

if [[ -z "${NO_BUILD:-}" ]]; then
  cargo build --release --quiet || exit 2
fi
AL=$ROOT/target/release/agentlint
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p bench/results

# --- file sets (from the manifest: type<TAB>path<TAB>bytes<TAB>lines) --------
sel() { awk -F'\t' -v want="$1" -v r="$R" 'NR>1 && index(want, "," $1 ",") {print r "/" $2}' "$C/MANIFEST.tsv"; }
mapfile -t WF < <(sel ,gha-workflow,)
if [[ -f "$C/zizmor-unloadable.txt" ]]; then
  mapfile -t WZ < <(sel ,gha-workflow, | grep -vxF -f <(sed "s#^#$C/#" "$C/zizmor-unloadable.txt"))
else
  WZ=("${WF[@]}")
fi
CK_REPO=${CHECKOV_REPO:-terraform-aws-modules__terraform-aws-rds}

# size FILES_OR_DIRS... -> "files bytes"
size() { find "$@" -type f -printf '%s\n' | awk '{n++; b+=$1} END {printf "%d %d\n", n, b}'; }
read -r ALL_N ALL_B < <(size "$R")
read -r TG_N TG_B < <(size "$R/bridgecrewio__terragoat")
read -r CR_N CR_B < <(size "$R/$CK_REPO")
read -r WF_N WF_B < <(size "${WF[@]}")
read -r WZ_N WZ_B < <(size "${WZ[@]}")

load() { cut -d' ' -f1 /proc/loadavg; }

# measure NAME RUNS CMD...  -> sets MED_T (median wall s), MED_M (median peak KiB),
# MED_C (median CPU s, user + system: steadier than wall when others load the machine)
# Exit codes are ignored: linters exit non-zero when they find something.
# Wall time comes from bash's $EPOCHREALTIME (microseconds) around the bare command: GNU time's
# %e has 10 ms resolution, and running under it adds ~1 ms, which matters for 10 ms runs. CPU and
# peak memory come from as many runs again under GNU time. With RUNS=1 (the slow peers) the one
# run is timed both ways at once.
measure() {
  local name=$1 runs=$2; shift 2
  local ts=() ms=() cs=() i t m u s t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    if ((runs == 1)); then
      /usr/bin/time -f '%e %M %U %S' -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    else
      "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    fi
    t1=$EPOCHREALTIME
    ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')")
    if ((runs > 1)); then
      /usr/bin/time -f '%e %M %U %S' -o "$OUT/$name.time" "$@" > /dev/null 2>&1
    fi
    read -r t m u s < <(tail -1 "$OUT/$name.time")
    ms+=("$m"); cs+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  done
  MED_C=$(printf '%s\n' "${cs[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  MED_T=$(printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  MED_M=$(printf '%s\n' "${ms[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
}

ROWS=()
NOTES=()
# row LABEL FILES BYTES RUNS RATIO_TEXT  (uses MED_T, MED_M, and the load before the row)
row() {
  local label=$1 n=$2 b=$3 runs=$4 ratio=$5 l=$6
  ROWS+=("$(awk -v l="$label" -v n="$n" -v b="$b" -v t="$MED_T" -v m="$MED_M" -v c="$MED_C" -v r="$runs" -v ra="$ratio" -v ld="$l" 'BEGIN {
    fs = (t > 0) ? sprintf("%.0f", n / t) : "–"; mbs = (t > 0) ? sprintf("%.1f", b / t / 1e6) : "–";
    printf "| %s | %d | %.1f | %.4f | %s | %s | %.2f | %.0f | %s | %d | %s |", l, n, b / 1e6, t, fs, mbs, c, m / 1024, ra, r, ld }')")
  printf '%s\n' "${ROWS[-1]}" >&2
}
# ratio AL_WALL AL_CPU -> "wall ratio | CPU ratio" of agentlint against the row just measured
ratio() { awk -v a="$1" -v p="$MED_T" -v ac="$2" -v pc="$MED_C" 'BEGIN {
  if (p > 0 && a > 0) { if (a <= p) printf "%.3g (%.3g× faster)", a / p, p / a; else printf "%.3g (%.3g× slower)", a / p, a / p } else printf "–";
  printf " | ";
  if (pc > 0 && ac > 0) { if (ac <= pc) printf "%.3g (%.3g× less)", ac / pc, pc / ac; else printf "%.3g (%.3g× more)", ac / pc, ac / pc } else printf "–" }'; }
have() { [[ -z "${NO_PEERS:-}" && -x "$1" ]]; }

START_LOAD=$(cat /proc/loadavg)
echo "# agentlint benchmark, $(date -u +%FT%TZ), runs=$RUNS, nproc=$(nproc), load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# --- warm the page cache -----------------------------------------------------
find "$R" -type f -exec cat {} + > /dev/null

# --- whole corpus: floor and agentlint -------------------------------------
l=$(load); measure floor-cat "$RUNS" sh -c "find '$R' -type f -exec cat {} + > /dev/null"
FLOOR_T=$MED_T; FLOOR_C=$MED_C; row "floor: \`cat\` every file (whole corpus)" "$ALL_N" "$ALL_B" "$RUNS" "– | –" "$l"
RG=$(command -v rg || true); [[ -z "$RG" && -x "$V/cargo/bin/rg" ]] && RG=$V/cargo/bin/rg
if [[ -n "$RG" ]]; then
  l=$(load); measure floor-rg "$RUNS" "$RG" -uuu -c . "$R"
  row "floor: \`rg -uuu -c .\` (whole corpus)" "$ALL_N" "$ALL_B" "$RUNS" "– | –" "$l"
fi
l=$(load); measure al-all "$RUNS" "$AL" check "$R" --format json
AL_ALL_T=$MED_T; AL_ALL_C=$MED_C
row "**agentlint** whole corpus, every rule" "$ALL_N" "$ALL_B" "$RUNS" "$(awk -v a="$MED_T" -v f="$FLOOR_T" -v ac="$MED_C" -v fc="$FLOOR_C" 'BEGIN {printf "%.1f× the cat floor | %.1f× the cat floor", a / f, (fc > 0 ? ac / fc : 0)}')" "$l"
AL_FINDINGS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$OUT/al-all.out" 2>/dev/null || echo "?")

# --- checkov on Terraform ----------------------------------------------------
CK="$V/bin/checkov"
CKRUNS=$(( RUNS < 3 ? RUNS : 3 ))
l=$(load); measure al-tg "$RUNS" "$AL" check "$R/bridgecrewio__terragoat" --format json; A=$MED_T; AC=$MED_C
row "agentlint: terragoat" "$TG_N" "$TG_B" "$RUNS" "– | –" "$l"
if have "$CK"; then
  l=$(load); measure ck-tg "$CKRUNS" "$CK" --quiet --compact -o json --skip-download -d "$R/bridgecrewio__terragoat" --framework terraform
  row "checkov \`--framework terraform\`: terragoat" "$TG_N" "$TG_B" "$CKRUNS" "$(ratio "$A" "$AC")" "$l"
else NOTES+=("checkov not installed ($CK): checkov rows skipped"); fi
l=$(load); measure al-cr "$RUNS" "$AL" check "$R/$CK_REPO" --format json; A=$MED_T; AC=$MED_C
row "agentlint: $CK_REPO" "$CR_N" "$CR_B" "$RUNS" "– | –" "$l"
if have "$CK" && [[ -z "${NO_SLOW:-}" ]]; then
  l=$(load); measure ck-cr 1 "$CK" --quiet --compact -o json --skip-download -d "$R/$CK_REPO" --framework terraform
  row "checkov \`--framework terraform\`: $CK_REPO" "$CR_N" "$CR_B" 1 "$(ratio "$A" "$AC")" "$l"
fi

# --- workflows: zizmor (the files it can load) and actionlint (all) ---------
l=$(load); measure al-wz "$RUNS" "$AL" check "${WZ[@]}" --format json; A=$MED_T; AC=$MED_C
row "agentlint: workflows zizmor loads" "$WZ_N" "$WZ_B" "$RUNS" "– | –" "$l"
if have "$V/bin/zizmor"; then
  l=$(load); measure zizmor "$RUNS" "$V/bin/zizmor" --offline --format json "${WZ[@]}"
  row "zizmor \`--offline\`: same workflows" "$WZ_N" "$WZ_B" "$RUNS" "$(ratio "$A" "$AC")" "$l"
else NOTES+=("zizmor not installed: row skipped"); fi
l=$(load); measure al-wf "$RUNS" "$AL" check "${WF[@]}" --format json; A=$MED_T; AC=$MED_C
row "agentlint: all workflow files" "$WF_N" "$WF_B" "$RUNS" "– | –" "$l"
if have "$V/bin/actionlint"; then
  l=$(load); measure actionlint "$RUNS" "$V/bin/actionlint" -no-color -format '{{json .}}' "${WF[@]}"
  row "actionlint (kjanat 1.17.0): same workflows" "$WF_N" "$WF_B" "$RUNS" "$(ratio "$A" "$AC")" "$l"
else NOTES+=("actionlint not installed: row skipped"); fi

# --- detect-secrets on the whole corpus (about 2 minutes: one run) ----------
if have "$V/ds/bin/detect-secrets" && [[ -z "${NO_SLOW:-}" ]]; then
  # detect-secrets skips paths outside its working directory (0 results): run it from the corpus.
  l=$(load); measure ds 1 sh -c "cd '$C' && exec '$V/ds/bin/detect-secrets' scan --all-files repos"
  DS_FOUND=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(sum(map(len, r.values())))' "$OUT/ds.out" 2>/dev/null || echo "?")
  row "detect-secrets 1.5.0 \`scan --all-files\`: whole corpus ($DS_FOUND findings)" "$ALL_N" "$ALL_B" 1 "$(ratio "$AL_ALL_T" "$AL_ALL_C")" "$l"
elif [[ -z "${NO_SLOW:-}" ]]; then NOTES+=("detect-secrets not installed ($V/ds/bin/detect-secrets): row skipped"); fi

# --- report --------------------------------------------------------------------
{
  echo "## agentlint benchmark, $(date -u +%F)"
  echo
  echo "Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), corpus $C."
  echo "Runs per row: $RUNS (checkov terragoat: $CKRUNS; checkov module repository and detect-secrets: 1). Whole-process figures: median wall (bash \`\$EPOCHREALTIME\` around the bare command), median CPU (user + system) and median peak RSS (GNU time, in as many separate runs); files/s and MB/s from the median wall. Load = 1-minute load average before the row."
  echo "Load average (1 min) at start: $(cut -d' ' -f1-3 <<< "$START_LOAD"); at end: $(cut -d' ' -f1-3 /proc/loadavg). agentlint findings on the whole corpus: $AL_FINDINGS."
  echo "Ratios = agentlint ÷ the row, on the same files (agentlint's row just above it); below 1 favours agentlint. The CPU ratio (user + system seconds) is the steadier one when the machine is loaded; the wall ratio is what a user waits."
  echo
  echo "| command | files | MB | median wall s | files/s | MB/s | CPU s | peak MiB | wall ratio (agentlint ÷ this) | CPU ratio (agentlint ÷ this) | runs | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  for n in "${NOTES[@]}"; do echo; echo "Note: $n"; done
} > bench/results/latest.md
cat bench/results/latest.md
