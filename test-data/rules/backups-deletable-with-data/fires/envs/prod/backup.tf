resource "aws_backup_vault" "main" {
  name          = "prod"
  force_destroy = true
}

resource "aws_backup_vault" "unlocked" {
  name = "prod-unlocked"
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.unlocked.name
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "azurerm_recovery_services_vault" "vault" {
  name                = "prod-vault"
  location            = "westeurope"
  resource_group_name = "prod"
  sku                 = "Standard"
  soft_delete_enabled = false
  immutability        = "Disabled"
}

resource "azurerm_data_protection_backup_vault" "dp" {
  name                = "prod-dp"
  resource_group_name = "prod"
  location            = "westeurope"
  datastore_type      = "VaultStore"
  redundancy          = "LocallyRedundant"
  soft_delete         = "Off"
}

resource "aws_s3_bucket" "db_backups" {
  bucket = "pocketos-prod-db-backups"
}

resource "aws_dlm_lifecycle_policy" "ebs" {
  description        = "daily EBS snapshots"
  execution_role_arn = "arn:aws:iam::111122223333:role/dlm"
  state              = "ENABLED"

  policy_details {
    resource_types = ["VOLUME"]
    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 7
      }
    }
  }
}

resource "railway_volume" "pgdata" {
  name       = "pgdata"
  service_id = "svc-123"
  mount_path = "/var/lib/postgresql/data"
}
