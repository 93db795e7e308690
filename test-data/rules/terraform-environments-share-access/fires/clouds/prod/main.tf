terraform {
  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "sttfstateshop"
    container_name       = "tfstate"
    key                  = "shop.tfstate"
  }
}

provider "google" {
  project                     = "shop-platform"
  impersonate_service_account = "terraform@shop-platform.iam.gserviceaccount.com"
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-1111-2222-3333-444444444444"
}

provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "gke_shop-platform_europe-west1_main"
}
