# Case: protection off by a literal.
resource "aws_db_instance" "app" {
  identifier          = "app-prod"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  deletion_protection = false
}

# Case: protection off through a variable's default.
resource "aws_rds_cluster" "ledger" {
  cluster_identifier  = "ledger-prod"
  engine              = "aurora-postgresql"
  deletion_protection = var.protect_ledger
}

variable "protect_ledger" {
  type    = bool
  default = false
}

# Case: protection never set, and the provider's default is off.
resource "aws_docdb_cluster" "events" {
  cluster_identifier = "events-prod"
}

# Protected by default in their providers, turned off here.
resource "aws_qldb_ledger" "audit" {
  name                = "audit-prod"
  permissions_mode    = "STANDARD"
  deletion_protection = false
}

resource "google_bigquery_table" "events" {
  dataset_id          = "analytics_prod"
  table_id            = "events"
  deletion_protection = false
}

resource "google_bigtable_instance" "metrics" {
  name                = "metrics-prod"
  deletion_protection = false
}
