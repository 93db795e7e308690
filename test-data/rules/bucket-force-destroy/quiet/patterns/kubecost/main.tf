# A deployable example pattern: judged like test and example folders, not as production.
resource "aws_s3_bucket" "athena_results" {
  bucket_prefix = "kubecost-athena-results-"
  force_destroy = true
}
