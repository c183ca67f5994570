import type { CatalogEntry } from "./types.js";

export const databricks: CatalogEntry = {
  id: "databricks",
  displayName: "Azure Databricks",
  msi: "yes",
  summary:
    "Azure Databricks accepts Microsoft Entra tokens: a Managed Identity added to the workspace as a service principal calls the workspace APIs without a personal access token.",
  caveat:
    "Permissions come from the workspace (the identity is added as a service principal with entitlements), not from Azure RBAC. Check that your client library takes a bearer token: some, such as the Node.js SQL driver, document personal access tokens first.",
  alternative: "Where a client only takes a personal access token, keep it in Key Vault and read it with Managed Identity.",
  replacement:
    'Authorization: Bearer ${(await credential.getToken("2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default")).token}',
  action: "call Databricks with an Entra token from a TokenCredential",
  roles: [{ name: "Workspace service principal with the entitlements and permissions it needs", scope: "databricks-workspace" }],
  grant: "a workspace service principal with the permissions it needs",
  docs: "https://learn.microsoft.com/azure/databricks/dev-tools/auth/azure-mi",
  tokenScope: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default",
  packages: [],
  hasCodeFix: false,
};
