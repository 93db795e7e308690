resource "aws_db_instance" "reservations" {
  identifier                = "reservations"
  engine                    = "postgres"
  instance_class            = "db.t3.medium"
  deletion_protection       = true
  backup_retention_period   = 14
  skip_final_snapshot       = false
  final_snapshot_identifier = "reservations-final"
  delete_automated_backups  = false

  lifecycle {
    prevent_destroy = true
  }
}
