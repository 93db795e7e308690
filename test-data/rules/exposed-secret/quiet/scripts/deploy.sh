#!/usr/bin/env bash
# Case: an Authorization header built from a variable.
set -euo pipefail
curl -fsS -X POST https://api.acme.io/v1/deploys \
  -H "Authorization: Bearer ${DEPLOY_TOKEN}" \
  -d '{"ref":"main"}'
