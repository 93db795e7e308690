resource "aws_s3_bucket" "uploads" {
  bucket = "pocketos-prod-uploads"

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_storage_bucket" "exports" {
  name          = "pocketos-prod-exports"
  location      = "EU"
  force_destroy = false
}
