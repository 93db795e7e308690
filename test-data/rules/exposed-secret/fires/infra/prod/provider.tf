# Case: an AWS key pair written into a Terraform provider block.
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAAGLINTFIXTUREUVW"
  secret_key = "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"
}
