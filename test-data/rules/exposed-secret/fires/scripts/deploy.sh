#!/usr/bin/env bash
# Case: an Authorization header with a literal bearer token in a curl call.
set -euo pipefail
curl -fsS -X POST https://api.acme.io/v1/deploys \
  -H "Authorization: Bearer AgLintBearerfljoQoaF1LlqsajAIxNKu8iS2G8N" \
  -d '{"ref":"main"}'
