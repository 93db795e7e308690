# Named for nothing in particular, but the nightly job writes database dumps here: a backup
# location by its role, without versioning or object lock.
resource "aws_s3_bucket" "nightly" {
  bucket = "acme-prod-nightly"
}
