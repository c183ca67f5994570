/**
 * Azure Files (@azure/storage-file-share): token auth over REST needs `fileRequestIntent: "backup"`,
 * added to the options of every rewritten client (with the admin-level caveat).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { FILE_CAVEAT, FILE_INTENT, slot, storageFromCs, storageNamed, storageSasUrl } from "../sink.js";

const SHARE = ["@azure/storage-file-share"];
const BACKUP = { options: { index: 2, properties: FILE_INTENT }, caveat: FILE_CAVEAT };

export const storageFileShare: RecipeFamily = {
  family: "storage-file-share",
  sinks: [
    storageFromCs("share-service-from-connection-string", "file", SHARE, "ShareServiceClient"),
    storageNamed("share-client-from-connection-string", "file", SHARE, "ShareClient", ["shareName"]),
    storageSasUrl("share-service-client-from-sas-url", "file", SHARE, "ShareServiceClient"),
    storageSasUrl("share-client-from-sas-url", "file", SHARE, "ShareClient"),
    storageSasUrl("share-directory-client-from-sas-url", "file", SHARE, "ShareDirectoryClient"),
    storageSasUrl("share-file-client-from-sas-url", "file", SHARE, "ShareFileClient"),
  ],
  credentialSlots: [
    slot(SHARE, "ShareServiceClient", "storage", 1, BACKUP),
    slot(SHARE, "ShareClient", "storage", 1, BACKUP),
    slot(SHARE, "ShareDirectoryClient", "storage", 1, BACKUP),
    slot(SHARE, "ShareFileClient", "storage", 1, BACKUP),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "share client with options in a variable",
    before: `import { ShareClient, type ShareClientOptions } from "@azure/storage-file-share";

const options: ShareClientOptions = { retryOptions: { maxTries: 3 } };
export const share = new ShareClient("${s.storageCs}", "docs", options);
`,
    after: `import { ShareClient, type ShareClientOptions } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

const options: ShareClientOptions = { retryOptions: { maxTries: 3 } };
export const share = new ShareClient("https://acct1.file.core.windows.net/docs", new DefaultAzureCredential(), { ...options, fileRequestIntent: "backup" });
`,
  }),
  (s) => ({
    name: "file share service client gets fileRequestIntent backup",
    before: `import { ShareServiceClient } from "@azure/storage-file-share";

export const shares = ShareServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { ShareServiceClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
`,
  }),
  (s) => ({
    name: "share client with existing options",
    before: `import { ShareClient } from "@azure/storage-file-share";

export const share = new ShareClient("${s.storageCs}", "docs", {
  retryOptions: { maxTries: 3 },
});
`,
    after: `import { ShareClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const share = new ShareClient("https://acct1.file.core.windows.net/docs", new DefaultAzureCredential(), {
  fileRequestIntent: "backup",
  retryOptions: { maxTries: 3 },
});
`,
  }),
  (s) => ({
    name: "share service client with a shared key gets fileRequestIntent",
    before: `import { ShareServiceClient, StorageSharedKeyCredential } from "@azure/storage-file-share";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new StorageSharedKeyCredential("acct1", "${s.storageKey}"));
`,
    after: `import { ShareServiceClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
`,
  }),
  (s) => ({
    name: "file share clients from SAS URLs (backup intent added)",
    before: `import { ShareClient, ShareDirectoryClient, ShareFileClient, ShareServiceClient } from "@azure/storage-file-share";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net?${s.storageSas}");
export const docs = new ShareClient("https://acct1.file.core.windows.net/docs?${s.storageSas}");
export const dir = new ShareDirectoryClient("https://acct1.file.core.windows.net/docs/2024?${s.storageSas}");
export const file = new ShareFileClient("https://acct1.file.core.windows.net/docs/2024/a.txt?${s.storageSas}");
`,
    after: `import { ShareClient, ShareDirectoryClient, ShareFileClient, ShareServiceClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
export const docs = new ShareClient("https://acct1.file.core.windows.net/docs", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
export const dir = new ShareDirectoryClient("https://acct1.file.core.windows.net/docs/2024", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
export const file = new ShareFileClient("https://acct1.file.core.windows.net/docs/2024/a.txt", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
`,
  }),
];
