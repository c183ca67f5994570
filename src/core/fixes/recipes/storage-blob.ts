/**
 * Azure Blob Storage (@azure/storage-blob): service, container and blob clients built from a
 * connection string become `new X(url, credential)`; container and blob names join the URL.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { slot, storageFromCs, storageNamed, storageSasUrl } from "../sink.js";

const BLOB = ["@azure/storage-blob"];

export const storageBlob: RecipeFamily = {
  family: "storage-blob",
  sinks: [
    storageFromCs("blob-service-from-connection-string", "blob", BLOB, "BlobServiceClient"),
    storageNamed("blob-container-from-connection-string", "blob", BLOB, "ContainerClient", ["containerName"]),
    storageNamed("blob-client-from-connection-string", "blob", BLOB, "BlobClient", ["containerName", "blobName"]),
    storageNamed("block-blob-client-from-connection-string", "blob", BLOB, "BlockBlobClient", ["containerName", "blobName"]),
    storageNamed("append-blob-client-from-connection-string", "blob", BLOB, "AppendBlobClient", ["containerName", "blobName"]),
    storageNamed("page-blob-client-from-connection-string", "blob", BLOB, "PageBlobClient", ["containerName", "blobName"]),
    storageSasUrl("blob-service-client-from-sas-url", "blob", BLOB, "BlobServiceClient"),
    storageSasUrl("container-client-from-sas-url", "blob", BLOB, "ContainerClient"),
    storageSasUrl("blob-client-from-sas-url", "blob", BLOB, "BlobClient"),
    storageSasUrl("block-blob-client-from-sas-url", "blob", BLOB, "BlockBlobClient"),
    storageSasUrl("append-blob-client-from-sas-url", "blob", BLOB, "AppendBlobClient"),
    storageSasUrl("page-blob-client-from-sas-url", "blob", BLOB, "PageBlobClient"),
  ],
  credentialSlots: [
    slot(BLOB, "BlobServiceClient", "storage", 1),
    slot(BLOB, "ContainerClient", "storage", 1),
    slot(BLOB, "BlobClient", "storage", 1),
    slot(BLOB, "BlockBlobClient", "storage", 1),
    slot(BLOB, "AppendBlobClient", "storage", 1),
    slot(BLOB, "PageBlobClient", "storage", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "blob service client from an inline connection string",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

// uploads go to the images container
export const blobService = BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

// uploads go to the images container
export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "container client with a container name",
    before: `import { ContainerClient } from "@azure/storage-blob";

export const images = new ContainerClient("${s.storageCs}", "images");
`,
    after: `import { ContainerClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const images = new ContainerClient("https://acct1.blob.core.windows.net/images", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "container client with a run-time container name",
    before: `import { ContainerClient } from "@azure/storage-blob";

const CS = "${s.storageCs}";
export function container(name: string): ContainerClient {
  return new ContainerClient(CS, name);
}
`,
    after: `import { ContainerClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export function container(name: string): ContainerClient {
  return new ContainerClient(\`https://acct1.blob.core.windows.net/\${name}\`, new DefaultAzureCredential());
}
`,
  }),
  (s) => ({
    name: "block blob client with a static blob name (encoded)",
    before: `import { BlockBlobClient } from "@azure/storage-blob";

export const report = new BlockBlobClient("${s.storageCs}", "reports", "2024/q1 summary.pdf");
`,
    after: `import { BlockBlobClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const report = new BlockBlobClient("https://acct1.blob.core.windows.net/reports/2024/q1%20summary.pdf", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "connection string built at run time (no fix)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export function client(account: string) {
  return BlobServiceClient.fromConnectionString(\`DefaultEndpointsProtocol=https;AccountName=\${account};AccountKey=${s.storageKey};EndpointSuffix=core.windows.net\`);
}
`,
    manual: /built at run time/,
  }),
  (s) => ({
    name: "connection string imported from another module, resolved by type information",
    callee: "BlobServiceClient.fromConnectionString",
    values: { STORAGE_CONNECTION_STRING: s.storageCs },
    before: `import { BlobServiceClient } from "@azure/storage-blob";
import { STORAGE_CONNECTION_STRING } from "./settings.js";

export const blobService = BlobServiceClient.fromConnectionString(STORAGE_CONNECTION_STRING);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { STORAGE_CONNECTION_STRING } from "./settings.js";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  }),
  () => ({
    name: "connection string from the environment (no fix: no endpoint)",
    callee: "BlobServiceClient.fromConnectionString",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);
`,
    manual: /endpoint cannot be derived/,
  }),
  (s) => ({
    name: "blob client, append blob client and page blob client",
    before: `import { AppendBlobClient, BlobClient, PageBlobClient } from "@azure/storage-blob";

const STORAGE = "${s.storageCs}";
export const photo = new BlobClient(STORAGE, "images", "cat.png");
export const log = new AppendBlobClient(STORAGE, "logs", "app.log");
export const disk = new PageBlobClient(STORAGE, "vhds", "disk0.vhd");
`,
    after: `import { AppendBlobClient, BlobClient, PageBlobClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const photo = new BlobClient("https://acct1.blob.core.windows.net/images/cat.png", new DefaultAzureCredential());
export const log = new AppendBlobClient("https://acct1.blob.core.windows.net/logs/app.log", new DefaultAzureCredential());
export const disk = new PageBlobClient("https://acct1.blob.core.windows.net/vhds/disk0.vhd", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "blob client with a run-time blob name (no fix)",
    before: `import { BlobClient } from "@azure/storage-blob";

export function blob(name: string): BlobClient {
  return new BlobClient("${s.storageCs}", "images", name);
}
`,
    manual: /getBlobClient/,
  }),
  (s) => ({
    name: "service client from a SAS URL (the SAS goes, the client gets the endpoint and a TokenCredential)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net?${s.storageSas}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "container client from a SAS URL with an anonymous credential and options",
    before: `import { AnonymousCredential, ContainerClient } from "@azure/storage-blob";

export const images = new ContainerClient("https://acct1.blob.core.windows.net/images?${s.storageSas}", new AnonymousCredential(), { retryOptions: { maxTries: 2 } });
`,
    after: `import { AnonymousCredential, ContainerClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const images = new ContainerClient("https://acct1.blob.core.windows.net/images", new DefaultAzureCredential(), { retryOptions: { maxTries: 2 } });
`,
  }),
  (s) => ({
    name: "SAS connection string (BlobEndpoint + SharedAccessSignature)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString("BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=${s.storageSas}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "client that signs SAS URLs with the account key (no fix: user delegation key)",
    before: `import { BlobSASPermissions, BlobServiceClient } from "@azure/storage-blob";

const blobService = BlobServiceClient.fromConnectionString("${s.storageCs}");
export const shareLink = (name: string) =>
  blobService.getContainerClient("reports").getBlobClient(name).generateSasUrl({ permissions: BlobSASPermissions.parse("r"), expiresOn: new Date(Date.now() + 3600_000) });
`,
    manual: /signs SAS tokens with the account key \(`generateSasUrl` on line 5\).*user delegation key/,
  }),
];
