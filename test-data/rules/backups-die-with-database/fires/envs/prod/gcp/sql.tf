resource "google_sql_database_instance" "no_backups" {
  name             = "prod-no-backups"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = false
    }
  }
}

resource "google_sql_database_instance" "erased_on_delete" {
  name                = "prod-erased"
  database_version    = "POSTGRES_16"
  deletion_protection = false
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}
