#!/usr/bin/env bash
# Case: a script that deletes a Railway volume with the prompt turned off.
set -euo pipefail
railway volume delete --volume "$VOLUME_ID" --yes
