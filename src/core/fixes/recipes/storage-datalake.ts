/**
 * Azure Data Lake Storage Gen2 (@azure/storage-file-datalake): the dfs endpoint.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { samplesOf } from "../sample-secrets.js";
import { slot } from "../sink.js";
import { storageFromCs } from "../storage-sinks.js";

const DATALAKE = ["@azure/storage-file-datalake"];

export const storageDatalake: RecipeFamily = {
  family: "storage-datalake",
  sinks: [storageFromCs("datalake-service-from-connection-string", "dfs", DATALAKE, "DataLakeServiceClient")],
  credentialSlots: [
    slot(DATALAKE, "DataLakeServiceClient", "storage", 1),
    slot(DATALAKE, "DataLakeFileSystemClient", "storage", 1),
    slot(DATALAKE, "DataLakeDirectoryClient", "storage", 1),
    slot(DATALAKE, "DataLakeFileClient", "storage", 1),
  ],
  samples: () => samplesOf(SAMPLES),
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
];
