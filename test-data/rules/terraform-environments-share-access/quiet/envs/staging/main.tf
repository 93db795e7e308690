terraform {
  backend "s3" {
    bucket = "pocketos-terraform-state"
    key    = "staging/terraform.tfstate"
  }
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform-deploy-staging"
  }
}
