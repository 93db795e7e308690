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
