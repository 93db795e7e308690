# Terraform-side protection off, but drop protection on: any delete call is refused.
resource "google_spanner_database" "orders" {
  instance               = "orders"
  name                   = "orders"
  deletion_protection    = false
  enable_drop_protection = true
}

# The default deletion policy (ABANDON) leaves the database in place on destroy, and the API
# refuses a delete.
resource "google_firestore_database" "app" {
  name                    = "(default)"
  location_id             = "eur3"
  type                    = "FIRESTORE_NATIVE"
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
}

resource "google_firestore_database" "audit" {
  name                    = "audit"
  location_id             = "eur3"
  type                    = "FIRESTORE_NATIVE"
  deletion_policy         = "DELETE"
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
}

resource "google_bigtable_table" "events" {
  name          = "events"
  instance_name = "events"
}

# A deleted project stays recoverable for 30 days: not judged.
resource "google_project" "prod" {
  name            = "shop-prod"
  project_id      = "shop-prod"
  deletion_policy = "DELETE"
}
