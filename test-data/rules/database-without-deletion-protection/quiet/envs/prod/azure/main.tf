resource "azurerm_resource_group" "data" {
  name     = "rg-shop-prod-data"
  location = "westeurope"
}

resource "azurerm_management_lock" "data" {
  name       = "data-lock"
  scope      = azurerm_resource_group.data.id
  lock_level = "CanNotDelete"
}

resource "azurerm_mssql_server" "main" {
  name                = "sql-shop-prod"
  resource_group_name = azurerm_resource_group.data.name
  location            = azurerm_resource_group.data.location
  version             = "12.0"
}

resource "azurerm_resource_group" "catalog" {
  name     = "rg-shop-prod-catalog"
  location = "westeurope"
}

resource "azurerm_cosmosdb_account" "catalog" {
  name                = "cosmos-shop-prod"
  resource_group_name = azurerm_resource_group.catalog.name
  location            = azurerm_resource_group.catalog.location
  offer_type          = "Standard"
}

resource "azurerm_management_lock" "catalog" {
  name       = "catalog-lock"
  scope      = azurerm_cosmosdb_account.catalog.id
  lock_level = "CanNotDelete"
}

resource "azurerm_resource_group" "sub" {
  name     = "rg-shop-prod-reports"
  location = "westeurope"
}

resource "azurerm_mysql_flexible_server" "reports" {
  name                = "mysql-shop-prod"
  resource_group_name = "rg-shop-prod-reports"
  location            = "westeurope"
}

resource "azurerm_management_lock" "reports" {
  name       = "reports-lock"
  scope      = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop-prod-reports"
  lock_level = "CanNotDelete"
}

provider "azurerm" {
  features {
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}
