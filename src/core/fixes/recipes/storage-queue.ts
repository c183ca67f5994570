/**
 * Azure Queue Storage (@azure/storage-queue): queue service and queue clients.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { slot, storageFromCs, storageNamed, storageSasUrl } from "../sink.js";

const QUEUE = ["@azure/storage-queue"];

export const storageQueue: RecipeFamily = {
  family: "storage-queue",
  sinks: [
    storageFromCs("queue-service-from-connection-string", "queue", QUEUE, "QueueServiceClient"),
    storageNamed("queue-client-from-connection-string", "queue", QUEUE, "QueueClient", ["queueName"]),
    storageSasUrl("queue-service-client-from-sas-url", "queue", QUEUE, "QueueServiceClient"),
    storageSasUrl("queue-client-from-sas-url", "queue", QUEUE, "QueueClient"),
  ],
  credentialSlots: [slot(QUEUE, "QueueServiceClient", "storage", 1), slot(QUEUE, "QueueClient", "storage", 1)],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "queue client through a const (const removed)",
    before: `import { QueueClient } from "@azure/storage-queue";

const STORAGE_CONNECTION = "${s.storageCs}";

export const orders = new QueueClient(STORAGE_CONNECTION, "orders");
`,
    after: `import { QueueClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const orders = new QueueClient("https://acct1.queue.core.windows.net/orders", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "queue service client",
    before: `import { QueueServiceClient } from "@azure/storage-queue";

export const queues = QueueServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "queue service and queue clients from SAS URLs",
    before: `import { QueueClient, QueueServiceClient } from "@azure/storage-queue";

export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net/?${s.storageSas}");
export const orders = new QueueClient("https://acct1.queue.core.windows.net/orders?${s.storageSas}");
`,
    after: `import { QueueClient, QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
export const orders = new QueueClient("https://acct1.queue.core.windows.net/orders", new DefaultAzureCredential());
`,
  }),
];
