variable "allow_destroy" {
  default = true
}

# Literal force_destroy on a production bucket.
resource "aws_s3_bucket" "uploads" {
  bucket        = "pocketos-prod-uploads"
  force_destroy = true
}

# Through a variable default.
resource "google_storage_bucket" "exports" {
  name          = "pocketos-prod-exports"
  location      = "EU"
  force_destroy = var.allow_destroy
}
