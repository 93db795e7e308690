# The resource group comes from elsewhere: a lock may exist there, so this is a warning.
resource "azurerm_postgresql_flexible_server" "main" {
  name                = "psql-shop-prod"
  resource_group_name = var.resource_group_name
  location            = "westeurope"
  version             = "16"
}

variable "resource_group_name" {
  type = string
}
