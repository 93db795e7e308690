#!/usr/bin/env bash
# Case: an Authorization header with a literal token in a curl call.
set -euo pipefail
curl -fsS -X POST https://api.github.com/repos/acme/app/dispatches \
  -H "Authorization: Bearer ghp_AgLintCurlHeaderNqVwYS81VP7Hb1DX8pPd" \
  -d '{"event_type":"deploy"}'
