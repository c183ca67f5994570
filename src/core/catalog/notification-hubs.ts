import type { CatalogEntry } from "./types.js";

export const notificationHubs: CatalogEntry = {
  id: "notification-hubs",
  displayName: "Azure Notification Hubs",
  msi: "no",
  summary:
    "The Notification Hubs data plane accepts only SAS connection strings; @azure/notification-hubs has no TokenCredential overload.",
  alternative:
    "Move the connection string to Key Vault and read it with SecretClient and Managed Identity (or an App Service Key Vault reference), and give client apps a Listen-only rule.",
  replacement: '(await new SecretClient(vaultUrl, new ManagedIdentityCredential()).getSecret("<name>")).value',
  roles: [],
  docs: "https://learn.microsoft.com/azure/notification-hubs/notification-hubs-push-notification-security",
  packages: [],
  hasCodeFix: false,
};
