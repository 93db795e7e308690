resource "azurerm_storage_account" "backups" {
  name                     = "stshopprodbackups"
  resource_group_name      = "rg-shop-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
