/**
 * Key credentials (@azure/core-auth and its re-exports, @azure/storage-*): `new AzureKeyCredential(key)`,
 * `new AzureNamedKeyCredential(name, key)`, `new AzureSASCredential(sas)`, `new
 * StorageSharedKeyCredential(account, key)`. The expression becomes the TokenCredential where it is
 * passed to a client's credential slot (declared by the client's family); a key that also signs SAS
 * tokens is left to a human.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf, keyCredential } from "../sink.js";

/** Modules that export (or re-export) the core-auth key credentials (checked by test/fixes/samples.test.ts). */
const KEY_CREDENTIAL_MODULES = [
  "@azure/core-auth",
  "@azure/search-documents",
  "@azure/eventgrid",
  "@azure/web-pubsub",
  "@azure/ai-text-analytics",
  "@azure/ai-form-recognizer",
  "@azure/ai-language-text",
];
const NAMED_KEY_CREDENTIAL_MODULES = ["@azure/core-auth", "@azure/data-tables"];
const SAS_CREDENTIAL_MODULES = ["@azure/core-auth", "@azure/eventgrid", "@azure/data-tables"];
const STORAGE_CREDENTIAL_MODULES = ["@azure/storage-blob", "@azure/storage-queue", "@azure/storage-file-share", "@azure/storage-file-datalake", "@azure/storage-common"];
/** Modules exporting `newPipeline(credential)`. */
const PIPELINE_MODULES = ["@azure/storage-blob", "@azure/storage-queue", "@azure/storage-file-share", "@azure/storage-file-datalake"];

const SAS_MANUAL =
  "A shared key also signs SAS tokens: sign them with a user delegation key instead (getUserDelegationKey + generateUserDelegationSasUrl), which needs no account key.";

export const keyCredentials: RecipeFamily = {
  family: "key-credentials",
  sinks: [
    keyCredential("storage-shared-key-credential", "storage", STORAGE_CREDENTIAL_MODULES, "StorageSharedKeyCredential", "new StorageSharedKeyCredential(accountName, accountKey)", 1, {
      manual: SAS_MANUAL,
    }),
    keyCredential("azure-key-credential", "ai-services", KEY_CREDENTIAL_MODULES, "AzureKeyCredential", "new AzureKeyCredential(key)", 0),
    keyCredential("azure-named-key-credential", "storage", NAMED_KEY_CREDENTIAL_MODULES, "AzureNamedKeyCredential", "new AzureNamedKeyCredential(name, key)", 1),
    keyCredential("azure-sas-credential", "storage", SAS_CREDENTIAL_MODULES, "AzureSASCredential", "new AzureSASCredential(signature)", 0, {
      manual: "A SAS is signed with a key: issue a user delegation SAS, or give the app an identity and drop the SAS.",
    }),
  ],
  credentialSlots: [{ modules: PIPELINE_MODULES, callee: callOf("newPipeline"), service: "storage", arg: 0 }],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "storage shared key credential passed to a client",
    before: `import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";

const account = "acct1";
const sharedKey = new StorageSharedKeyCredential(account, "${s.storageKey}");
export const blobs = new BlobServiceClient(\`https://\${account}.blob.core.windows.net\`, sharedKey);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

const account = "acct1";
const sharedKey = new DefaultAzureCredential();
export const blobs = new BlobServiceClient(\`https://\${account}.blob.core.windows.net\`, sharedKey);
`,
  }),
  (s) => ({
    name: "storage shared key credential used to sign a SAS (no fix)",
    before: `import { BlobSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from "@azure/storage-blob";

const sharedKey = new StorageSharedKeyCredential("acct1", "${s.storageKey}");
export const sas = generateBlobSASQueryParameters(
  { containerName: "images", permissions: BlobSASPermissions.parse("r"), expiresOn: new Date(Date.now() + 3600_000) },
  sharedKey,
).toString();
`,
    manual: /user delegation key/,
  }),
  (s) => ({
    name: "table client with AzureNamedKeyCredential",
    before: `import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new AzureNamedKeyCredential("acct1", "${s.storageKey}"));
`,
    after: `import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new DefaultAzureCredential());
`,
  }),
  () => ({
    name: "AzureKeyCredential read from the environment",
    callee: "AzureKeyCredential",
    before: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new AzureKeyCredential(process.env.SEARCH_KEY!));
`,
    after: `import { SearchClient } from "@azure/search-documents";
import { DefaultAzureCredential } from "@azure/identity";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new DefaultAzureCredential());
`,
  }),
  () => ({
    name: "AzureSASCredential passed to an Event Grid publisher",
    callee: "AzureSASCredential",
    before: `import { AzureSASCredential, EventGridPublisherClient } from "@azure/eventgrid";

export const grid = new EventGridPublisherClient("https://contoso-orders.westus2-1.eventgrid.azure.net/api/events", "EventGrid", new AzureSASCredential(process.env.EVENT_GRID_SAS!));
`,
    after: `import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";

export const grid = new EventGridPublisherClient("https://contoso-orders.westus2-1.eventgrid.azure.net/api/events", "EventGrid", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "storage pipeline built from a shared key",
    before: `import { newPipeline, QueueServiceClient, StorageSharedKeyCredential } from "@azure/storage-queue";

const pipeline = newPipeline(new StorageSharedKeyCredential("acct1", "${s.storageKey}"));
export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", pipeline);
`,
    after: `import { newPipeline, QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

const pipeline = newPipeline(new DefaultAzureCredential());
export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", pipeline);
`,
  }),
];
