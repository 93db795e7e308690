# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/example_DBInstanceBackupRetentionPeriod/main.tf (Apache-2.0)
# Labels: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/test_DBInstanceBackupRetentionPeriod.py (CKV_AWS_133)

resource "aws_rds_cluster" "pass" {
  backup_retention_period = 35
}

resource "aws_rds_cluster" "pass2" {
}

resource "aws_rds_cluster" "fail2" {
  backup_retention_period = 0
}

#this will fail in tf i dont know why we even bother?
resource "aws_rds_cluster" "fail" {
  backup_retention_period = 36
}

resource "aws_db_instance" "pass" {
  backup_retention_period = 35
}

resource "aws_db_instance" "pass2" {
}

resource "aws_db_instance" "fail2" {
  backup_retention_period = 0
}

#this will fail in tf i dont know why we even bother?
resource "aws_db_instance" "fail" {
  backup_retention_period = 36
}

resource "aws_db_instance" "unknown" {
  backup_retention_period = var.backup_retention_period
}
