/**
 * Azure AI Search (@azure/search-documents): no connection string; an `AzureKeyCredential` passed to
 * a client's credential slot becomes the TokenCredential (key-credentials.ts).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { slot } from "../sink.js";

const SEARCH = ["@azure/search-documents"];

export const search: RecipeFamily = {
  family: "search",
  sinks: [],
  credentialSlots: [
    slot(SEARCH, "SearchClient", "search", 2),
    slot(SEARCH, "SearchIndexClient", "search", 1),
    slot(SEARCH, "SearchIndexerClient", "search", 1),
    slot(SEARCH, "KnowledgeRetrievalClient", "search", 2),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "AI Search client with AzureKeyCredential",
    before: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new AzureKeyCredential("${s.searchKey}"));
`,
    after: `import { SearchClient } from "@azure/search-documents";
import { DefaultAzureCredential } from "@azure/identity";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new DefaultAzureCredential());
`,
  }),
];
