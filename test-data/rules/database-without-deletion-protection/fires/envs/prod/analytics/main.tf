# Case: Cloud SQL with protection off through a local; a prevent_destroy that is false.
locals {
  protect = false
}

resource "google_sql_database_instance" "warehouse" {
  name                = "warehouse-prod"
  database_version    = "POSTGRES_16"
  region              = "europe-west1"
  deletion_protection = local.protect

  settings {
    tier = "db-custom-2-7680"
  }

  lifecycle {
    prevent_destroy = false
  }
}
