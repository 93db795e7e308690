# Terraform-side protection turned off, and no drop protection on the API side.
resource "google_spanner_database" "orders" {
  instance            = "orders"
  name                = "orders"
  deletion_protection = false
}

resource "google_firestore_database" "app" {
  name            = "(default)"
  location_id     = "eur3"
  type            = "FIRESTORE_NATIVE"
  deletion_policy = "DELETE"
}

resource "google_bigtable_table" "events" {
  name                = "events"
  instance_name       = "events"
  deletion_protection = "UNPROTECTED"
}

# `deletion_protection` (true by default) stops `terraform destroy` only: an API call still
# deletes the instance (a warning).
resource "google_sql_database_instance" "ledger" {
  name             = "ledger"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
  }
}
