import type { CatalogEntry } from "./types.js";

export const functions: CatalogEntry = {
  id: "functions",
  displayName: "Azure Functions",
  msi: "no",
  summary:
    "Function, host and master keys authorize callers of HTTP-triggered functions; a caller's Managed Identity cannot stand in for a key.",
  alternative:
    'Keep the key in Key Vault (App Service Key Vault reference) and read it at run time, or protect the app with App Service Authentication (Microsoft Entra, `authLevel: "anonymous"`) so callers send a token from their own Managed Identity; the host can store its keys in Key Vault (`AzureWebJobsSecretStorageType=keyvault`).',
  replacement: "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)",
  roles: [],
  docs: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
  packages: [],
  hasCodeFix: false,
};
