import type { CatalogEntry } from "./types.js";

export const appConfiguration: CatalogEntry = {
  id: "app-configuration",
  displayName: "Azure App Configuration",
  msi: "yes",
  summary:
    "AppConfigurationClient and the configuration provider's `load` accept the store endpoint and a TokenCredential.",
  caveat:
    "Key Vault references stored in App Configuration are resolved by the client: the identity also needs Key Vault Secrets User on those vaults. Enforce with `disableLocalAuth: true`.",
  replacement: "new AppConfigurationClient(endpoint, new DefaultAzureCredential())",
  roles: [
    { name: "App Configuration Data Reader", id: "516239f1-63e1-4d78-a4de-a74fb236a071", scope: "azure-rbac" },
    { name: "App Configuration Data Owner", id: "5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/azure-app-configuration/howto-integrate-azure-managed-service-identity",
  tokenScope: "https://appconfig.azure.com/.default",
  packages: ["@azure/app-configuration", "@azure/app-configuration-provider"],
  hasCodeFix: true,
};
