# Case: no environment in the path (warning).
resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  deletion_protection = true
  skip_final_snapshot = true
}
