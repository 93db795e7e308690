#!/bin/sh
# Seed the fuzz corpora from test-data (corpora are not committed: fuzz/corpus is gitignored).
# Usage: fuzz/seed.sh   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../test-data"
corpus="$here/corpus"
seed() { # target, find expression...
    target=$1; shift
    mkdir -p "$corpus/$target"
    find "$data" -type f "$@" | while read -r f; do
        cp "$f" "$corpus/$target/$(echo "$f" | sed "s|$data/||; s|/|_|g")"
    done
    # Regression inputs are seeds too.
    if [ -d "$here/regressions/$target" ]; then
        cp "$here/regressions/$target"/* "$corpus/$target/" 2>/dev/null || true
    fi
}
seed fuzz_yaml \( -name '*.yml' -o -name '*.yaml' \)
seed fuzz_json -name '*.json'
seed fuzz_toml -name '*.toml'
seed fuzz_hcl \( -name '*.tf' -o -name '*.tfvars' -o -name '*.hcl' \)
seed fuzz_markdown \( -name '*.md' -o -name '*.mdc' -o -name '.cursorrules' \)
seed fuzz_dotenv -name '.env*'
seed fuzz_shell \( -name '*.sh' -o -name '.envrc' \)
# The pipeline reads NUL-separated files in the order of PIPELINE_NAMES (src/lib.rs):
# .env.staging, workflow, main.tf, CLAUDE.md, .mcp.json, .env.production, ...
mkdir -p "$corpus/fuzz_pipeline"
for dir in "$data"/scenarios/* "$data"/rules/*/* "$data"/hostile; do
    [ -d "$dir" ] || continue
    out="$corpus/fuzz_pipeline/$(echo "$dir" | sed "s|$data/||; s|/|_|g")"
    : > "$out"
    for pattern in '.env.staging' '*.yml' '*.tf' 'CLAUDE.md' '.mcp.json' '.env.production' \
        'config.toml' '*.sh' '*.tfvars' 'docker-compose*.yml' '.gitlab-ci.yml' '*.mdc' 'settings.json'; do
        f=$(find "$dir" -type f -name "$pattern" | head -n 1)
        [ -n "$f" ] && cat "$f" >> "$out"
        printf '\000' >> "$out"
    done
done
if [ -d "$here/regressions/fuzz_pipeline" ]; then
    cp "$here/regressions/fuzz_pipeline"/* "$corpus/fuzz_pipeline/" 2>/dev/null || true
fi
for d in "$corpus"/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
