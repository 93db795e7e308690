#!/usr/bin/env bash
# Case: agents started from a script with confirmation turned off.
set -euo pipefail
codex --yolo "upgrade the dependencies"
gemini --approval-mode=yolo -p "tidy the docs"
copilot --allow-all-tools -p "triage the failing job"
aider --yes-always --message "rename the module"
cursor-agent --force "apply the migration"
