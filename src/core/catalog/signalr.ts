import type { CatalogEntry } from "./types.js";

export const signalr: CatalogEntry = {
  id: "signalr",
  displayName: "Azure SignalR Service",
  msi: "yes",
  summary:
    "App servers authenticate to SignalR Service with Microsoft Entra tokens; there is no Node server SDK, so the connection setting becomes identity-based.",
  caveat:
    "Functions bindings use `AzureSignalRConnectionString__serviceUri` (+ `__credential=managedidentity`); .NET servers use `AuthType=azure.msi` in the connection string. Enforce with `disableLocalAuth: true`.",
  replacement: "AzureSignalRConnectionString__serviceUri=https://<name>.service.signalr.net",
  action: "switch to an identity-based connection setting",
  roles: [
    { name: "SignalR App Server", id: "420fcaa2-552c-430f-98ca-3264be4806c7", scope: "azure-rbac" },
    { name: "SignalR Service Owner", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/azure-signalr/signalr-howto-authorize-managed-identity",
  packages: [],
  hasCodeFix: false,
};
