# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/test_DynamodbRecovery.py (Apache-2.0)
# Transcribed to HCL from the python-hcl2 dicts the unit tests pass to the check;
# each resource is named after its test function.

resource "aws_dynamodb_table" "test_failure" {
  name         = "violations_for_resources${var.unique_tag}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  range_key    = "violation_id"

  local_secondary_index {
    name            = "violation_id_index"
    projection_type = "ALL"
    range_key       = "violation_id"
  }

  global_secondary_index {
    hash_key        = "violation_id"
    name            = "violation_id-aws_account_id-index"
    range_key       = "aws_account_id"
    projection_type = "ALL"
  }

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "violation_id"
    type = "S"
  }

  attribute {
    name = "aws_account_id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "test_success" {
  name         = "violations_for_resources${var.unique_tag}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  range_key    = "violation_id"

  local_secondary_index {
    name            = "violation_id_index"
    projection_type = "ALL"
    range_key       = "violation_id"
  }

  global_secondary_index {
    hash_key        = "violation_id"
    name            = "violation_id-aws_account_id-index"
    range_key       = "aws_account_id"
    projection_type = "ALL"
  }

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "violation_id"
    type = "S"
  }

  attribute {
    name = "aws_account_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}
