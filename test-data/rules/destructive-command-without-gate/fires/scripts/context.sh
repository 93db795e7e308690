#!/usr/bin/env bash
# Case: earlier commands select the target and turn the prompt off for later ones.
set -euo pipefail
export PULUMI_SKIP_CONFIRMATIONS=true
cd stacks/prod
pulumi destroy
