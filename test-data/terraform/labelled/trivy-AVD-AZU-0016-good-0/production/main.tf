# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/azure/keyvault/no_purge.yaml (Apache-2.0)
# terraform.good[0] of that file; AVD-AZU-0016 (no failure expected)

resource "azurerm_key_vault" "good_example" {
  name                        = "examplekeyvault"
  location                    = azurerm_resource_group.test.location
  enabled_for_disk_encryption = true
  soft_delete_retention_days  = 7
  purge_protection_enabled    = true
}
