#!/bin/sh
set -eu
pg_dump --host "$DB_HOST" app | gzip | aws s3 cp - s3://acme-prod-nightly/app.sql.gz
