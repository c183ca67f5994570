import type { CatalogEntry } from "./types.js";

export const containerRegistry: CatalogEntry = {
  id: "container-registry",
  displayName: "Azure Container Registry",
  msi: "yes",
  summary:
    "Pulls and pushes accept Microsoft Entra tokens: App Service, Container Apps and AKS pull with the app's Managed Identity, and @azure/container-registry takes only a TokenCredential.",
  caveat:
    "Registries with ABAC repository permissions ignore AcrPull/AcrPush: grant Container Registry Repository Reader or Writer. Disable the admin user (`adminUserEnabled: false`).",
  replacement: "new ContainerRegistryClient(endpoint, new DefaultAzureCredential())",
  action:
    "pull with it (App Service `acrUseManagedIdentityCreds`, a Container Apps registry identity, AKS `--attach-acr`) or construct the client with a TokenCredential",
  roles: [
    { name: "AcrPull", id: "7f951dda-4ed3-4680-a7ca-43fe172d538d", scope: "azure-rbac" },
    { name: "AcrPush", id: "8311e382-0749-4cb8-b61a-304f252e45ec", scope: "azure-rbac" },
    { name: "AcrDelete", id: "c2f4ef07-c644-48eb-af81-4b1b4947fb11", scope: "azure-rbac" },
    { name: "Container Registry Repository Reader", id: "b93aa761-3e63-49ed-ac28-beffa264f7ac", scope: "azure-rbac" },
  ],
  grant: "AcrPull (or AcrPush to push)",
  docs: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication-managed-identity",
  tokenScope: "https://containerregistry.azure.net/.default",
  packages: ["@azure/container-registry"],
  hasCodeFix: true,
};
