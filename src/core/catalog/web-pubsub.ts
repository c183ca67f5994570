import type { CatalogEntry } from "./types.js";

export const webPubsub: CatalogEntry = {
  id: "web-pubsub",
  displayName: "Azure Web PubSub",
  msi: "yes",
  summary: "WebPubSubServiceClient accepts the service endpoint, a TokenCredential and the hub name.",
  caveat:
    "With a TokenCredential, `getClientAccessToken()` asks the service to issue client tokens instead of signing them locally, which needs Web PubSub Service Owner.",
  replacement: 'new WebPubSubServiceClient(endpoint, new DefaultAzureCredential(), "<hub>")',
  roles: [
    { name: "Web PubSub Service Owner", id: "12cf5a90-567b-43ae-8102-96cf46c7d9b4", scope: "azure-rbac" },
    { name: "Web PubSub Service Reader", id: "bfb1c7d2-fb1a-466b-b2ba-aee63b92deaf", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/azure-web-pubsub/howto-authorize-from-managed-identity",
  tokenScope: "https://webpubsub.azure.com/.default",
  packages: ["@azure/web-pubsub"],
  hasCodeFix: true,
};
