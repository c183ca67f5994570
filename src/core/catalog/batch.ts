import type { CatalogEntry } from "./types.js";

export const batch: CatalogEntry = {
  id: "batch",
  displayName: "Azure Batch",
  msi: "yes",
  summary: "The Batch service accepts Microsoft Entra tokens for the Batch resource instead of the shared account key.",
  caveat:
    "@azure/batch 10.x is a legacy ms-rest SDK: wrap the credential in AzureIdentityCredentialAdapter with the Batch scope (a bare TokenCredential would request an ARM token). The shared key grants full account access regardless of roles.",
  replacement:
    'new BatchServiceClient(new AzureIdentityCredentialAdapter(new ManagedIdentityCredential(), "https://batch.core.windows.net//.default"), batchUrl)',
  action: "wrap a TokenCredential in AzureIdentityCredentialAdapter",
  roles: [
    { name: "Azure Batch Data Contributor", id: "6aaa78f1-f7de-44ca-8722-c64a23943cae", scope: "azure-rbac" },
    { name: "Azure Batch Job Submitter", id: "48e5e92e-a480-4e71-aa9c-2778f4c13781", scope: "azure-rbac" },
    { name: "Azure Batch Account Contributor", id: "29fe4964-1e60-436b-bd3a-77fd4c178b3c", scope: "azure-rbac" },
    { name: "Azure Batch Account Reader", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/batch/batch-aad-auth",
  tokenScope: "https://batch.core.windows.net//.default",
  packages: ["@azure/batch"],
  hasCodeFix: false,
};
