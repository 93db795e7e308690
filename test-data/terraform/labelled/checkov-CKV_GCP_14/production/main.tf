# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/gcp/test_GoogleCloudSqlBackupConfiguration.py (Apache-2.0)
# Transcribed to HCL from the python-hcl2 dicts the unit tests pass to the check;
# each resource is named after its test function.

resource "google_sql_database_instance" "test_failure" {
  name               = "google_cluster"
  monitoring_service = "none"
}

resource "google_sql_database_instance" "test_success" {
  name             = "terraform-master"
  region           = "asia-northeasteast1"
  database_version = "MYSQL_5_6"
  project          = "test-141901"

  settings {
    tier             = "db-f1-micro"
    replication_type = "SYNCHRONOUS"

    backup_configuration {
      enabled    = true
      start_time = "17:00"
    }

    ip_configuration {
      ipv4_enabled = true
    }

    # the test's dict holds one flag with name ["slow_query_log", "character_set_server"] and
    # value ["on", "utf8mb4"]; written here as the two flags it means
    database_flags {
      name  = "slow_query_log"
      value = "on"
    }

    database_flags {
      name  = "character_set_server"
      value = "utf8mb4"
    }
  }
}

# test_replica_unknown (a resource with master_instance_name, CheckResult.UNKNOWN) is left out.
