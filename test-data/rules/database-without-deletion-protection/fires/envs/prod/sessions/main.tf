# Case: protection off through terraform.tfvars.
resource "aws_dynamodb_table" "sessions" {
  name                        = "sessions-prod"
  hash_key                    = "id"
  billing_mode                = "PAY_PER_REQUEST"
  deletion_protection_enabled = var.sessions_protected

  attribute {
    name = "id"
    type = "S"
  }
}

variable "sessions_protected" {
  type    = bool
  default = true
}
