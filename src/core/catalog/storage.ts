import type { CatalogEntry } from "./types.js";

export const storage: CatalogEntry = {
  id: "storage",
  displayName: "Azure Storage",
  msi: "yes",
  summary:
    "Blob, Queue, Table and Data Lake data requests accept Microsoft Entra tokens, so every client can be built from the account URL and a TokenCredential.",
  caveat:
    'Azure Files over REST needs `fileRequestIntent: "backup"` and a Storage File Data Privileged role (admin-level access that bypasses file ACLs); SMB mounts with the account key and the Functions Consumption/Elastic Premium content share cannot use Managed Identity. Account and service SAS are signed with the key.',
  alternative:
    "Instead of an account or service SAS, issue a user-delegation SAS (`getUserDelegationKey` then `generateUserDelegationSasUrl`); for SMB mounts and the Functions content share, keep the key in Key Vault and use a Key Vault reference.",
  replacement: "new BlobServiceClient(blobUrl, new DefaultAzureCredential())",
  roles: [
    { name: "Storage Blob Data Contributor", id: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", scope: "azure-rbac" },
    { name: "Storage Blob Data Reader", id: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", scope: "azure-rbac" },
    { name: "Storage Blob Data Owner", id: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", scope: "azure-rbac" },
    { name: "Storage Queue Data Contributor", id: "974c5e8b-45b9-4653-ba55-5f855dd0fb88", scope: "azure-rbac" },
    { name: "Storage Table Data Contributor", id: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", scope: "azure-rbac" },
    { name: "Storage File Data Privileged Contributor", id: "69566ab7-960f-475b-8e7c-b3118f30c6bd", scope: "azure-rbac" },
  ],
  grant: "Storage Blob Data Contributor (or the Queue, Table or File data role it uses)",
  docs: "https://learn.microsoft.com/azure/storage/common/migrate-azure-credentials",
  tokenScope: "https://storage.azure.com/.default",
  packages: [
    "@azure/storage-blob",
    "@azure/storage-queue",
    "@azure/storage-file-share",
    "@azure/storage-file-datalake",
    "@azure/data-tables",
  ],
  hasCodeFix: true,
  variants: [
    {
      id: "sas",
      label: "Storage SAS tokens and SAS URLs",
      // A key-signed SAS (a user-delegation SAS is already signed without the key).
      applies: ({ ruleId, fields }) =>
        fields["sasKind"] !== "storage-user-delegation" &&
        (fields["kind"] === "sas" || fields["sasKind"] !== undefined || /(?:^|-)sas(?:-|$)/.test(ruleId)),
      msi: "yes",
      summary:
        "A service or account SAS is signed with the account key; code running in Azure needs no SAS at all, and a SAS handed to others can be a user-delegation SAS signed with Entra credentials.",
      alternative:
        "For SAS you hand out, issue a short-lived user-delegation SAS (`getUserDelegationKey` then `generateUserDelegationSasUrl`).",
    },
  ],
};
