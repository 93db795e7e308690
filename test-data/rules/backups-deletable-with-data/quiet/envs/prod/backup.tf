resource "aws_backup_vault" "main" {
  name = "prod"
}

resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name   = aws_backup_vault.main.name
  changeable_for_days = 3
  min_retention_days  = 7
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"
    }
  }
}

resource "azurerm_recovery_services_vault" "vault" {
  name                = "prod-vault"
  location            = "westeurope"
  resource_group_name = "prod"
  sku                 = "Standard"
  immutability        = "Locked"
}

resource "aws_s3_bucket" "db_backups" {
  bucket              = "pocketos-prod-db-backups"
  object_lock_enabled = true
}

resource "aws_s3_bucket" "logs_backup" {
  bucket = "pocketos-prod-logs-backup"
}

resource "aws_s3_bucket_versioning" "logs_backup" {
  bucket = aws_s3_bucket.logs_backup.id
  versioning_configuration {
    status = "Enabled"
  }
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
      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        retain_rule {
          interval      = 30
          interval_unit = "DAYS"
        }
      }
    }
  }
}
