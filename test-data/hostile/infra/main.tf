resource "aws_db_instance" "x" {
  deletion_protection = 
  skip_final_snapshot = true
