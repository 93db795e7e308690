terraform {
  backend "s3" {
    bucket = "pocketos-terraform-state"
    key    = "app/terraform.tfstate"
  }
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform-deploy"
  }
}
