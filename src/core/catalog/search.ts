import type { CatalogEntry } from "./types.js";

export const search: CatalogEntry = {
  id: "search",
  displayName: "Azure AI Search",
  msi: "yes",
  summary: "SearchClient, SearchIndexClient and SearchIndexerClient accept a TokenCredential instead of an api-key.",
  caveat:
    "Role-based access must be enabled on the search service (the default is API keys only). Indexer connections to data sources are configured separately.",
  replacement: 'new SearchClient(endpoint, "<index>", new DefaultAzureCredential())',
  roles: [
    { name: "Search Index Data Reader", id: "1407120a-92aa-4202-b7e9-c0e197c71c8f", scope: "azure-rbac" },
    { name: "Search Index Data Contributor", id: "8ebe5a00-799e-43f5-93ac-243d3dce84a7", scope: "azure-rbac" },
    { name: "Search Service Contributor", id: "7ca78c08-252a-4471-8644-bb5ff32d4ba0", scope: "azure-rbac" },
  ],
  grant: "Search Index Data Reader (queries) or Search Index Data Contributor (indexing)",
  docs: "https://learn.microsoft.com/azure/search/search-security-rbac",
  tokenScope: "https://search.azure.com/.default",
  packages: ["@azure/search-documents"],
  hasCodeFix: true,
};
