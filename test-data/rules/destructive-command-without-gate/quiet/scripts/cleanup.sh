#!/usr/bin/env bash
# Case: destructive commands that keep their own confirmation prompt.
set -euo pipefail
railway volume delete --volume "$VOLUME_ID"
terraform destroy
aws rds delete-db-instance --db-instance-identifier app-db --final-db-snapshot-identifier app-db-final
echo "docker compose down -v"
