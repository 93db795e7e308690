# No lock on the local vault, but every rule copies each recovery point to a vault in another
# account: the copies survive whatever happens to this one.
resource "aws_backup_vault" "local" {
  name = "prod-local"
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.local.name
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"
    }
  }
}
