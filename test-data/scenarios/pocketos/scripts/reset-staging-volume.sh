#!/usr/bin/env bash
# Recreate the staging database volume from scratch.
set -euo pipefail
source "$(dirname "$0")/../ops/custom-domains/.env"
curl -s -X POST https://backboard.railway.com/graphql/v2 \
  -H "Authorization: Bearer $RAILWAY_API_TOKEN" \
  -H "Content-Type: application/json" \
  -d "{\"query\":\"mutation { volumeDelete(volumeId: \\\"$VOLUME_ID\\\") }\"}"
