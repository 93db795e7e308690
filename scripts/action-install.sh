#!/usr/bin/env bash
# The action's (action.yml) first step: install the release binary for this runner into DIR.
#
#   scripts/action-install.sh DIR
#
# The runner's RUNNER_OS/RUNNER_ARCH pick the release target (AGENTLINT_TARGET overrides it);
# the version is AGENTLINT_VERSION, else the version in this checkout's Cargo.toml, i.e. the
# action's own version; AGENTLINT_RELEASE_BASE overrides where archives are downloaded from.
# Downloading and verifying is scripts/install.sh's job: it runs nothing before the checksum
# verified and installs nothing that failed.
#
# Exit codes: 0 installed DIR/agentlint; 3 no verified release binary for this runner (no such
# release or asset, a failed checksum, or a binary that does not run here): the action builds
# from source instead; anything else is an unexpected error (the action falls back too, louder).
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/action-install.sh DIR" >&2
  exit 2
fi
dir=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

target=${AGENTLINT_TARGET:-}
if [ -z "$target" ]; then
  # Linux X64 takes the static musl build: self-hosted runners may have an older glibc than the
  # one the gnu build was linked against.
  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS/X64) target=x86_64-apple-darwin ;;
    macOS/ARM64) target=aarch64-apple-darwin ;;
    Windows/X64) target=x86_64-pc-windows-msvc ;;
    *)
      echo "agentlint: no release binary for runner ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}" >&2
      exit 3
      ;;
  esac
fi

status=0
AGENTLINT_TARGET=$target bash "$here/install.sh" --to "$dir" || status=$?
case "$status" in
  0) exit 0 ;;
  3 | 4) exit 3 ;;
  *) exit "$status" ;;
esac
