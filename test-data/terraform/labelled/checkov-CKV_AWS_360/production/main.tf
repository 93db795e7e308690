# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/example_DocDBBackupRetention/main.tf (Apache-2.0)
# Labels: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/aws/test_DocDBBackupRetention.py (CKV_AWS_360)

# pass

resource "aws_docdb_cluster" "pass" {
  cluster_identifier = "my-docdb-cluster"
  engine             = "docdb"
  master_username    = "foo"
  master_password    = "mustbeeightchars"  # checkov:skip=CKV_SECRET_6 test secret

  backup_retention_period = 7
}



# fail

resource "aws_docdb_cluster" "fail_no_value" {
  cluster_identifier = "my-docdb-cluster"
  engine             = "docdb"
  master_username    = "foo"
  master_password    = "mustbeeightchars"  # checkov:skip=CKV_SECRET_6 test secret
}


resource "aws_docdb_cluster" "fail_value_not_adequate" {
  cluster_identifier = "my-docdb-cluster"
  engine             = "docdb"
  master_username    = "foo"
  master_password    = "mustbeeightchars"  # checkov:skip=CKV_SECRET_6 test secret

  backup_retention_period = 3
}
