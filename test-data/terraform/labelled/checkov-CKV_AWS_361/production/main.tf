# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/example_NeptuneClusterBackupRetention/NeptuneClusterBackupRetention.tf (Apache-2.0)
# Labels: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/test_NeptuneClusterBackupRetention.py (CKV_AWS_361)

## SHOULD PASS: backup retention to 7 or more
resource "aws_neptune_cluster" "ckv_unittest_pass" {
  cluster_identifier                  = "neptune-cluster-demo"
  engine                              = "neptune"
  backup_retention_period             = 7
}

## SHOULD FAIL: backup retention to less than 7
resource "aws_neptune_cluster" "ckv_unittest_fail_not_adequate" {
  cluster_identifier                  = "neptune-cluster-demo"
  engine                              = "neptune"
  backup_retention_period             = 3
}

## SHOULD FAIL: backup retention not set (default is 1)
resource "aws_neptune_cluster" "ckv_unittest_fail_default" {
  cluster_identifier                  = "neptune-cluster-demo"
  engine                              = "neptune"
}
