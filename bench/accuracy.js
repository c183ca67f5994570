#!/usr/bin/env node
// npm run bench:accuracy [-- --keep] [--json out.json]
//
// Accuracy of azure-msi against the secret scanners people would use instead, on a labelled corpus
// generated into a temp dir (fake keys only, made by src/core/keys/fake.ts and our own checksum
// generators; nothing is committed):
//   - true positives: every detector's own samples().positive (one file each), plus the same Azure
//     credentials written the ways real projects write them (TS, C#, Python, Java, JSON, YAML, .env,
//     XML, Bicep, Terraform, shell, PowerShell, Markdown), one secret per file;
//   - hard negatives: placeholders, references, emulator keys, GUIDs, hashes, lock-file integrity,
//     base64 images, minified code, identity-based settings, Key Vault references, regex tables,
//     docs, Application Insights connection strings: nothing here is a secret.
// A file counts as found when the tool raises at least one alarm in it; any alarm in a negative file
// is a false positive. For azure-msi an alarm is a warning or error finding (info findings, e.g. the
// published emulator keys, are advice, not alarms). Other tools have no severities: every finding
// is an alarm.
//
// Tools: azure-msi (dist/, needs `npm run build`; the npm script does it), secretlint with
// @secretlint/secretlint-rule-preset-recommend (dev dependencies), and gitleaks / trufflehog when
// they are on PATH (their default configs). Nothing is downloaded.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => import(path.join(root, "dist", "core", p));
const { DETECTORS } = await dist("index.js");
const { fakeBase64, fakeHex, fakeFromAlphabet, fakeIdentifiable, rng, B62 } = await dist("keys/fake.js");
const { makeEntraSecret } = await dist("keys/entra-secret.js");
const { makeAdoPat } = await dist("keys/ado-pat.js");
const { makeCaskKey } = await dist("keys/cask.js");
const { STORAGE_EMULATOR_KEY, COSMOS_EMULATOR_KEY } = await dist("keys/well-known.js");
const FAKES = { fakeBase64, fakeHex, fakeFromAlphabet, fakeIdentifiable, rng, B62, makeEntraSecret, makeAdoPat, makeCaskKey };

const { values: args } = parseArgs({
  options: { keep: { type: "boolean", default: false }, json: { type: "string" } },
});

const CLI = path.join(root, "bin", "azure-msi.js");
const SECRETLINT = path.join(root, "node_modules", "secretlint", "bin", "secretlint.js");
const PRESET = "@secretlint/secretlint-rule-preset-recommend";

// ---------------------------------------------------------------------------------------------
// Secrets, by service. `name` is the setting a project would keep it under; `kind` says whether the
// value carries its own context (a connection string or URL) or is a bare key that needs the name.
// ---------------------------------------------------------------------------------------------
const PW = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+-=?@_";
const b64 = (n, l) => fakeBase64(n, `acc-${l}`);
const pw = (l) => fakeFromAlphabet(20, PW, `acc-pw-${l}`);
const urlPw = (l) => fakeFromAlphabet(20, B62, `acc-urlpw-${l}`);

