import type { CatalogEntry } from "./types.js";

export const cosmosDb: CatalogEntry = {
  id: "cosmos-db",
  displayName: "Azure Cosmos DB",
  msi: "yes",
  summary:
    "CosmosClient accepts a TokenCredential (`aadCredentials`) for data-plane work: items, queries and the change feed.",
  caveat:
    "Data plane only: creating or deleting databases and containers, throughput and stored-procedure management return 403 with a token; do them in infrastructure code or with a control-plane role. The data role is a Cosmos DB SQL role assignment, not an Azure IAM role.",
  replacement: "new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() })",
  roles: [
    { name: "Cosmos DB Built-in Data Contributor", id: "00000000-0000-0000-0000-000000000002", scope: "cosmos-data-plane" },
    { name: "Cosmos DB Built-in Data Reader", id: "00000000-0000-0000-0000-000000000001", scope: "cosmos-data-plane" },
  ],
  grant: "Cosmos DB Built-in Data Contributor (a Cosmos DB SQL role assignment, not Azure IAM)",
  docs: "https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access",
  tokenScope: "https://cosmos.azure.com/.default",
  packages: ["@azure/cosmos", "@azure/data-tables"],
  hasCodeFix: true,
};
