import type { CatalogEntry } from "./types.js";

export const maps: CatalogEntry = {
  id: "maps",
  displayName: "Azure Maps",
  msi: "yes",
  summary: "The Maps REST clients accept a TokenCredential plus the Maps account's client ID instead of a subscription key.",
  caveat:
    "The Maps account client ID (`x-ms-client-id`) is not a secret. Browser apps should get short-lived tokens from a backend (or a SAS) rather than hold a key.",
  replacement: "MapsSearch(new DefaultAzureCredential(), mapsAccountClientId)",
  roles: [
    { name: "Azure Maps Data Reader", id: "423170ca-a8f6-4b0f-8487-9e4eb8f49bfa", scope: "azure-rbac" },
    { name: "Azure Maps Data Contributor", scope: "azure-rbac" },
    { name: "Azure Maps Search and Render Data Reader", scope: "azure-rbac" },
  ],
  docs: "https://learn.microsoft.com/azure/azure-maps/azure-maps-authentication",
  tokenScope: "https://atlas.microsoft.com/.default",
  packages: ["@azure-rest/maps-search"],
  hasCodeFix: true,
};
