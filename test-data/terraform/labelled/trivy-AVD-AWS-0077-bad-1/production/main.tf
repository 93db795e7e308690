# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/aws/rds/specify_backup_retention.yaml (Apache-2.0)
# terraform.bad[1] of that file; AVD-AWS-0077 (a failure expected)

resource "aws_db_instance" "bad_example" {
  allocated_storage    = 10
  engine               = "mysql"
  engine_version       = "5.7"
  instance_class       = "db.t3.micro"
  name                 = "mydb"
  username             = "foo"
  password             = "foobarbaz"
  parameter_group_name = "default.mysql5.7"
  skip_final_snapshot  = true
}
