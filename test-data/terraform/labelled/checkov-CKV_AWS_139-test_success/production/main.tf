# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/test_RDSDeletionProtection.py (Apache-2.0)
# Inline HCL of test_success() in that file; CKV_AWS_139 is expected to return CheckResult.PASSED

resource "aws_rds_cluster" "default" {
    cluster_identifier      = "aurora-cluster-demo"
    availability_zones      = ["us-west-2a", "us-west-2b", "us-west-2c"]
    database_name           = "mydb"
    master_username         = "foo"
    master_password         = "bar"
    backup_retention_period = 5
    preferred_backup_window = "07:00-09:00"
    deletion_protection = true

}
