#!/bin/sh
# Run every fuzz target for SECONDS (default 600) each, two at a time, keeping going after crashes.
# Logs in fuzz/logs/<target>.log, crashing inputs in fuzz/artifacts/<target>/.
# Arguments: pairs such as fuzz_yaml:fuzz_hcl (default: all eight, in four pairs).
# Needs cargo-fuzz; on stable Rust: RUSTC_BOOTSTRAP=1 (set here).
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
seconds=${SECONDS_PER_TARGET:-600}
export RUSTC_BOOTSTRAP=1
mkdir -p logs
run() {
    t=$1
    mkdir -p "artifacts/$t" "corpus/$t"
    cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "logs/$t.log" 2>&1
}
[ $# -gt 0 ] || set -- fuzz_yaml:fuzz_hcl fuzz_json:fuzz_toml fuzz_markdown:fuzz_dotenv fuzz_shell:fuzz_pipeline
for pair in "$@"; do
    for t in $(echo "$pair" | tr ':' ' '); do run "$t" & done
    wait
done
