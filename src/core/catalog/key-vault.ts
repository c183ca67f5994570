import type { CatalogEntry } from "./types.js";

export const keyVault: CatalogEntry = {
  id: "key-vault",
  displayName: "Azure Key Vault",
  msi: "yes",
  summary:
    "Key Vault clients take only a TokenCredential; the secret to remove is the client secret or password used to reach the vault.",
  caveat:
    "The vault must use the Azure RBAC permission model (`enableRbacAuthorization: true`), or have an access policy for the identity.",
  replacement: "new SecretClient(vaultUrl, new ManagedIdentityCredential())",
  roles: [
    { name: "Key Vault Secrets User", id: "4633458b-17de-408a-b874-0445c86b69e6", scope: "azure-rbac" },
    { name: "Key Vault Secrets Officer", id: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", scope: "azure-rbac" },
    { name: "Key Vault Crypto User", scope: "azure-rbac" },
    { name: "Key Vault Certificate User", id: "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/key-vault/general/rbac-guide",
  tokenScope: "https://vault.azure.net/.default",
  packages: ["@azure/keyvault-secrets", "@azure/keyvault-keys", "@azure/keyvault-certificates"],
  hasCodeFix: true,
};
