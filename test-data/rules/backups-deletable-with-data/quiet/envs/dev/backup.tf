# Development backups may be disposable.
resource "aws_backup_vault" "dev" {
  name          = "dev"
  force_destroy = true
}
