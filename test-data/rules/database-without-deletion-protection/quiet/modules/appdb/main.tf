# A reusable module: protection defaults to on, but the production root turns it off.
variable "deletion_protection" {
  type    = bool
  default = true
}

resource "aws_rds_cluster" "app" {
  engine              = "aurora-postgresql"
  deletion_protection = var.deletion_protection
}
