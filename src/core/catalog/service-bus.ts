import type { CatalogEntry } from "./types.js";

export const serviceBus: CatalogEntry = {
  id: "service-bus",
  displayName: "Azure Service Bus",
  msi: "yes",
  summary:
    "ServiceBusClient and ServiceBusAdministrationClient accept a TokenCredential with the namespace's fully qualified name, over AMQP and REST.",
  caveat:
    "The queue or topic name from `EntityPath` moves to `createSender(queueOrTopic)` / `createReceiver(...)`; management operations need Azure Service Bus Data Owner. Enforce with `disableLocalAuth: true`.",
  replacement: 'new ServiceBusClient("<namespace>.servicebus.windows.net", new DefaultAzureCredential())',
  roles: [
    { name: "Azure Service Bus Data Sender", id: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", scope: "azure-rbac" },
    { name: "Azure Service Bus Data Receiver", id: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", scope: "azure-rbac" },
    { name: "Azure Service Bus Data Owner", id: "090c5cfd-751d-490a-894a-3ce6f1109419", scope: "azure-rbac" },
  ],
  grant: "Azure Service Bus Data Sender and/or Azure Service Bus Data Receiver",
  docs: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-migrate-azure-credentials",
  tokenScope: "https://servicebus.azure.net//.default",
  packages: ["@azure/service-bus"],
  hasCodeFix: true,
};
