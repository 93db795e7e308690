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
