import type { CatalogEntry } from "./types.js";

export const eventHubs: CatalogEntry = {
  id: "event-hubs",
  displayName: "Azure Event Hubs",
  msi: "yes",
  summary:
    "Producer, consumer and buffered producer clients accept the namespace's fully qualified name, the event hub name and a TokenCredential.",
  caveat:
    "A Blob checkpoint store built from a storage connection string is a second secret: build its ContainerClient from the container URL and the same credential (Storage Blob Data Contributor). Kafka clients switch from SASL PLAIN to OAUTHBEARER.",
  replacement: 'new EventHubProducerClient("<namespace>.servicebus.windows.net", "<hub>", new DefaultAzureCredential())',
  roles: [
    { name: "Azure Event Hubs Data Sender", id: "2b629674-e913-4c01-ae53-ef4638d8f975", scope: "azure-rbac" },
    { name: "Azure Event Hubs Data Receiver", id: "a638d3c7-ab3a-418d-83e6-5f17a39d4fde", scope: "azure-rbac" },
    { name: "Azure Event Hubs Data Owner", id: "f526a384-b230-433a-b45c-95f59c4a2dec", scope: "azure-rbac" },
  ],
  grant: "Azure Event Hubs Data Sender and/or Azure Event Hubs Data Receiver",
  docs: "https://learn.microsoft.com/azure/event-hubs/passwordless-migration-event-hubs",
  tokenScope: "https://eventhubs.azure.net//.default",
  packages: ["@azure/event-hubs", "@azure/eventhubs-checkpointstore-blob"],
  hasCodeFix: true,
};
