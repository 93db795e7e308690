#!/usr/bin/env bash
# Case: agents started from a script with confirmation turned off.
set -euo pipefail
codex --yolo "upgrade the dependencies"
gemini --approval-mode=yolo -p "tidy the docs"
copilot --allow-all-tools -p "triage the failing job"
aider --yes-always --message "rename the module"
cursor-agent --force "apply the migration"
# Case: the same, in the other spellings the agents' references give.
npx -y @anthropic-ai/claude-code --dangerously-skip-permissions -p "fix the build"
gemini --approval-mode yolo -p "tidy the docs"
copilot --allow-tool shell -p "triage the failing job"
amp --dangerously-allow-all -x "clean up"
kiro-cli chat --trust-all-tools
cn -p --allow "*" "rename the module"
# Case: the option on a continued line of its own, in the middle and at the end.
claude -p "summarise the incident" \
  --dangerously-skip-permissions \
  --output-format json
claude -p "close the sprint" \
  --dangerously-skip-permissions
echo "done"
