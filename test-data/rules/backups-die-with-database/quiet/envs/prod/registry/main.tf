module "db" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "shop-prod"
  deletion_protection = true
}

module "sessions" {
  source                         = "terraform-aws-modules/dynamodb-table/aws"
  name                           = "sessions"
  point_in_time_recovery_enabled = true
}

module "warehouse" {
  source = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
  name   = "warehouse"
  backup_configuration = {
    enabled = true
  }
}

# MySQL is highly available, with backups, by default.
module "orders" {
  source = "GoogleCloudPlatform/sql-db/google//modules/mysql"
  name   = "orders"
}
