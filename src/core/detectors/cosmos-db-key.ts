import { hostOf } from "../keys/connection-string.js";
import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import {
  accountKeyConnectionString,
  accountKeysIn,
  ASSIGN_TAIL,
  identifiableAt,
  identifierAround,
  isHashOrData,
  isLockFile,
  prefixBefore,
} from "../keys/key-shapes.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import { COSMOS_EMULATOR_KEY, COSMOS_EMULATOR_NOTE, isLocalHost } from "../keys/well-known.js";

export const COSMOS_SEEDS = ["MastRW00", "MastRO00", "SysAll00", "Resour00", "SystRO00", "SystRW00", "Encryp00"] as const;

/** `cosmosKey`, `COSMOS_DB_KEY`, `documentDbKey`, `primaryMasterKey`: Cosmos by name alone. */
const COSMOS_NAME = new RegExp(String.raw`(?:cosmos|documentdb|docdb|(?:primary|secondary)(?:readonly)?masterkey)[a-z0-9_.-]{0,30}` + ASSIGN_TAIL);
/** `key:`, `masterKey`, `authKey`, `accountKey`, `primaryKey`: Cosmos only next to a Cosmos host or client. */
const KEYISH_NAME = new RegExp(String.raw`(?:key|secret|credential|password)[a-z0-9_]{0,10}` + ASSIGN_TAIL);
const COSMOS_HOST =
  /\.documents\.azure\.(?:com|us|cn)|\.table\.cosmos\.azure\.com|\.mongo\.cosmos\.azure\.com|cosmosclient\s*\(|documentclient\s*\(|cosmosclientbuilder/;
/** Java builder: `new CosmosClientBuilder().endpoint(...).key("...")`. */
const BUILDER_KEY = /\.key\(\s*["']$/;
const CLIENT_CALL = /(?:cosmosclient|documentclient)\s*\(/g;

/**
 * Is the value at the end of `wide` (lower-cased text before it) the second argument of
 * `new CosmosClient(endpoint, "...")` / `new DocumentClient(new Uri(endpoint), "...")`? Counts
 * top-level commas after the last call's `(`, skipping string literals and nested brackets.
 */
function secondArgOfClient(wide: string): boolean {
  let open = -1;
  CLIENT_CALL.lastIndex = 0;
  for (let m = CLIENT_CALL.exec(wide); m !== null; m = CLIENT_CALL.exec(wide)) open = m.index + m[0].length;
  if (open < 0 || !/["'`]$/.test(wide)) return false;
  let depth = 0;
  let commas = 0;
  let quote = 0;
  for (let i = open; i < wide.length - 1; i++) {
    const c = wide.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39 || c === 96) quote = c;
    else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (--depth < 0) return false;
    } else if (c === 44 && depth === 0) commas++;
  }
  return depth === 0 && commas === 1 && !quote;
}
const OTHER_NAME = /storage|blob|queue|batch|redis|servicebus|eventhub|signalr|search|sql/;
const ENDPOINT_NEAR = /https:\/\/([a-z0-9-]{3,50})\.documents\.azure\.(?:com|us|cn)(?::\d{1,5})?\/?/;
const NEAR = 400;
const EMULATOR = { key: COSMOS_EMULATOR_KEY, note: COSMOS_EMULATOR_NOTE, fields: { keyFormat: "emulator" } };

export const cosmosDbKey: Detector = {
  id: "cosmos-db-key",
  service: "cosmos-db",
  title: "Azure Cosmos DB account key",
  description:
    "A Cosmos DB account (master) key: identifiable `ACDb` keys (Marvin32 checksum) anywhere; legacy 88-character keys in `AccountEndpoint=...;AccountKey=...` connection strings (and Table API connection strings whose `TableEndpoint` is `*.table.cosmos.azure.com`), under Cosmos-specific names (`COSMOS_KEY`, `primaryMasterKey`), or next to a `*.documents.azure.com` endpoint or `new CosmosClient(...)` (`{ endpoint, key: \"...\" }`). A primary key grants full read/write access to every database in the account.",
  keywords: ["accountendpoint", "documents.azure", "cosmos", "acdb", "masterkey", COSMOS_EMULATOR_KEY.slice(0, 10).toLowerCase()],
  window: { before: 500, after: 500 },
  severity: "error",
  priority: 75,
  find({ text, from, to, path }) {
    const out: Candidate[] = [];
    for (const m of accountKeysIn(text, from, to, EMULATOR, out)) {
      const identifiable = identifiableAt(m.value, ["ACDb"], COSMOS_SEEDS) !== undefined;
      if (!identifiable && isPlaceholder(m.value)) continue;
      const fields: Record<string, string> = { keyFormat: identifiable ? "identifiable" : "legacy" };
      const prefix = prefixBefore(text, m.start);
      let container: Candidate["container"];
      let local = false;
      const inCs = accountKeyConnectionString(text, m.start, prefix);
      if (inCs) {
        const { cs, service } = inCs;
        if (service === "cosmos-db" || cs.has("AccountEndpoint")) {
          container = { start: cs.start, end: cs.end };
          const endpoint = cs.value("AccountEndpoint") ?? cs.value("TableEndpoint");
          if (endpoint) fields[cs.has("AccountEndpoint") ? "AccountEndpoint" : "TableEndpoint"] = endpoint;
          const account = cs.value("AccountName");
          if (account) fields.AccountName = account;
          local = isLocalHost(hostOf(endpoint ?? ""));
        } else if (!identifiable) {
          continue; // a Storage or Batch connection string
        }
      }
      if (!container && !identifiable) {
        if (isLockFile(path) || isHashOrData(prefix)) continue;
        const around = text.slice(Math.max(0, m.start - NEAR), Math.min(text.length, m.end + NEAR)).toLowerCase();
        const wide = text.slice(Math.max(0, m.start - 300), m.start).toLowerCase();
        const named = COSMOS_NAME.exec(prefix);
        const keyish = named ? undefined : (KEYISH_NAME.exec(prefix) ?? BUILDER_KEY.exec(prefix));
        if (secondArgOfClient(wide)) {
          fields.context = "client-argument";
        } else if (named) {
          if (OTHER_NAME.test(identifierAround(prefix, named.index, named[0].length))) continue;
        } else if (!keyish || OTHER_NAME.test(identifierAround(prefix, keyish.index, keyish[0].length)) || !COSMOS_HOST.test(around)) {
          continue;
        }
        const ep = ENDPOINT_NEAR.exec(around);
        if (ep) fields.AccountEndpoint = ep[0];
        if (/https?:\/\/(?:localhost|127\.0\.0\.1):8081/.test(around) && !ep) local = true;
      }
      out.push({
        start: m.start,
        end: m.end,
        fields,
        ...(container ? { container } : {}),
        ...(local ? { severity: "info" as const, note: "The endpoint is a local Cosmos DB emulator; the key is not the published emulator key, so check where else it is used." } : {}),
      });
    }
    return out;
  },
  samples() {
    const key = fakeBase64(64, "cosmos-1");
    const key2 = fakeBase64(64, "cosmos-2");
    const id = fakeIdentifiable(64, "ACDb", "MastRW00", "cosmos-3");
    return {
      positive: [
        `const client = new CosmosClient({ endpoint: "https://orders-db.documents.azure.com:443/", key: "${key}" });`,
        `COSMOS_CONNECTION_STRING=AccountEndpoint=https://orders-db.documents.azure.com:443/;AccountKey=${key2};`,
        `{ "CosmosDb": { "Key": "${id}" } }`,
        `cosmos:\n  endpoint: https://orders-db.documents.azure.com:443/\n  primaryKey: ${key}\n`,
        `<add key="CosmosDbAuthKey" value="${key2}" />`,
        `resource "azurerm_linux_web_app" "a" {\n  app_settings = { TABLES = "DefaultEndpointsProtocol=https;AccountName=orders-db;AccountKey=${key};TableEndpoint=https://orders-db.table.cosmos.azure.com:443/;" }\n}`,
        `export COSMOS_KEY='${key2}'`,
        `var client = new CosmosClient("https://orders-db.documents.azure.com:443/", "${key}");`,
        `CosmosAsyncClient client = new CosmosClientBuilder()\n    .endpoint("https://orders-db.documents.azure.com:443/")\n    .key("${key2}")\n    .buildAsyncClient();`,
        `// emulator: AccountEndpoint=https://localhost:8081/;AccountKey=${COSMOS_EMULATOR_KEY}`,
      ],
      negative: [
        "COSMOS_KEY=<cosmos-primary-key>",
        `const client = new CosmosClient({ endpoint: "https://orders-db.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });`,
        `cosmos_key = azurerm_cosmosdb_account.db.primary_key`,
        `"cosmosKey": "[listKeys(resourceId('Microsoft.DocumentDB/databaseAccounts', 'orders-db'), '2023-04-15').primaryMasterKey]"`,
        `"integrity": "sha512-${key}" // cosmos sdk`,
        `CosmosDbConnection__accountEndpoint=https://orders-db.documents.azure.com:443/`,
        `const storageKey = "${key2}"; // not cosmos`,
        `var client = new CosmosClient("https://orders-db.documents.azure.com:443/", new DefaultAzureCredential()); var other = Hash("${key}");`,
      ],
    };
  },
};
