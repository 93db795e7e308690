# Case: protection on.
resource "aws_db_instance" "app" {
  identifier          = "app-prod"
  engine              = "postgres"
  deletion_protection = true
}

# Case: protection on through a variable overridden in terraform.tfvars.
resource "aws_rds_cluster" "ledger" {
  cluster_identifier  = "ledger-prod"
  deletion_protection = var.protect_ledger
}

variable "protect_ledger" {
  type    = bool
  default = false
}

# Case: protection off, but Terraform refuses to destroy it.
resource "aws_docdb_cluster" "events" {
  cluster_identifier  = "events-prod"
  deletion_protection = false

  lifecycle {
    prevent_destroy = true
  }
}

# Case: Cloud SQL's Terraform-side default is on, and the API-side protection is set.
resource "google_sql_database_instance" "warehouse" {
  name             = "warehouse-prod"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier                        = "db-custom-2-7680"
    deletion_protection_enabled = true
  }
}

# Protected by default in their providers: left unset, or set explicitly.
resource "aws_qldb_ledger" "audit" {
  name             = "audit-prod"
  permissions_mode = "STANDARD"
}

resource "google_bigquery_table" "events" {
  dataset_id = "analytics_prod"
  table_id   = "events"
}

resource "google_bigtable_instance" "metrics" {
  name                = "metrics-prod"
  deletion_protection = true
}
