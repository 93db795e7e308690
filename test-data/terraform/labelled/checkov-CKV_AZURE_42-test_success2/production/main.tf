# Source: https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/tests/terraform/checks/resource/azure/test_KeyVaultRecoveryEnabled.py (Apache-2.0)
# Inline HCL of test_success2() in that file; CKV_AZURE_42 is expected to return CheckResult.PASSED

resource "azurerm_key_vault" "example" {
  name                        = "testvault"
  location                    = azurerm_resource_group.example.location
  resource_group_name         = azurerm_resource_group.example.name
  enabled_for_disk_encryption = true
  tenant_id                   = data.azurerm_client_config.current.tenant_id
  purge_protection_enabled    = true
  sku_name = "standard"
}
