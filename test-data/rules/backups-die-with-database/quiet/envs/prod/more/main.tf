resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

# A read replica keeps no backups of its own.
resource "google_sql_database_instance" "billing_replica" {
  name                 = "billing-replica"
  database_version     = "POSTGRES_16"
  master_instance_name = "billing"
  settings {
    tier = "db-custom-2-7680"
  }
}

# Highly available instances have backups on.
resource "google_sql_database_instance" "ha" {
  name             = "ha"
  database_version = "MYSQL_8_0"
  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"
  }
}

# Settings written from data the linter cannot see are not judged.
resource "google_sql_database_instance" "dynamic" {
  name             = "dynamic"
  database_version = "POSTGRES_16"
  dynamic "settings" {
    for_each = [1]
    content {
      tier = "db-custom-2-7680"
    }
  }
}

# A scratch file system with no automatic backups: built to be rebuilt.
resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-0a1b2c3d"]
  deployment_type  = "SCRATCH_2"
}

# Windows takes a final backup by default.
resource "aws_fsx_windows_file_system" "shares" {
  storage_capacity                = 300
  subnet_ids                      = ["subnet-0a1b2c3d"]
  throughput_capacity             = 32
  automatic_backup_retention_days = 14
}
