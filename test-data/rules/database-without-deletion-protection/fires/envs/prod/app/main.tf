module "appdb" {
  source              = "../../../modules/appdb"
  deletion_protection = false
}
