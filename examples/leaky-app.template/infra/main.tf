provider "azurerm" {
  features {}
  tenant_id       = "__FAKE_TENANT_ID__"
  client_id       = "__FAKE_CLIENT_ID__"
  client_secret   = "__FAKE_ENTRA_SECRET__"
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

resource "azurerm_linux_function_app" "orders" {
  name                       = "contoso-fn"
  resource_group_name        = "rg-orders"
  location                   = "westeurope"
  service_plan_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name       = "contosofunc"
  storage_account_access_key = "__FAKE_STORAGE_KEY_LEGACY__"
  site_config {}
  app_settings = {
    IOTHUB_CONNECTION = "HostName=contoso-iot.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=__FAKE_IOT_HUB_KEY__"
  }
}
