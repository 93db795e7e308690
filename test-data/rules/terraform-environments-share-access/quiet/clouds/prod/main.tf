terraform {
  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "sttfstateshop"
    container_name       = "tfstate"
    key                  = "shop-prod.tfstate"
  }
}

provider "google" {
  project                     = "shop-prod"
  impersonate_service_account = "terraform@shop-prod.iam.gserviceaccount.com"
}

# The same tenant is normal; the subscription differs.
provider "azurerm" {
  features {}
  tenant_id       = "99999999-8888-7777-6666-555555555555"
  subscription_id = "00000000-0000-0000-0000-000000000001"
}

provider "kubernetes" {
  config_context = "gke_shop-prod_europe-west1_main"
}
