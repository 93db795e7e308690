#!/usr/bin/env bash
# Case: one destructive command per family of the catalogue, each with nobody asked.
set -euo pipefail
gcloud --project acme-prod sql instances delete app-db --quiet
az group delete --name rg-prod --yes
pulumi -C infra destroy --yes
kubectl --context prod -n app delete pvc data-app-0
RAILS_ENV=production bin/rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1
npx prisma@5.1.0 migrate reset --force
heroku pg:reset DATABASE_URL --confirm acme-prod
aws s3 sync ./empty s3://acme-prod-uploads --delete
docker compose -f prod.yml down -v
curl -X DELETE "https://api.cloudflare.com/client/v4/zones/$ZONE_ID"
echo "DROP SCHEMA public CASCADE;" | psql "$DATABASE_URL"
sudo -u postgres bash -c 'dropdb app'
ssh admin@db.prod 'redis-cli FLUSHALL'
