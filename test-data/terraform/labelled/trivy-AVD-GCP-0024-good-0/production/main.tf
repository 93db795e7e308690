# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/google/sql/enable_backup.yaml (Apache-2.0)
# terraform.good[0] of that file; AVD-GCP-0024 (no failure expected)

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_12"
  region           = "us-central1"
  settings {
    backup_configuration {
      enabled = true
    }
  }
}

resource "google_sql_database_instance" "new_instance_sql_replica" {
  name                 = "replica"
  database_version     = "POSTGRES_12"
  region               = "us-central1"
  master_instance_name = google_sql_database_instance.db.name
  replica_configuration {
    connect_retry_interval  = 0
    failover_target         = false
    master_heartbeat_period = 0
  }
}
