import type { CatalogEntry } from "./types.js";

export const devops: CatalogEntry = {
  id: "devops",
  displayName: "Azure DevOps",
  msi: "yes",
  summary:
    "A Managed Identity added to the Azure DevOps organization as a user calls the REST APIs with a Microsoft Entra token instead of a personal access token.",
  caveat:
    "Permissions come from the organization and its projects, not Azure RBAC. The bearer handler holds a fixed token: rebuild the WebApi before it expires (about an hour).",
  outsideAzure:
    "a workload identity federation service connection (AzurePipelinesCredential) or the pipeline's System.AccessToken",
  replacement:
    'new WebApi(orgUrl, getBearerHandler((await credential.getToken("499b84ac-1321-427f-aa17-267ca6975798/.default")).token))',
  action: "call Azure DevOps with an Entra token from a TokenCredential",
  roles: [{ name: "Organization user with the project permissions it needs", scope: "devops" }],
  grant: "an Azure DevOps organization user with the project permissions it needs",
  docs: "https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/service-principal-managed-identity",
  tokenScope: "499b84ac-1321-427f-aa17-267ca6975798/.default",
  packages: ["azure-devops-node-api"],
  hasCodeFix: false,
};
