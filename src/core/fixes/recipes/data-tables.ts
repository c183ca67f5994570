/**
 * Azure Table Storage (@azure/data-tables): `TableClient.fromConnectionString(cs, table)` becomes
 * `new TableClient(url, table, credential)`.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf, newOf, slot, storageFromCs } from "../sink.js";

const TABLES = ["@azure/data-tables"];

export const dataTables: RecipeFamily = {
  family: "data-tables",
  sinks: [
    storageFromCs("table-service-from-connection-string", "table", TABLES, "TableServiceClient"),
    {
      id: "table-client-from-connection-string",
      service: "storage",
      modules: TABLES,
      callee: callOf("TableClient", "fromConnectionString"),
      form: "TableClient.fromConnectionString(connectionString, tableName)",
      secret: { kind: "connection-string", arg: 0 },
      keyless: 'new TableClient("https://<account>.table.core.windows.net", tableName, credential)',
      rewrite: {
        type: "construct",
        callee: newOf("TableClient"),
        args: [{ from: "endpoint", endpoint: "table" }, { from: "arg", index: 1 }, { from: "credential" }, { from: "rest", index: 2 }],
      },
    },
  ],
  credentialSlots: [slot(TABLES, "TableServiceClient", "storage", 1), slot(TABLES, "TableClient", "storage", 2)],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "table client from a connection string",
    before: `import { TableClient } from "@azure/data-tables";

export const table = TableClient.fromConnectionString("${s.storageCs}", "orders");
`,
    after: `import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "table service client",
    before: `import { TableServiceClient } from "@azure/data-tables";

export const tables = TableServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { TableServiceClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const tables = new TableServiceClient("https://acct1.table.core.windows.net", new DefaultAzureCredential());
`,
  }),
];
