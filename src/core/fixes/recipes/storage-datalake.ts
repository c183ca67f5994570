/**
 * Azure Data Lake Storage Gen2 (@azure/storage-file-datalake): the dfs endpoint.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { slot, storageFromCs, storageSasUrl } from "../sink.js";

const DATALAKE = ["@azure/storage-file-datalake"];

export const storageDatalake: RecipeFamily = {
  family: "storage-datalake",
  sinks: [
    storageFromCs("datalake-service-from-connection-string", "dfs", DATALAKE, "DataLakeServiceClient"),
    storageSasUrl("datalake-service-client-from-sas-url", "dfs", DATALAKE, "DataLakeServiceClient"),
    storageSasUrl("datalake-file-system-client-from-sas-url", "dfs", DATALAKE, "DataLakeFileSystemClient"),
    storageSasUrl("datalake-directory-client-from-sas-url", "dfs", DATALAKE, "DataLakeDirectoryClient"),
    storageSasUrl("datalake-file-client-from-sas-url", "dfs", DATALAKE, "DataLakeFileClient"),
  ],
  credentialSlots: [
    slot(DATALAKE, "DataLakeServiceClient", "storage", 1),
    slot(DATALAKE, "DataLakeFileSystemClient", "storage", 1),
    slot(DATALAKE, "DataLakeDirectoryClient", "storage", 1),
    slot(DATALAKE, "DataLakeFileClient", "storage", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "data lake service client (dfs endpoint)",
    before: `import { DataLakeServiceClient } from "@azure/storage-file-datalake";

export const lake = DataLakeServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { DataLakeServiceClient } from "@azure/storage-file-datalake";
import { DefaultAzureCredential } from "@azure/identity";

export const lake = new DataLakeServiceClient("https://acct1.dfs.core.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "data lake clients from SAS URLs",
    before: `import { DataLakeDirectoryClient, DataLakeFileClient, DataLakeFileSystemClient, DataLakeServiceClient } from "@azure/storage-file-datalake";

export const lake = new DataLakeServiceClient("https://acct1.dfs.core.windows.net?${s.storageSas}");
export const raw = new DataLakeFileSystemClient("https://acct1.dfs.core.windows.net/raw?${s.storageSas}");
export const day = new DataLakeDirectoryClient("https://acct1.dfs.core.windows.net/raw/2024?${s.storageSas}");
export const file = new DataLakeFileClient("https://acct1.dfs.core.windows.net/raw/2024/a.csv?${s.storageSas}");
`,
    after: `import { DataLakeDirectoryClient, DataLakeFileClient, DataLakeFileSystemClient, DataLakeServiceClient } from "@azure/storage-file-datalake";
import { DefaultAzureCredential } from "@azure/identity";

export const lake = new DataLakeServiceClient("https://acct1.dfs.core.windows.net", new DefaultAzureCredential());
export const raw = new DataLakeFileSystemClient("https://acct1.dfs.core.windows.net/raw", new DefaultAzureCredential());
export const day = new DataLakeDirectoryClient("https://acct1.dfs.core.windows.net/raw/2024", new DefaultAzureCredential());
export const file = new DataLakeFileClient("https://acct1.dfs.core.windows.net/raw/2024/a.csv", new DefaultAzureCredential());
`,
  }),
];
