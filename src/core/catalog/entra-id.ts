import type { CatalogEntry } from "./types.js";

export const entraId: CatalogEntry = {
  id: "entra-id",
  displayName: "Microsoft Entra ID",
  msi: "yes",
  summary:
    "Code running in Azure can replace an app registration's client secret with the app's Managed Identity; every Azure SDK client takes either credential.",
  caveat:
    "Managed Identity exists only inside Azure. The identity needs the role assignments and API permissions the app registration holds today.",
  outsideAzure:
    "workload identity federation (WorkloadIdentityCredential, AzurePipelinesCredential, GitHub OIDC) or a certificate kept in Key Vault",
  replacement: "new ManagedIdentityCredential()",
  action: "use ManagedIdentityCredential (or DefaultAzureCredential) in place of the secret-based credential",
  roles: [{ name: "The roles and API permissions the app registration holds today", scope: "azure-rbac" }],
  grant: "the roles the app registration holds today",
  docs: "https://learn.microsoft.com/azure/developer/javascript/sdk/authentication/overview",
  packages: ["@azure/identity"],
  hasCodeFix: true,
};
