#!/usr/bin/env bash
railway volume delete --volume "$VOLUME_ID" --yes  # agentlint: ignore[AL303] runs only in the throwaway preview project
