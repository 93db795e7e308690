#!/usr/bin/env bash
# Case: look-alikes of every family: reads, dry runs, plans, prompts left on, harmless SQL.
set -euo pipefail
gcloud --project acme-prod sql instances describe app-db
az group show --name rg-prod
pulumi -C infra preview
kubectl --context prod -n app delete pvc data-app-0 --dry-run=client
npx prisma@5.1.0 migrate deploy
heroku pg:info --app acme-prod
aws s3 sync ./site s3://acme-prod-site
aws s3 sync ./site s3://acme-prod-site --delete --dryrun
docker compose -f prod.yml down
curl -X GET "https://api.cloudflare.com/client/v4/zones/$ZONE_ID"
psql "$DATABASE_URL" -c "SELECT * FROM audit WHERE action LIKE 'DROP TABLE%'"
psql "$DATABASE_URL" -c "DELETE FROM sessions WHERE expires_at < now()"
redis-cli ACL SETUSER app on -flushall
terraform plan -destroy
echo "terraform destroy -auto-approve"
