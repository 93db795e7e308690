resource "azurerm_resource_group" "data" {
  name     = "rg-shop-prod-data"
  location = "westeurope"
}

# A lock exists, but on another resource group.
resource "azurerm_management_lock" "network" {
  name       = "network-lock"
  scope      = azurerm_resource_group.network.id
  lock_level = "CanNotDelete"
}

resource "azurerm_resource_group" "network" {
  name     = "rg-shop-prod-network"
  location = "westeurope"
}

resource "azurerm_mssql_server" "main" {
  name                = "sql-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  version             = "12.0"
}

resource "azurerm_cosmosdb_account" "catalog" {
  name                = "cosmos-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  offer_type          = "Standard"
}

provider "azurerm" {
  features {
    resource_group {
      prevent_deletion_if_contains_resources = false
    }
  }
}
