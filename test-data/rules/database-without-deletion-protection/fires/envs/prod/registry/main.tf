module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  identifier     = "shop-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

module "sessions" {
  source = "terraform-aws-modules/dynamodb-table/aws"
  name   = "sessions"
}

module "aurora" {
  source              = "git::https://github.com/terraform-aws-modules/terraform-aws-rds-aurora.git?ref=v9.0.0"
  name                = "orders"
  engine              = "aurora-postgresql"
  deletion_protection = var.protect
}

variable "protect" {
  default = false
}

resource "azurerm_resource_group" "data" {
  name     = "rg-shop-prod-data"
  location = "westeurope"
}

# An Azure verified module with no `lock`: the server is created unlocked.
module "sql" {
  source              = "Azure/avm-res-sql-server/azurerm"
  name                = "sql-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = "westeurope"
}

module "state" {
  source        = "cloudposse/tfstate-backend/aws"
  force_destroy = true
}
