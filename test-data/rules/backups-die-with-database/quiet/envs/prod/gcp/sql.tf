resource "google_sql_database_instance" "kept" {
  name                     = "prod-kept"
  database_version         = "POSTGRES_16"
  deletion_protection      = false
  settings {
    tier                     = "db-custom-2-7680"
    retain_backups_on_delete = true
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "protected" {
  name             = "prod-protected"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}
