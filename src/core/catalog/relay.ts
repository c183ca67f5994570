import type { CatalogEntry } from "./types.js";

export const relay: CatalogEntry = {
  id: "relay",
  displayName: "Azure Relay",
  msi: "partial",
  summary:
    "The Relay service authorizes Hybrid Connections and WCF relays with Microsoft Entra tokens (resource https://relay.azure.net), but the Node.js Hybrid Connections packages sign SAS tokens from a key and document no token option.",
  caveat:
    "The Node.js Hybrid Connections packages (hyco-ws, hyco-https) sign SAS tokens from a key, so from Node.js your own code has to send the Entra token.",
  alternative:
    "Where your client library only takes a SAS key, keep the key in Key Vault (read it with SecretClient and Managed Identity, or use a Key Vault reference) and give each side a Send-only or Listen-only rule.",
  replacement: 'credential.getToken("https://relay.azure.net/.default") as the relay authorization token',
  action: "request the relay token from a TokenCredential",
  roles: [
    { name: "Azure Relay Sender", scope: "azure-rbac" },
    { name: "Azure Relay Listener", scope: "azure-rbac" },
    { name: "Azure Relay Owner", scope: "azure-rbac" },
  ],
  grant: "Azure Relay Sender or Azure Relay Listener",
  docs: "https://learn.microsoft.com/azure/azure-relay/authenticate-application",
  tokenScope: "https://relay.azure.net/.default",
  packages: [],
  hasCodeFix: false,
};
