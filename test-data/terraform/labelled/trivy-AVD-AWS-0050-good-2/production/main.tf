# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/aws/elasticache/enable_backup_retention.yaml (Apache-2.0)
# terraform.good[2] of that file; AVD-AWS-0050 (no failure expected)

resource "aws_elasticache_cluster" "good_example" {
  engine    = "redis"
  node_type = "cache.t1.micro"
}
