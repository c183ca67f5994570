import type { CatalogEntry } from "./types.js";

export const apiManagement: CatalogEntry = {
  id: "api-management",
  displayName: "Azure API Management",
  msi: "no",
  summary:
    "Subscription keys identify API consumers to the gateway; a caller's Managed Identity cannot stand in for a subscription key.",
  alternative:
    "Keep the key in Key Vault (Key Vault reference, or an API Management named value backed by Key Vault), or change the API to accept Microsoft Entra tokens (validate-azure-ad-token policy) so callers use their own Managed Identity; for direct-management keys, use Azure Resource Manager with a TokenCredential.",
  replacement: "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)",
  roles: [],
  docs: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
  packages: [],
  hasCodeFix: false,
};
