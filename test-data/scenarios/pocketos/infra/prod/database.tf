variable "skip_snapshot" {
  type    = bool
  default = true
}

resource "aws_db_instance" "reservations" {
  identifier              = "pocketos-reservations"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  backup_retention_period = 7
  skip_final_snapshot     = var.skip_snapshot
}
