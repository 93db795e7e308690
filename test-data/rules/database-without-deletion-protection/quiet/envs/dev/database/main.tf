# Case: a development database may be deleted.
resource "aws_db_instance" "app" {
  identifier          = "app-dev"
  engine              = "postgres"
  deletion_protection = false
  skip_final_snapshot = true
}
