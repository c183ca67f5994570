import type { CatalogEntry } from "./types.js";

export const eventGrid: CatalogEntry = {
  id: "event-grid",
  displayName: "Azure Event Grid",
  msi: "yes",
  summary:
    "EventGridPublisherClient and the namespace sender and receiver clients accept a TokenCredential for custom topics, domains and namespace topics.",
  caveat: "Namespace pull receivers need EventGrid Data Receiver. Enforce with `disableLocalAuth: true`.",
  replacement: 'new EventGridPublisherClient(endpoint, "EventGrid", new DefaultAzureCredential())',
  roles: [{ name: "EventGrid Data Sender", id: "d5a91429-5739-47e2-a06b-3470a27159e7", scope: "azure-rbac" }],
  docs: "https://learn.microsoft.com/azure/event-grid/authenticate-with-microsoft-entra-id",
  tokenScope: "https://eventgrid.azure.net/.default",
  packages: ["@azure/eventgrid", "@azure/eventgrid-namespaces"],
  hasCodeFix: true,
};
