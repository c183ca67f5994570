import { AppConfigurationClient } from "@azure/app-configuration";
import { SecretClient } from "@azure/keyvault-secrets";
import { ClientSecretCredential } from "@azure/identity";

export const appConfig = new AppConfigurationClient(
  "Endpoint=https://contoso-settings.azconfig.io;Id=__FAKE_APP_CONFIG_ID__;Secret=__FAKE_APP_CONFIG_SECRET__",
);

// Key Vault is reached with an app registration's client secret.
const credential = new ClientSecretCredential(
  "__FAKE_TENANT_ID__",
  "__FAKE_CLIENT_ID__",
  "__FAKE_ENTRA_SECRET__",
);
export const vault = new SecretClient("https://contoso-vault.vault.azure.net", credential);
