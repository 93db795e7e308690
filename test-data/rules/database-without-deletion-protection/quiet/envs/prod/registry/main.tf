module "db" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "shop-prod"
  engine              = "postgres"
  deletion_protection = true
}

module "replica_off" {
  source             = "terraform-aws-modules/rds/aws"
  identifier         = "shop-prod-old"
  create_db_instance = false
}

module "sessions" {
  source                      = "terraform-aws-modules/dynamodb-table/aws"
  name                        = "sessions"
  deletion_protection_enabled = true
}

# Protected on both sides.
module "warehouse" {
  source                      = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
  name                        = "warehouse"
  deletion_protection_enabled = true
}

# A module the table does not know is not judged.
module "cache" {
  source = "cloudposse/elasticache-redis/aws"
  name   = "cache"
}

resource "azurerm_resource_group" "data" {
  name     = "rg-shop-prod-data"
  location = "westeurope"
}

module "sql" {
  source              = "Azure/avm-res-sql-server/azurerm"
  name                = "sql-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = "westeurope"
  lock = {
    kind = "CanNotDelete"
  }
}

module "cosmos" {
  source              = "Azure/avm-res-documentdb-databaseaccount/azurerm"
  name                = "cosmos-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = "westeurope"
  lock = {
    kind = var.lock_kind
  }
}

variable "lock_kind" {
  default = "ReadOnly"
}
