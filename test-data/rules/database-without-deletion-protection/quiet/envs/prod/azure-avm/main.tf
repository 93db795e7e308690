# The Azure verified modules' pattern: a lock created from an input, scoped to the resource.
resource "azurerm_postgresql_flexible_server" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
}

resource "azurerm_management_lock" "this" {
  count      = var.lock != null ? 1 : 0
  name       = coalesce(var.lock.name, "lock-${var.lock.kind}")
  scope      = azurerm_postgresql_flexible_server.this.id
  lock_level = var.lock.kind
}

variable "name" {}
variable "resource_group_name" {}
variable "location" {}
variable "lock" {
  default = null
}
