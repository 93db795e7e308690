#!/usr/bin/env bash
set -euo pipefail
codex --sandbox workspace-write "upgrade the dependencies"
gemini -p "tidy the docs"
aider --message "rename the module"
