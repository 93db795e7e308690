#!/usr/bin/env bash
set -euo pipefail
codex --sandbox workspace-write "upgrade the dependencies"
gemini -p "tidy the docs"
aider --message "rename the module"
# Case: scoped permissions and default modes.
gemini --approval-mode default -p "tidy the docs"
copilot --allow-tool 'shell(git:*)' -p "summarise the diff"
claude --permission-mode plan -p "review the change"
