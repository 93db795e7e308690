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

# Build artifacts a pipeline puts back: reported as a note.
resource "google_storage_bucket" "cloudbuild_artifacts" {
  name          = "shop-prod-cloudbuild-artifacts"
  location      = "EU"
  force_destroy = true
}
