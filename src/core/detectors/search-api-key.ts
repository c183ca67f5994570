import { fakeFromAlphabet, fakeHex, fakeIdentifiable } from "../keys/fake.js";
import { hasHostOf, keyShape, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { stringLiteralAt } from "../text/literal-context.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import { anchorAtEnd } from "../text/window.js";
import { keywordBits, mayHold, wordTable } from "../detect/keyword-bits.js";
import type { Candidate, Detector } from "../types.js";

const SEEDS = { Query000: "query", PAdmin00: "admin" } as const;

/** Setting and variable names that hold a Search key: AZURE_SEARCH_API_KEY, searchAdminKey, ... */
const NAMES = anchorAtEnd(
  /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_?|cognitive_?)?search_?(?:service_?)?(?:admin_?|query_?)?(?:api_?)?key(?![\w-])/gi,
  "key",
  String.raw`(?![\w-])`,
);
const API_KEY_HEADER = /(?<![\w-])api-key(?![\w-])/gi;
const KEY_CREDENTIAL = /\bAzureKeyCredential\([ \t]*/g;
/** Search SDK clients whose credential argument we look at. */
const SEARCH_CLIENT = /\b(?:SearchClient|SearchIndexClient|SearchIndexerClient|KnowledgeRetrievalClient)\b/;

const UPPER_HEX = "0123456789ABCDEF";

const KEYWORDS = ["azse", "api-key", "azurekeycredential", "search"];
/** Every name ends in `key`: the names are tried where it occurs (DetectorInput.found). */
const ANCHORS = ["key"];
const NAME_END = wordTable(ANCHORS, ["key"]);
/** Each of these searches' matches holds its keyword (keyword-bits.ts). */
const IDENTIFIABLE_WORDS = keywordBits(KEYWORDS, ["azse"]);
const HEADER_WORDS = keywordBits(KEYWORDS, ["api-key"]);
const CREDENTIAL_WORDS = keywordBits(KEYWORDS, ["azurekeycredential"]);

export const searchApiKey: Detector = {
  id: "search-api-key",
  service: "search",
  title: "Azure AI Search API key",
  description:
    "An Azure AI Search admin or query key: the identifiable 52-character format (`AzSe` signature, Marvin32 checksum with the Query000/PAdmin00 seeds), or a legacy 32-character key when its context says Search (an `api-key` header next to a `.search.windows.net` host, an `AzureKeyCredential` passed to a SearchClient/SearchIndexClient, or an `AZURE_SEARCH_KEY`-style name). An admin key can change or delete every index.",
  keywords: KEYWORDS,
  anchors: ANCHORS,
  window: { before: 60, after: 200 },
  severity: "error",
  priority: 61,
  find({ text, from, to, hits, found }) {
    const out: Candidate[] = [];
    if (mayHold(hits, IDENTIFIABLE_WORDS)) for (const k of findIdentifiable(text, from, to, "AzSe", 39, Object.keys(SEEDS))) {
      out.push({ start: k.start, end: k.end, fields: { format: "identifiable", keyKind: SEEDS[k.seed as keyof typeof SEEDS] } });
    }
    const legacy = (start: number, end: number, value: string, context: string): void => {
      if (keyShape(value, ["alnum32"])) out.push({ start, end, fields: { format: "legacy", context } });
    };
    for (const { value } of namedValues(NAMES, text, from, to, { found, table: NAME_END })) {
      const v = trimValue(value);
      legacy(v.start, v.end, v.value, "name");
    }
    if (mayHold(hits, HEADER_WORDS)) for (const { value } of namedValues(API_KEY_HEADER, text, from, to)) {
      const v = trimValue(value);
      if (hasHostOf(text, v.start, v.end, "search")) legacy(v.start, v.end, v.value, "api-key header");
    }
    if (mayHold(hits, CREDENTIAL_WORDS)) for (const m of matchesIn(KEY_CREDENTIAL, text, from, to)) {
      const lit = stringLiteralAt(text, m.index + m[0].length, 120);
      if (!lit) continue;
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      if (SEARCH_CLIENT.test(before) || hasHostOf(text, lit.start, lit.end, "search", 300)) {
        legacy(lit.start, lit.end, lit.value, "AzureKeyCredential");
      }
    }
    return out;
  },
  samples() {
    const admin = fakeIdentifiable(39, "AzSe", "PAdmin00", "search-admin-1");
    const query = fakeIdentifiable(39, "AzSe", "Query000", "search-query-1");
    const legacy1 = fakeFromAlphabet(32, UPPER_HEX, "search-legacy-1");
    const legacy2 = fakeFromAlphabet(32, UPPER_HEX, "search-legacy-2");
    const broken = `${admin.slice(0, 10)}${admin[10] === "Q" ? "R" : "Q"}${admin.slice(11)}`;
    return {
      positive: [
        `const client = new SearchClient("https://contoso.search.windows.net", "hotels", new AzureKeyCredential("${admin}"));`,
        `// query key for the public site\nconst QUERY_KEY = "${query}";`,
        `AZURE_SEARCH_ENDPOINT=https://contoso.search.windows.net\nAZURE_SEARCH_API_KEY=${legacy1}\n`,
        `curl -X GET "https://contoso.search.windows.net/indexes?api-version=2024-07-01" \\\n  -H "api-key: ${legacy2}"`,
        `{\n  "Search": {\n    "Endpoint": "https://contoso.search.windows.net",\n    "AdminKey": "${admin}"\n  }\n}`,
        `const indexClient = new SearchIndexClient(endpoint,\n  new AzureKeyCredential("${legacy1}"));`,
      ],
      negative: [
        // A 32-hex key next to an Azure OpenAI host is not a Search key.
        `const headers = { "api-key": "${fakeHex(32, "search-neg-1")}" }; // https://contoso.openai.azure.com`,
        "AZURE_SEARCH_KEY=3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "AZURE_SEARCH_API_KEY=${AZURE_SEARCH_API_KEY}",
        `search:\n  adminKey: "<your-search-admin-key>"`,
        `const text = new TextAnalysisClient(endpoint, new AzureKeyCredential("${legacy2}"));`,
        `# checksum does not hold\nkey: ${broken}`,
        `const searchKey = "ABCDABCDABCDABCDABCDABCDABCDABCD";`,
        `const commit = "${fakeHex(40, "search-neg-sha")}"; // git sha near search.windows.net docs`,
      ],
    };
  },
};
