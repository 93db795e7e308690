#!/usr/bin/env bash
# Case: a suppression naming a rule that does not report here.
railway volume delete --volume "$VOLUME_ID"  # agentlint: ignore[AL303] asks before deleting
