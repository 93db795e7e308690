# Case: no final snapshot, automated backups deleted with the instance (the default).
resource "aws_db_instance" "app" {
  identifier              = "app-prod"
  engine                  = "postgres"
  deletion_protection     = true
  backup_retention_period = 7
  skip_final_snapshot     = true
}

# Case: automated backups turned off.
resource "aws_db_instance" "replica" {
  identifier              = "app-prod-reporting"
  engine                  = "postgres"
  deletion_protection     = true
  backup_retention_period = 0
}

# Case: skip_final_snapshot through a variable default, delete_automated_backups explicitly true.
resource "aws_rds_cluster" "ledger" {
  cluster_identifier       = "ledger-prod"
  engine                   = "aurora-postgresql"
  deletion_protection      = true
  skip_final_snapshot      = var.skip_snapshot
  delete_automated_backups = true
}

variable "skip_snapshot" {
  type    = bool
  default = true
}
