# Source: https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/azure/keyvault/no_purge.yaml (Apache-2.0)
# terraform.bad[1] of that file; AVD-AZU-0016 (a failure expected)

resource "azurerm_key_vault" "bad_example" {
  name                        = "examplekeyvault"
  location                    = azurerm_resource_group.test.location
  enabled_for_disk_encryption = true
  soft_delete_retention_days  = 2
  purge_protection_enabled    = true
}
