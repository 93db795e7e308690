# Case: a development database may go without backups.
resource "aws_db_instance" "app" {
  identifier              = "app-dev"
  engine                  = "postgres"
  backup_retention_period = 0
  skip_final_snapshot     = true
}
