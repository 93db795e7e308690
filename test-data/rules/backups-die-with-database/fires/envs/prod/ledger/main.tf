# Case: skip_final_snapshot set in terraform.tfvars.
resource "aws_rds_cluster" "audit" {
  cluster_identifier  = "audit-prod"
  engine              = "aurora-postgresql"
  deletion_protection = true
  skip_final_snapshot = var.skip_final_snapshot
}

variable "skip_final_snapshot" {
  type    = bool
  default = false
}
