# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/google/sql/enable_backup.yaml (Apache-2.0)
# terraform.bad[0] of that file; AVD-GCP-0024 (a failure expected)

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_12"
  region           = "us-central1"
  settings {
    backup_configuration {
      enabled = false
    }
  }
}
