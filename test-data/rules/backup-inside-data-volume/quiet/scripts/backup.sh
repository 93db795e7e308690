#!/usr/bin/env bash
# Case: dumps written outside the data directory and streamed to object storage.
set -euo pipefail
pg_dump -h localhost -U app -f /srv/backups/app-nightly.sql app
pg_dump -h localhost -U app app | gzip | aws s3 cp - s3://acme-backups-offsite/app-nightly.sql.gz
mysqldump --single-transaction shop > /srv/backups/shop-nightly.sql
