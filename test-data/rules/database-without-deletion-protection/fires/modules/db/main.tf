# Case: no environment shown by the path, protection off (warning); unresolvable (info).
variable "deletion_protection" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier          = "shared"
  deletion_protection = false
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = var.deletion_protection
}
