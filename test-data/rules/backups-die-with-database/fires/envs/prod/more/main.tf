resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier                  = "warehouse"
  node_type                           = "ra3.xlplus"
  automated_snapshot_retention_period = 0
}

resource "aws_docdb_cluster" "events" {
  cluster_identifier  = "events"
  skip_final_snapshot = true
}

resource "google_sql_database_instance" "billing" {
  name             = "billing"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}

# Lustre skips the final backup unless told otherwise; its automatic backups go with it.
resource "aws_fsx_lustre_file_system" "scratch_results" {
  storage_capacity                  = 1200
  subnet_ids                        = ["subnet-0a1b2c3d"]
  deployment_type                   = "PERSISTENT_2"
  automatic_backup_retention_days   = 7
}

resource "aws_fsx_windows_file_system" "shares" {
  storage_capacity                = 300
  subnet_ids                      = ["subnet-0a1b2c3d"]
  throughput_capacity             = 32
  automatic_backup_retention_days = 14
  skip_final_backup               = true
}
