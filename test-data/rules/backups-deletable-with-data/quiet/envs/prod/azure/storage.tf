resource "azurerm_storage_account" "backups" {
  name                     = "stshopprodbackups"
  resource_group_name      = "rg-shop-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
  }
}

# Not a backup location: application assets.
resource "azurerm_storage_account" "assets" {
  name                     = "stshopprodassets"
  resource_group_name      = "rg-shop-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
