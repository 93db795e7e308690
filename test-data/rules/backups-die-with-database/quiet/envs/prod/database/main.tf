# Case: a final snapshot is taken.
resource "aws_db_instance" "app" {
  identifier                = "app-prod"
  engine                    = "postgres"
  deletion_protection       = true
  backup_retention_period   = 14
  skip_final_snapshot       = false
  final_snapshot_identifier = "app-prod-final"
}

# Case: no final snapshot, but automated backups are retained after deletion.
resource "aws_db_instance" "reporting" {
  identifier               = "app-prod-reporting"
  engine                   = "postgres"
  deletion_protection      = true
  backup_retention_period  = 7
  skip_final_snapshot      = true
  delete_automated_backups = false
}

# Case: skip_final_snapshot not set: its default, false, takes a final snapshot.
resource "aws_rds_cluster" "ledger" {
  cluster_identifier        = "ledger-prod"
  engine                    = "aurora-postgresql"
  deletion_protection       = true
  final_snapshot_identifier = "ledger-prod-final"
}