function secrets() {
  const sasSig = encodeURIComponent(b64(32, "sas-sig"));
  return [
    { service: "storage", name: "AZURE_STORAGE_CONNECTION_STRING", client: "BlobServiceClient", kind: "conn",
      value: `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${b64(64, "st")};EndpointSuffix=core.windows.net` },
    { service: "storage", name: "STORAGE_ACCOUNT_KEY", kind: "key", value: fakeIdentifiable(64, "+ASt", "Default0", "acc-st-id") },
    { service: "storage", name: "BLOB_SAS_URL", kind: "conn",
      value: `https://contosodata.blob.core.windows.net/uploads?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2027-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=${sasSig}` },
    { service: "service-bus", name: "SERVICEBUS_CONNECTION_STRING", client: "ServiceBusClient", kind: "conn",
      value: `Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${b64(32, "sb")}` },
    { service: "event-hubs", name: "EVENTHUB_CONNECTION_STRING", client: "EventHubProducerClient", kind: "conn",
      value: `Endpoint=sb://contoso-eh.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${fakeIdentifiable(32, "+AEh", "Send0000", "acc-eh")};EntityPath=orders` },
    { service: "cosmos-db", name: "COSMOS_CONNECTION_STRING", client: "CosmosClient", kind: "conn",
      value: `AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=${b64(64, "cosmos")};` },
    { service: "entra-id", name: "AZURE_CLIENT_SECRET", kind: "key", value: makeEntraSecret(rng("acc-entra")) },
    { service: "sql", name: "SQL_CONNECTION_STRING", kind: "conn",
      value: `Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;User ID=sqladmin;Password=${pw("sql")};Encrypt=True;` },
    { service: "postgresql", name: "DATABASE_URL", kind: "conn",
      value: `postgres://pgadmin:${urlPw("pg")}@contoso-pg.postgres.database.azure.com:5432/orders?sslmode=require` },
    { service: "mysql", name: "MYSQL_URL", kind: "conn",
      value: `mysql://dbadmin:${urlPw("my")}@contoso-my.mysql.database.azure.com:3306/shop` },
    { service: "redis", name: "REDIS_CONNECTION_STRING", client: "ConnectionMultiplexer", kind: "conn",
      value: `contoso-cache.redis.cache.windows.net:6380,password=${b64(32, "redis")},ssl=True,abortConnect=False` },
    { service: "app-configuration", name: "APPCONFIG_CONNECTION_STRING", client: "ConfigurationClient", kind: "conn",
      value: `Endpoint=https://contoso-config.azconfig.io;Id=${fakeFromAlphabet(20, B62, "acc-ac-id")};Secret=${b64(32, "appconfig")}` },
    { service: "signalr", name: "AZURE_SIGNALR_CONNECTION_STRING", kind: "conn",
      value: `Endpoint=https://contoso-signalr.service.signalr.net;AccessKey=${b64(32, "signalr")};Version=1.0;` },
    { service: "web-pubsub", name: "WEBPUBSUB_CONNECTION_STRING", client: "WebPubSubServiceClient", kind: "conn",
      value: `Endpoint=https://contoso-pubsub.webpubsub.azure.com;AccessKey=${b64(32, "wps")};Version=1.0;` },
    { service: "communication-services", name: "COMMUNICATION_SERVICES_CONNECTION_STRING", client: "EmailClient", kind: "conn",
      value: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${b64(64, "acs")}` },
    { service: "communication-services", name: "ACS_ACCESS_KEY", client: "EmailClient", kind: "key", value: b64(64, "acs-key"),
      host: "https://contoso-acs.communication.azure.com" },
    { service: "web-pubsub", name: "WEBPUBSUB_ACCESS_KEY", client: "WebPubSubServiceClient", kind: "key", value: b64(32, "wps-key"),
      host: "https://contoso-pubsub.webpubsub.azure.com" },
    { service: "iot-hub", name: "IOTHUB_CONNECTION_STRING", client: "RegistryManager", kind: "conn",
      value: `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${b64(32, "iot")}` },
    { service: "ai-services", name: "AZURE_OPENAI_API_KEY", client: "OpenAIClient", kind: "key", value: fakeHex(32, "acc-openai"),
      host: "https://contoso-ai.openai.azure.com/" },
    { service: "ai-services", name: "AZURE_AI_KEY", kind: "key",
      value: makeCaskKey({ provider: "ACOG", providerReserved: "AAAB" }, rng("acc-cask")) },
    { service: "search", name: "AZURE_SEARCH_ADMIN_KEY", client: "SearchIndexClient", kind: "key", value: fakeIdentifiable(39, "AzSe", "PAdmin00", "acc-search"),
      host: "https://contoso-search.search.windows.net" },
    { service: "event-grid", name: "EVENTGRID_KEY", client: "EventGridPublisherClient", kind: "key", value: fakeIdentifiable(32, "AZEG", "SendRecv", "acc-eg"),
      host: "https://contoso-topic.westeurope-1.eventgrid.azure.net/api/events" },
    { service: "container-registry", name: "DOCKER_REGISTRY_SERVER_PASSWORD", kind: "key",
      value: fakeIdentifiable(39, "+ACR", "ACRDflt0", "acc-acr") },
    { service: "functions", name: "FUNCTION_URL", kind: "conn",
      value: `https://contoso-fn.azurewebsites.net/api/orders?code=${fakeIdentifiable(40, "AzFu", "Functi00", "acc-fn", true)}` },
    { service: "batch", name: "BATCH_ACCOUNT_KEY", kind: "key", value: fakeIdentifiable(64, "+ABa", "AbAcct00", "acc-batch"),
      host: "https://contosobatch.westeurope.batch.azure.com" },
    { service: "api-management", name: "APIM_SUBSCRIPTION_KEY", kind: "key", value: fakeHex(32, "acc-apim"),
      host: "https://contoso-apim.azure-api.net" },
    { service: "devops", name: "AZURE_DEVOPS_PAT", kind: "key", value: makeAdoPat(rng("acc-ado")) },
    { service: "databricks", name: "DATABRICKS_TOKEN", kind: "key", value: `dapi${fakeHex(32, "acc-dbx")}`,
      host: "https://adb-1234567890123456.7.azuredatabricks.net" },
    { service: "maps", name: "AZURE_MAPS_SUBSCRIPTION_KEY", kind: "key", value: fakeFromAlphabet(43, B62 + "-_", "acc-maps") },
  ];
}

const camel = (name) => name.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const xml = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const jsonSlash = (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, "\\/");

/** The ways a project writes one setting: [extension, text]. */
function carriers(s) {
  const v = s.value;
  const id = camel(s.name);
  const hostLine = (c) => (s.host ? `${c}${s.name.replace(/_(?:API_|ADMIN_|SUBSCRIPTION_|ACCOUNT_)?(?:KEY|TOKEN|PAT)$/, "")}_ENDPOINT=${s.host}\n` : "");
  const endpointTs = s.host ? `const endpoint = "${s.host}";\n` : "";
  return [
    ["ts", `import { config } from "./config.js";\n\n${endpointTs}const ${id} = "${v}";\nexport const settings = { ...config, ${id} };\n`],
    ["json", `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n${s.host ? `  "Endpoint": "${s.host}",\n` : ""}  "${s.name}": "${v}"\n}\n`],
    ["json", `{"env":{${s.host ? `"ENDPOINT":"${jsonSlash(s.host)}",` : ""}"${s.name}":"${jsonSlash(v)}"}}\n`],
    ["yaml", `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n${s.host ? `            - name: ENDPOINT\n              value: "${s.host}"\n` : ""}            - name: ${s.name}\n              value: "${v}"\n`],
    ["env", `${hostLine("")}${s.name}=${v}\n`],
    ["config", `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n${s.host ? `    <add key="Endpoint" value="${s.host}" />\n` : ""}    <add key="${s.name}" value="${xml(v)}" />\n  </appSettings>\n</configuration>\n`],
    ["bicep", `resource app 'Microsoft.Web/sites@2023-01-01' = {\n  name: 'contoso-api'\n  properties: {\n    siteConfig: {\n      appSettings: [\n${s.host ? `        { name: 'ENDPOINT', value: '${s.host}' }\n` : ""}        { name: '${s.name}', value: '${v}' }\n      ]\n    }\n  }\n}\n`],
    ["tf", `resource "azurerm_linux_web_app" "api" {\n  name = "contoso-api"\n  app_settings = {\n${s.host ? `    "ENDPOINT" = "${s.host}"\n` : ""}    "${s.name}" = "${v}"\n  }\n}\n`],
    ["sh", `#!/usr/bin/env bash\nset -euo pipefail\n${hostLine("export ")}export ${s.name}="${v}"\nnode server.js\n`],
    ["ps1", `${s.host ? `$env:ENDPOINT = "${s.host}"\n` : ""}$${id} = @"\n${v}\n"@\n$env:${s.name} = $${id}\n`],
    ["md", `# Running locally\n\nSet the settings, then start the app:\n\n\`\`\`bash\n${hostLine("export ")}export ${s.name}="${v}"\nnpm start\n\`\`\`\n`],
    ["py", `import os\n\n${s.host ? `ENDPOINT = "${s.host}"\n` : ""}${s.name} = os.environ.get("${s.name}", "${v}")\n`],
    ["cs", `public static class Settings\n{\n${s.host ? `    public const string Endpoint = "${s.host}";\n` : ""}    public const string ${id[0].toUpperCase() + id.slice(1)} = "${v.replace(/\\/g, "\\\\")}";\n}\n`],
    ["java", `public final class Settings {\n${s.host ? `    static final String ENDPOINT = "${s.host}";\n` : ""}    static final String ${s.name} = "${v}";\n}\n`],
    // Passed straight to an SDK call: no setting name, only the call (and the host) say what it is.
    ...(s.client
      ? [
          ["cs", s.kind === "conn"
            ? `var client = new ${s.client}("${v}");\n`
            : `var client = new ${s.client}(new Uri("${s.host}"), new AzureKeyCredential("${v}"));\n`],
          ["py", s.kind === "conn"
            ? `client = ${s.client}.from_connection_string("${v}")\n`
            : `client = ${s.client}("${s.host}", AzureKeyCredential("${v}"))\n`],
        ]
      : []),
    ["Dockerfile", `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n${s.host ? `ENV ENDPOINT=${s.host}\n` : ""}ENV ${s.name}="${v}"\nCMD ["node", "server.js"]\n`],
    ["yml", `services:\n  api:\n    image: contoso/api:1.4\n    environment:\n${s.host ? `      - ENDPOINT=${s.host}\n` : ""}      - ${s.name}=${v}\n`],
    ["ipynb", `${JSON.stringify({ cells: [{ cell_type: "code", metadata: {}, source: ["import os\n", ...(s.host ? [`os.environ["ENDPOINT"] = "${s.host}"\n`] : []), `os.environ["${s.name}"] = "${v}"\n`] }], nbformat: 4, nbformat_minor: 5, metadata: {} }, null, 1)}\n`],
  ];
}

// ---------------------------------------------------------------------------------------------
// Hard negatives: nothing in these files is a secret.
// ---------------------------------------------------------------------------------------------
function negatives() {
  const guid = (l) => {
    const h = fakeHex(32, `acc-guid-${l}`);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const integrity = (l) => `sha512-${fakeBase64(64, `acc-int-${l}`)}`;
  const png = fakeBase64(600, "acc-png");
  const out = [];
  const add = (kind, ext, text) => out.push({ kind, ext, text });
  // Placeholders and references.
  add("placeholder", "env", "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=<account-name>;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net\nAZURE_CLIENT_SECRET=<client-secret>\n");
  add("placeholder", "json", `{\n  "ServiceBus": "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>",\n  "CosmosKey": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==",\n  "OpenAIKey": "********"\n}\n`);
  add("reference", "yaml", "steps:\n  - run: az storage blob upload --account-name contosodata --account-key ${{ secrets.STORAGE_KEY }} -f a.zip\n    env:\n      AZURE_CLIENT_SECRET: ${{ secrets.AZURE_CLIENT_SECRET }}\n      SQL_PASSWORD: $(SqlPassword)\n      REDIS_KEY: '#{RedisKey}#'\n");
  add("reference", "ts", "const conn = `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${process.env.STORAGE_KEY};EndpointSuffix=core.windows.net`;\nconst secret = process.env.AZURE_CLIENT_SECRET!;\n");
  add("reference", "bat", "set AZURE_STORAGE_KEY=%STORAGE_KEY%\nset SB=Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=%SB_KEY%\n");
  // Emulators and local development.
  add("emulator", "json", `{\n  "Values": {\n    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n    "FUNCTIONS_WORKER_RUNTIME": "node"\n  }\n}\n`);
  add("emulator", "env", `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\n`);
  add("emulator", "ts", `// Cosmos DB emulator\nconst client = new CosmosClient({ endpoint: "https://localhost:8081", key: "${COSMOS_EMULATOR_KEY}" });\n`);
  // Identifiers and hashes.
  add("guid", "json", `{\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "TenantId": "${guid(1)}",\n    "ClientId": "${guid(2)}"\n  },\n  "SubscriptionId": "${guid(3)}"\n}\n`);
  add("guid", "tf", `provider "azurerm" {\n  features {}\n  subscription_id = "${guid(4)}"\n  tenant_id       = "${guid(5)}"\n  client_id       = "${guid(6)}"\n  use_oidc        = true\n}\n`);
  add("hash", "txt", `${fakeHex(64, "acc-sha1")}  dist/app.tar.gz\n${fakeHex(64, "acc-sha2")}  dist/app.zip\n`);
  add("hash", "md", `Fixed in commit ${fakeHex(40, "acc-git")} (md5 ${fakeHex(32, "acc-md5")}).\n`);
  add("lockfile", "json", `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/@azure/storage-blob": {\n      "version": "12.28.0",\n      "resolved": "https://registry.npmjs.org/@azure/storage-blob/-/storage-blob-12.28.0.tgz",\n      "integrity": "${integrity(1)}"\n    },\n    "node_modules/@azure/identity": {\n      "version": "4.10.0",\n      "integrity": "${integrity(2)}"\n    }\n  }\n}\n`);
  add("lockfile", "yaml", `packages:\n  /@azure/service-bus@7.9.5:\n    resolution: {integrity: ${integrity(3)}}\n  /@azure/cosmos@4.2.0:\n    resolution: {integrity: ${integrity(4)}}\n`);
  add("base64-image", "css", `.logo {\n  background-image: url("data:image/png;base64,${png}");\n}\n`);
  add("base64-image", "html", `<img alt="logo" src="data:image/png;base64,${png}">\n`);
  add("minified", "js", `!function(e,t){"use strict";var n=${JSON.stringify(fakeFromAlphabet(120, B62, "acc-min1"))},r=function(e){return e.split("").reverse().join("")},o={key:r(n),sig:${JSON.stringify(fakeFromAlphabet(44, B62, "acc-min2"))}};e.cfg=o}(window,document);\n`);
  // Credential-free configuration.
  add("identity", "json", `{\n  "Values": {\n    "AzureWebJobsStorage__accountName": "contosodata",\n    "ServiceBusConnection__fullyQualifiedNamespace": "contoso-bus.servicebus.windows.net",\n    "CosmosDb__accountEndpoint": "https://contoso-db.documents.azure.com:443/"\n  }\n}\n`);
  add("identity", "ts", `import { DefaultAzureCredential } from "@azure/identity";\nimport { BlobServiceClient } from "@azure/storage-blob";\n\nconst credential = new DefaultAzureCredential();\nexport const blobs = new BlobServiceClient("https://contosodata.blob.core.windows.net", credential);\n`);
  add("identity", "env", "AZURE_CLIENT_ID=managed\nSQL_CONNECTION_STRING=Server=tcp:contoso-sql.database.windows.net,1433;Database=orders;Authentication=Active Directory Default;Encrypt=True;\n");
  add("key-vault", "json", `{\n  "StorageConnection": "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/storage-conn/)",\n  "ClientSecret": "@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=client-secret)"\n}\n`);
  add("key-vault", "bicep", "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'contosodata'\n}\nvar conn = 'DefaultEndpointsProtocol=https;AccountName=${sa.name};AccountKey=${sa.listKeys().keys[0].value};EndpointSuffix=core.windows.net'\n");
  add("key-vault", "tf", 'resource "azurerm_linux_web_app" "api" {\n  app_settings = {\n    "STORAGE_KEY" = azurerm_storage_account.sa.primary_access_key\n    "SB_CONN"     = azurerm_servicebus_namespace.ns.default_primary_connection_string\n  }\n}\n');
  // Code and docs about credentials.
  add("regex-table", "ts", "export const PATTERNS = {\n  accountKey: /AccountKey=([A-Za-z0-9+/]{86}==)/,\n  sharedAccessKey: /SharedAccessKey=([A-Za-z0-9+/]{43}=)/,\n  clientSecret: /[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34}/,\n};\nexport const KEYWORDS = [\"accountkey\", \"sharedaccesskey\", \"client_secret\", \"password\"];\n");
  add("docs", "md", "## Configuration\n\nSet `AZURE_STORAGE_CONNECTION_STRING` to `DefaultEndpointsProtocol=https;AccountName=<name>;AccountKey=<key>` or, better, use\n`DefaultAzureCredential`. The `SharedAccessKey=` field of a Service Bus connection string is a secret;\n`password=` in a Redis connection string too. Keywords: `client_secret`, `api-key`, `Ocp-Apim-Subscription-Key`.\n");
  add("docs", "md", "| Setting | Example |\n|---|---|\n| AZURE_OPENAI_API_KEY | `your-api-key` |\n| AZURE_SEARCH_API_KEY | `<search-key>` |\n| SQL password | `Password=<password>;` |\n");
  // More everyday files with random-looking strings that are not credentials.
  add("hash", "html", `<script src="https://cdn.example.com/lib.min.js" integrity="sha384-${fakeBase64(48, "acc-sri")}" crossorigin="anonymous"></script>\n`);
  add("hash", "json", `{\n  "files": {\n    "main.js": { "sha256": "${fakeBase64(32, "acc-sha-b64")}", "etag": "\\"0x8DC${fakeHex(12, "acc-etag").toUpperCase()}\\"" },\n    "nonce": "${fakeBase64(16, "acc-nonce")}"\n  }\n}\n`);
  add("sourcemap", "js", `export function add(a,b){return a+b}\n//# sourceMappingURL=data:application/json;base64,${fakeBase64(300, "acc-map")}\n`);
  add("placeholder", "cs", `// Sample configuration: replace before running.\nconst string ConnectionString = "Endpoint=sb://<your-namespace>.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<your-key>";\nconst string CosmosKey = "<cosmos-primary-key>";\n`);
  add("placeholder", "py", 'SEARCH_KEY = os.getenv("AZURE_SEARCH_KEY", "")\nOPENAI_KEY = os.environ["AZURE_OPENAI_API_KEY"]\nconn = f"AccountName={account};AccountKey={key};EndpointSuffix=core.windows.net"\n');
  add("placeholder", "yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: storage\ntype: Opaque\nstringData:\n  connectionString: REPLACE_ME\n  accountKey: changeme\n");
  add("reference", "yaml", "name: deploy\non: push\npermissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: ${{ vars.AZURE_CLIENT_ID }}\n          tenant-id: ${{ vars.AZURE_TENANT_ID }}\n          subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}\n");
  add("reference", "json", `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "adminPassword": {\n      "reference": {\n        "keyVault": { "id": "/subscriptions/${guid(8)}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv" },\n        "secretName": "sql-admin"\n      }\n    }\n  }\n}\n`);
  add("reference", "npmrc", "registry=https://pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/\nalways-auth=true\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_authToken=${NPM_TOKEN}\n");
  add("identity", "cs", 'builder.Services.AddAzureClients(clients =>\n{\n    clients.AddServiceBusClientWithNamespace("contoso-bus.servicebus.windows.net");\n    clients.AddBlobServiceClient(new Uri("https://contosodata.blob.core.windows.net"));\n    clients.UseCredential(new DefaultAzureCredential());\n});\n');
  add("identity", "py", 'from azure.identity import DefaultAzureCredential\nfrom azure.cosmos import CosmosClient\n\nclient = CosmosClient("https://contoso-db.documents.azure.com:443/", credential=DefaultAzureCredential())\n');
  add("identity", "bicep", "resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid(sa.id, app.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')\n  scope: sa\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')\n    principalId: app.identity.principalId\n  }\n}\n");
  add("sas-no-signature", "txt", "https://contosodata.blob.core.windows.net/public/logo.png?sv=2022-11-02&comp=list&restype=container\n");
  add("test-fixture", "ts", 'it("rejects a malformed key", () => {\n  expect(parse("AccountKey=not-a-key;")).toThrow();\n  expect(isKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")).toBe(false);\n});\n');
  add("random-id", "json", `{\n  "requestId": "${fakeBase64(24, "acc-req")}",\n  "traceparent": "00-${fakeHex(32, "acc-trace")}-${fakeHex(16, "acc-span")}-01",\n  "deploymentId": "${fakeHex(32, "acc-dep")}"\n}\n`);
  add("app-insights", "json", `{\n  "APPLICATIONINSIGHTS_CONNECTION_STRING": "InstrumentationKey=${guid(7)};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/"\n}\n`);
  return out;
}

const EXT = (text) =>
  /^\s*[{[]/.test(text) ? "json"
  : /^\s*<\?xml|^\s*<configuration/.test(text) ? "config"
  : /^resource "/m.test(text) ? "tf"
  : /^(?:resource|module) \w+ '/m.test(text) ? "bicep"
  : /^(?:variable|module) "/m.test(text) ? "tf"
  : /^[a-z_]+ *= *"[^"\n]*"$/m.test(text) && !/[;(]/.test(text) ? "tfvars"
  : "txt";

// ---------------------------------------------------------------------------------------------
// Families (bench/families/*.js, see its README): credential families written the ways whole
// ecosystems write them (IaC parameter files, CLI invocations, comments, ...), with their own
// hard negatives, reported per family.
// ---------------------------------------------------------------------------------------------
const FAMILY_DIR = path.join(root, "bench", "families");
const families = await Promise.all(
  readdirSync(FAMILY_DIR)
    .filter((f) => f.endsWith(".js") && !f.startsWith("_"))
    .sort()
    .map(async (f) => (await import(pathToFileURL(path.join(FAMILY_DIR, f)).href)).default(FAKES)),
);

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------
function buildCorpus(dir) {
  const items = [];
  const write = (rel, text, label) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    items.push({ rel, ...label });
  };
  for (const d of DETECTORS) {
    if (d.severity === "info") continue; // not a secret (Application Insights)
    d.samples().positive.forEach((text, i) => {
      // The published emulator keys are not secrets (azure-msi reports them at info): not labelled positive.
      if (text.includes(STORAGE_EMULATOR_KEY) || text.includes(COSMOS_EMULATOR_KEY)) return;
      write(`samples/${d.id}/${i}.${EXT(text)}`, `${text}\n`, { positive: true, set: "samples", service: d.service, detector: d.id });
    });
  }
  for (const s of secrets()) {
    carriers(s).forEach(([ext, text], i) =>
      write(`variants/${s.service}/${s.name.toLowerCase()}-${i}${ext === "Dockerfile" ? "/Dockerfile" : `.${ext}`}`, text, { positive: true, set: "variants", service: s.service, format: ext }),
    );
  }
  negatives().forEach((n, i) => write(`negatives/${n.kind}/${i}.${n.ext}`, n.text, { positive: false, kind: n.kind }));
  const formatOf = (file) => (file.includes(".") ? file.slice(file.lastIndexOf(".") + 1) : file);
  for (const f of families) {
    f.positives.forEach((p, i) =>
      write(`families/${f.family}/${i}/${p.file}`, p.text, { positive: true, set: "families", family: f.family, service: p.service, format: formatOf(p.file) }),
    );
    f.negatives.forEach((n, i) => write(`families/${f.family}/negatives/${i}/${n.file}`, n.text, { positive: false, kind: n.kind, family: f.family }));
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Tools: each returns a Set of corpus-relative files with at least one alarm, or a reason it did not run.
// ---------------------------------------------------------------------------------------------
const rel = (dir, f) => path.relative(dir, path.resolve(dir, f)).split(path.sep).join("/");

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.error) return { error: r.error.code === "ENOENT" ? "not installed" : r.error.message };
  return r;
}

function azureMsi(dir) {
  const r = run(process.execPath, [CLI, "scan", ".", "--format", "json"], { cwd: dir });
  if (r.error || (r.status !== 0 && r.status !== 1)) return { error: r.error ?? r.stderr.trim().split("\n")[0] };
  const report = JSON.parse(r.stdout);
  const files = new Set();
  const services = new Map();
  for (const f of report.findings) {
    if (f.severity === "info") continue;
    const file = rel(dir, f.file);
    files.add(file);
    services.set(file, [...(services.get(file) ?? []), f.service]);
  }
  return { files, services, version: JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version };
}

function secretlint(dir) {
  const rc = path.join(dir, "..", "secretlintrc.json");
  writeFileSync(rc, JSON.stringify({ rules: [{ id: PRESET }] }));
  // Run from the repository so the preset resolves from our node_modules; scan the corpus by glob.
  const r = run(process.execPath, [SECRETLINT, "--secretlintrc", rc, "--format", "json", "--no-color", `${dir}/**/*`], { cwd: root });
  if (r.error) return { error: r.error };
  let results;
  try {
    results = JSON.parse(r.stdout);
  } catch {
    return { error: (r.stderr || r.stdout).trim().split("\n")[0] };
  }
  const files = new Set();
  for (const res of results) if (res.messages.length > 0) files.add(rel(dir, res.filePath));
  const pkg = JSON.parse(readFileSync(path.join(root, "node_modules", "secretlint", "package.json"), "utf8"));
  return { files, version: pkg.version };
}

function gitleaks(dir) {
  const out = path.join(dir, "..", "gitleaks.json");
  const v = run("gitleaks", ["version"]);
  if (v.error) return { error: v.error };
  // gitleaks >= 8.19 has `dir`; older releases scan a folder with `detect --no-git`.
  let r = run("gitleaks", ["dir", dir, "--report-format", "json", "--report-path", out, "--exit-code", "0", "--no-banner"]);
  if (r.status !== 0) r = run("gitleaks", ["detect", "--no-git", "--source", dir, "--report-format", "json", "--report-path", out, "--exit-code", "0", "--no-banner"]);
  if (r.error || r.status !== 0) return { error: r.error ?? r.stderr.trim().split("\n")[0] };
  const files = new Set(JSON.parse(readFileSync(out, "utf8")).map((f) => rel(dir, f.File)));
  return { files, version: v.stdout.trim() };
}

function trufflehog(dir) {
  const v = run("trufflehog", ["--version"]);
  if (v.error) return { error: v.error };
  const r = run("trufflehog", ["filesystem", dir, "--json", "--no-update", "--no-verification"]);
  if (r.error || r.status !== 0) return { error: r.error ?? r.stderr.trim().split("\n")[0] };
  const files = new Set();
  for (const line of r.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const file = JSON.parse(line).SourceMetadata?.Data?.Filesystem?.file;
    if (file) files.add(rel(dir, file));
  }
  return { files, version: (v.stdout || v.stderr).trim() };
}

// ---------------------------------------------------------------------------------------------
const base = mkdtempSync(path.join(os.tmpdir(), "azure-msi-accuracy-"));
const dir = path.join(base, "corpus");
const items = buildCorpus(dir);
const tools = [
  ["azure-msi", azureMsi],
  ["secretlint", secretlint],
  ["gitleaks", gitleaks],
  ["trufflehog", trufflehog],
];
const results = [];
for (const [name, fn] of tools) {
  const t0 = performance.now();
  const r = fn(dir);
  results.push({ name, ...r, seconds: (performance.now() - t0) / 1000 });
}

const pos = items.filter((i) => i.positive);
const neg = items.filter((i) => !i.positive);
const ran = results.filter((r) => r.files);
const pct = (a, b) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(0)}%`);
const count = (r, list) => list.filter((i) => r.files.has(i.rel)).length;
const table = (head, rows) => {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => `| ${cells.map((x, c) => String(x).padEnd(w[c])).join(" | ")} |`;
  return [line(head), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...rows.map(line)].join("\n");
};

const samplesPos = pos.filter((i) => i.set === "samples");
const variantPos = pos.filter((i) => i.set === "variants");
const familyPos = pos.filter((i) => i.set === "families");
const summary = table(
  ["tool", "version", "detector samples found", "realistic variants found", "family variants found", "all true positives", "false positives (files)", "seconds"],
  ran.map((r) => [
    r.name,
    r.version,
    `${count(r, samplesPos)}/${samplesPos.length} (${pct(count(r, samplesPos), samplesPos.length)})`,
    `${count(r, variantPos)}/${variantPos.length} (${pct(count(r, variantPos), variantPos.length)})`,
    `${count(r, familyPos)}/${familyPos.length} (${pct(count(r, familyPos), familyPos.length)})`,
    `${count(r, pos)}/${pos.length} (${pct(count(r, pos), pos.length)})`,
    `${count(r, neg)}/${neg.length}`,
    r.seconds.toFixed(1),
  ]),
);
/** One row per distinct `key` of `items`: how many of them each tool raised an alarm in. */
const breakdown = (title, items, key) =>
  table(
    [title, ...ran.map((r) => r.name)],
    [...new Set(items.map(key))].map((k) => {
      const list = items.filter((i) => key(i) === k);
      return [k, ...ran.map((r) => `${count(r, list)}/${list.length}`)];
    }),
  );
const services = [...new Set(variantPos.map((i) => i.service))];
const byService = breakdown("service (realistic variants)", variantPos, (i) => i.service);
const byFormat = breakdown("format (realistic variants)", variantPos, (i) => i.format);
const byKind = breakdown("hard negatives (files with an alarm)", neg, (i) => i.kind);
/** Per family: recall on its variants, and alarms in its own hard negatives. */
const byFamily = table(
  ["family", ...ran.flatMap((r) => [`${r.name} found`, `${r.name} false alarms`])],
  families.map((f) => {
    const p = familyPos.filter((i) => i.family === f.family);
    const n = neg.filter((i) => i.family === f.family);
    return [f.family, ...ran.flatMap((r) => [`${count(r, p)}/${p.length}`, `${count(r, n)}/${n.length}`])];
  }),
);
const missed = ran.map((r) => ({ tool: r.name, missed: pos.filter((i) => !r.files.has(i.rel)).map((i) => i.rel), falsePositives: neg.filter((i) => r.files.has(i.rel)).map((i) => i.rel) }));

console.log(`Corpus: ${pos.length} true-positive files (${samplesPos.length} detector samples, ${variantPos.length} realistic variants of ${services.length} services, ${familyPos.length} variants of ${families.length} families), ${neg.length} hard-negative files, in ${dir}\n`);
console.log(summary, "\n");
console.log(byService, "\n");
console.log(byFormat, "\n");
console.log(byKind, "\n");
console.log(byFamily, "\n");
for (const r of results.filter((x) => !x.files)) console.log(`${r.name}: skipped (${r.error})`);
for (const m of missed) {
  console.log(`\n${m.tool}: missed ${m.missed.length}${m.missed.length ? `: ${m.missed.slice(0, 40).join(", ")}${m.missed.length > 40 ? ", ..." : ""}` : ""}`);
  if (m.falsePositives.length) console.log(`${m.tool}: false positives: ${m.falsePositives.join(", ")}`);
}
// Family variants: each miss, and each file found under another service than the one it holds.
for (const r of ran.filter((x) => x.services)) {
  const lost = familyPos.filter((i) => !r.files.has(i.rel)).map((i) => i.rel);
  const wrong = familyPos.filter((i) => r.files.has(i.rel) && !r.services.get(i.rel).includes(i.service)).map((i) => `${i.rel} (${[...new Set(r.services.get(i.rel))].join(", ")}, not ${i.service})`);
  console.log(`\n${r.name}: family variants missed ${lost.length}${lost.length ? `: ${lost.join(", ")}` : ""}`);
  if (wrong.length) console.log(`${r.name}: family variants found under another service: ${wrong.join(", ")}`);
}
if (args.json) writeFileSync(args.json, JSON.stringify({ results: ran.map((r) => ({ name: r.name, version: r.version })), missed }, null, 2));
if (!args.keep) rmSync(base, { recursive: true, force: true });
