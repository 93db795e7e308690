# Development may turn protection off: the module's resources take this root's environment.
module "appdb" {
  source              = "../../../modules/appdb"
  deletion_protection = false
}
