#!/usr/bin/env bash
# Case: pg_dump writing into the data directory (`-f`), and mysqldump by redirection.
set -euo pipefail
pg_dump -h localhost -U app -f /var/lib/postgresql/data/backup-nightly.sql app
mysqldump --single-transaction shop > /var/lib/mysql/shop-nightly.sql
