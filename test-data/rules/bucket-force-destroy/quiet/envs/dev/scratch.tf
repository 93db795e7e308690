# Development scratch space may be destroyed freely.
resource "aws_s3_bucket" "scratch" {
  bucket        = "pocketos-dev-scratch"
  force_destroy = true
}
