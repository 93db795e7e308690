#!/usr/bin/env bash
# Case: a trailing suppression naming two rules, without a reason.
railway volume delete --volume "$VOLUME_ID" --yes  # agentlint: ignore[AL303, AL101]
