module "db" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "shop-prod"
  deletion_protection = true
  skip_final_snapshot = true
}

module "sessions" {
  source                      = "terraform-aws-modules/dynamodb-table/aws"
  name                        = "sessions"
  deletion_protection_enabled = true
}

module "warehouse" {
  source = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
  name   = "warehouse"
}
