import type { CatalogEntry } from "./types.js";

export const sql: CatalogEntry = {
  id: "sql",
  displayName: "Azure SQL Database",
  msi: "yes",
  summary:
    'mssql and tedious connect with a Microsoft Entra token from any TokenCredential (`authentication.type: "token-credential"`).',
  caveat:
    "mssql's connection-string parser silently falls back to SQL authentication for `Authentication=Active Directory Managed Identity`: use a config object. The identity is a database user, not an Azure role; enforce with `azureADOnlyAuthentication: true`.",
  replacement: 'authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } }',
  action: "connect with a Microsoft Entra token",
  roles: [
    { name: "Contained database user: CREATE USER [<identity>] FROM EXTERNAL PROVIDER", scope: "database" },
    { name: "db_datareader", scope: "database" },
    { name: "db_datawriter", scope: "database" },
  ],
  grant: "a database user (CREATE USER [<identity>] FROM EXTERNAL PROVIDER) in db_datareader/db_datawriter",
  docs: "https://learn.microsoft.com/azure/azure-sql/database/azure-sql-passwordless-migration-nodejs",
  tokenScope: "https://database.windows.net/.default",
  packages: ["mssql", "tedious"],
  hasCodeFix: true,
};
