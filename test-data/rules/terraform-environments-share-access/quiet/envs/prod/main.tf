terraform {
  backend "s3" {
    bucket = "pocketos-terraform-state"
    key    = "prod/terraform.tfstate"
  }
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::777788889999:role/terraform-deploy-prod"
  }
}
