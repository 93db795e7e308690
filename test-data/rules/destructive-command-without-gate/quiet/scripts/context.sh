#!/usr/bin/env bash
# Case: the variable that would turn the prompt off is set for another command only.
set -euo pipefail
PULUMI_SKIP_CONFIRMATIONS=true pulumi preview
cd stacks/prod
pulumi destroy
