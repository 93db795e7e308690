# Case: a conditional whose branches agree.
resource "aws_dynamodb_table" "sessions" {
  name                        = "sessions-prod"
  hash_key                    = "id"
  deletion_protection_enabled = var.strict ? true : true

  attribute {
    name = "id"
    type = "S"
  }
}

variable "strict" {
  type = bool
}
