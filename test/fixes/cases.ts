/**
 * Before/after pairs of every fix recipe. Secrets are generated here at test time (src/core/keys/fake.ts),
 * never committed; the expected outputs hold none (except where a constant is deliberately kept).
 * Shared by recipes.test.ts (exact output, idempotence) and typecheck.test.ts (the outputs compile
 * against the real SDKs).
 */
import { parse } from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { planFix, planSinkFix, applyEdits, type CredentialChoice } from "../../src/adapters/estree.js";
import { makeCaskKey } from "../../src/core/keys/cask.js";
import { makeEntraSecret } from "../../src/core/keys/entra-secret.js";
import { fakeBase64, fakeFromAlphabet, fakeHex, fakeIdentifiable, rng, B62 } from "../../src/core/keys/fake.js";
import { scanText } from "../../src/core/index.js";
import type { Finding, FixPlan } from "../../src/core/types.js";

export const S = {
  storageKey: fakeBase64(64, "fix-storage"),
  get storageCs() {
    return `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${this.storageKey};EndpointSuffix=core.windows.net`;
  },
  sbKey: fakeBase64(32, "fix-sb"),
  get sbCs() {
    return `Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${this.sbKey}`;
  },
  get ehCs() {
    return `Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${this.sbKey};EntityPath=telemetry`;
  },
  cosmosKey: fakeBase64(64, "fix-cosmos"),
  get cosmosCs() {
    return `AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=${this.cosmosKey};`;
  },
  appConfigCs: `Endpoint=https://contoso-config.azconfig.io;Id=${fakeFromAlphabet(4, B62, "fix-appcs-id1")}-l0-s0:${fakeFromAlphabet(20, B62, "fix-appcs-id2")};Secret=${fakeBase64(32, "fix-appcs")}`,
  searchKey: fakeIdentifiable(39, "AzSe", "PAdmin00", "fix-search"),
  openAiKey: fakeHex(32, "fix-openai"),
  webPubSubCs: `Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=${fakeBase64(32, "fix-wps")};Version=1.0;`,
  eventGridKey: fakeIdentifiable(32, "AZEG", "SendRecv", "fix-eg"),
  entraSecret: makeEntraSecret(rng("fix-entra")),
  iotCs: `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeIdentifiable(32, "AIoT", "IoTHub00", "fix-iot")}`,
  acsCs: `endpoint=https://contoso-notify.communication.azure.com/;accesskey=${fakeBase64(64, "fix-acs")}`,
  mapsKey: makeCaskKey({ provider: "AZMP" }, rng("fix-maps")),
  sqlPassword: fakeFromAlphabet(16, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%", "fix-sql"),
};

export interface FixCase {
  readonly name: string;
  /** File name (extension decides ESM/CJS and the type-check mode). */
  readonly file?: string;
  readonly before: string;
  /** Exact expected output; absent for no-fix cases. */
  readonly after?: string;
  /** For no-fix cases: the manual explanation must match. */
  readonly manual?: RegExp;
  readonly credential?: CredentialChoice;
  readonly clientId?: string;
  /** The output deliberately keeps the secret (a constant still used elsewhere). */
  readonly keepsSecret?: boolean;
}

export interface FixRun {
  readonly output: string;
  readonly plans: FixPlan[];
  readonly manuals: string[];
  readonly findings: Finding[];
}

const parseProgram = (text: string): TSESTree.Program => parse(text, { range: true, loc: true }) as unknown as TSESTree.Program;

/**
 * What `azure-msi fix` does with one file: scan, plan each finding, apply the first plan, rescan,
 * until no finding yields a plan.
 */
export function runFix(c: Pick<FixCase, "before" | "file" | "credential" | "clientId">, maxRounds = 8): FixRun {
  let text = c.before;
  const plans: FixPlan[] = [];
  const manuals: string[] = [];
  const file = c.file ?? "case.ts";
  const firstFindings = scanText(text, { path: file });
  for (let round = 0; round < maxRounds; round++) {
    const findings = scanText(text, { path: file });
    const ast = parseProgram(text);
    let applied = false;
    for (const finding of findings) {
      const r = planFix({ ast, text, finding, credential: c.credential ?? "default", path: file, ...(c.clientId ? { clientId: c.clientId } : {}) });
      if ("plan" in r) {
        plans.push(r.plan);
        text = applyEdits(text, r.plan.edits);
        applied = true;
        break;
      }
      if (round === 0 || !manuals.includes(r.manual)) manuals.push(r.manual);
    }
    if (!applied) break;
  }
  return { output: text, plans, manuals, findings: firstFindings };
}

/** The plans a text yields, without applying them (idempotence checks). */
export function plansFor(text: string, file = "case.ts", credential: CredentialChoice = "default"): FixPlan[] {
  const ast = parseProgram(text);
  const out: FixPlan[] = [];
  for (const finding of scanText(text, { path: file })) {
    const r = planFix({ ast, text, finding, credential, path: file });
    if ("plan" in r) out.push(r.plan);
  }
  return out;
}

const s = S;

export const CASES: readonly FixCase[] = [
  // ---------------------------------------------------------------- Storage
  {
    name: "blob service client from an inline connection string",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

// uploads go to the images container
export const blobService = BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

// uploads go to the images container
export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "container client with a container name",
    before: `import { ContainerClient } from "@azure/storage-blob";

export const images = new ContainerClient("${s.storageCs}", "images");
`,
    after: `import { ContainerClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const images = new ContainerClient("https://acct1.blob.core.windows.net/images", new DefaultAzureCredential());
`,
  },
  {
    name: "container client with a run-time container name",
    before: `import { ContainerClient } from "@azure/storage-blob";

const CS = "${s.storageCs}";
export function container(name: string): ContainerClient {
  return new ContainerClient(CS, name);
}
`,
    after: `import { ContainerClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export function container(name: string): ContainerClient {
  return new ContainerClient(\`https://acct1.blob.core.windows.net/\${name}\`, new DefaultAzureCredential());
}
`,
  },
  {
    name: "share client with options in a variable",
    before: `import { ShareClient, type ShareClientOptions } from "@azure/storage-file-share";

const options: ShareClientOptions = { retryOptions: { maxTries: 3 } };
export const share = new ShareClient("${s.storageCs}", "docs", options);
`,
    after: `import { ShareClient, type ShareClientOptions } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

const options: ShareClientOptions = { retryOptions: { maxTries: 3 } };
export const share = new ShareClient("https://acct1.file.core.windows.net/docs", new DefaultAzureCredential(), { ...options, fileRequestIntent: "backup" });
`,
  },
  {
    name: "block blob client with a static blob name (encoded)",
    before: `import { BlockBlobClient } from "@azure/storage-blob";

export const report = new BlockBlobClient("${s.storageCs}", "reports", "2024/q1 summary.pdf");
`,
    after: `import { BlockBlobClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const report = new BlockBlobClient("https://acct1.blob.core.windows.net/reports/2024/q1%20summary.pdf", new DefaultAzureCredential());
`,
  },
  {
    name: "queue client through a const (const removed)",
    before: `import { QueueClient } from "@azure/storage-queue";

const STORAGE_CONNECTION = "${s.storageCs}";

export const orders = new QueueClient(STORAGE_CONNECTION, "orders");
`,
    after: `import { QueueClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const orders = new QueueClient("https://acct1.queue.core.windows.net/orders", new DefaultAzureCredential());
`,
  },
  {
    name: "queue service client",
    before: `import { QueueServiceClient } from "@azure/storage-queue";

export const queues = QueueServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "file share service client gets fileRequestIntent backup",
    before: `import { ShareServiceClient } from "@azure/storage-file-share";

export const shares = ShareServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { ShareServiceClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
`,
  },
  {
    name: "share client with existing options",
    before: `import { ShareClient } from "@azure/storage-file-share";

export const share = new ShareClient("${s.storageCs}", "docs", {
  retryOptions: { maxTries: 3 },
});
`,
    after: `import { ShareClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const share = new ShareClient("https://acct1.file.core.windows.net/docs", new DefaultAzureCredential(), {
  fileRequestIntent: "backup",
  retryOptions: { maxTries: 3 },
});
`,
  },
  {
    name: "data lake service client (dfs endpoint)",
    before: `import { DataLakeServiceClient } from "@azure/storage-file-datalake";

export const lake = DataLakeServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { DataLakeServiceClient } from "@azure/storage-file-datalake";
import { DefaultAzureCredential } from "@azure/identity";

export const lake = new DataLakeServiceClient("https://acct1.dfs.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "table client from a connection string",
    before: `import { TableClient } from "@azure/data-tables";

export const table = TableClient.fromConnectionString("${s.storageCs}", "orders");
`,
    after: `import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new DefaultAzureCredential());
`,
  },
  {
    name: "table service client",
    before: `import { TableServiceClient } from "@azure/data-tables";

export const tables = TableServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { TableServiceClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const tables = new TableServiceClient("https://acct1.table.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "storage shared key credential passed to a client",
    before: `import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";

const account = "acct1";
const sharedKey = new StorageSharedKeyCredential(account, "${s.storageKey}");
export const blobs = new BlobServiceClient(\`https://\${account}.blob.core.windows.net\`, sharedKey);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

const account = "acct1";
const sharedKey = new DefaultAzureCredential();
export const blobs = new BlobServiceClient(\`https://\${account}.blob.core.windows.net\`, sharedKey);
`,
  },
  {
    name: "storage shared key credential used to sign a SAS (no fix)",
    before: `import { BlobSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from "@azure/storage-blob";

const sharedKey = new StorageSharedKeyCredential("acct1", "${s.storageKey}");
export const sas = generateBlobSASQueryParameters(
  { containerName: "images", permissions: BlobSASPermissions.parse("r"), expiresOn: new Date(Date.now() + 3600_000) },
  sharedKey,
).toString();
`,
    manual: /user delegation key/,
  },

  // ---------------------------------------------------------------- Service Bus / Event Hubs
  {
    name: "service bus client",
    before: `import { ServiceBusClient } from "@azure/service-bus";

export const bus = new ServiceBusClient("${s.sbCs}");
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "event hubs producer with EntityPath",
    before: `import { EventHubProducerClient } from "@azure/event-hubs";

export const producer = new EventHubProducerClient("${s.ehCs}");
`,
    after: `import { EventHubProducerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const producer = new EventHubProducerClient("contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
`,
  },
  {
    name: "event hubs consumer with a hub argument",
    before: `import { EventHubConsumerClient } from "@azure/event-hubs";

const EVENTS = "${s.sbCs.replace("contoso-bus", "contoso-events")}";
export const consumer = new EventHubConsumerClient("$Default", EVENTS, "telemetry");
`,
    after: `import { EventHubConsumerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const consumer = new EventHubConsumerClient("$Default", "contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
`,
  },

  // ---------------------------------------------------------------- Cosmos DB
  {
    name: "cosmos client from a connection string",
    before: `import { CosmosClient } from "@azure/cosmos";

export const cosmos = new CosmosClient("${s.cosmosCs}");
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({ endpoint: "https://contoso-db.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential() });
`,
  },
  {
    name: "cosmos client with endpoint and key",
    before: `import { CosmosClient } from "@azure/cosmos";

const key = "${s.cosmosKey}";
export const cosmos = new CosmosClient({
  endpoint: "https://contoso-db.documents.azure.com:443/",
  key,
});
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({
  endpoint: "https://contoso-db.documents.azure.com:443/",
  aadCredentials: new DefaultAzureCredential(),
});
`,
  },

  // ---------------------------------------------------------------- App Configuration
  {
    name: "app configuration client",
    before: `import { AppConfigurationClient } from "@azure/app-configuration";

export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AppConfigurationClient } from "@azure/app-configuration";
import { DefaultAzureCredential } from "@azure/identity";

export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential());
`,
  },
  {
    name: "app configuration provider load",
    before: `import { load } from "@azure/app-configuration-provider";

export const config = await load("${s.appConfigCs}", { selectors: [{ keyFilter: "app:*" }] });
`,
    after: `import { load } from "@azure/app-configuration-provider";
import { DefaultAzureCredential } from "@azure/identity";

export const config = await load("https://contoso-config.azconfig.io", new DefaultAzureCredential(), { selectors: [{ keyFilter: "app:*" }] });
`,
  },

  // ---------------------------------------------------------------- Search, OpenAI, Web PubSub, Event Grid
  {
    name: "AI Search client with AzureKeyCredential",
    before: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new AzureKeyCredential("${s.searchKey}"));
`,
    after: `import { SearchClient } from "@azure/search-documents";
import { DefaultAzureCredential } from "@azure/identity";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new DefaultAzureCredential());
`,
  },
  {
    name: "Azure OpenAI apiKey",
    before: `import { AzureOpenAI } from "openai";

export const openai = new AzureOpenAI({
  endpoint: "https://contoso.openai.azure.com/",
  apiKey: "${s.openAiKey}",
  apiVersion: "2024-10-21",
});
`,
    after: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const openai = new AzureOpenAI({
  endpoint: "https://contoso.openai.azure.com/",
  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
  apiVersion: "2024-10-21",
});
`,
  },
  {
    name: "Web PubSub service client",
    before: `import { WebPubSubServiceClient } from "@azure/web-pubsub";

export const pubsub = new WebPubSubServiceClient("${s.webPubSubCs}", "chat");
`,
    after: `import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { DefaultAzureCredential } from "@azure/identity";

export const pubsub = new WebPubSubServiceClient("https://contoso-live.webpubsub.azure.com", new DefaultAzureCredential(), "chat");
`,
  },
  {
    name: "Event Grid publisher client",
    before: `import { AzureKeyCredential, EventGridPublisherClient } from "@azure/eventgrid";

export const grid = new EventGridPublisherClient(
  "https://contoso-orders.westus2-1.eventgrid.azure.net/api/events",
  "EventGrid",
  new AzureKeyCredential("${s.eventGridKey}"),
);
`,
    after: `import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";

export const grid = new EventGridPublisherClient(
  "https://contoso-orders.westus2-1.eventgrid.azure.net/api/events",
  "EventGrid",
  new DefaultAzureCredential(),
);
`,
  },

  // ---------------------------------------------------------------- Entra ID app secrets (Key Vault, ACR)
  {
    name: "Key Vault client with ClientSecretCredential",
    before: `import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

const credential = new ClientSecretCredential("72f988bf-86f1-41af-91ab-2d7cd011db47", "4a1aa1d5-c567-49d0-ad0b-cd957a47f842", "${s.entraSecret}");
export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", credential);
`,
    after: `import { ManagedIdentityCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";

const credential = new ManagedIdentityCredential();
export const secrets = new SecretClient("https://contoso-kv.vault.azure.net", credential);
`,
    credential: "managed-identity",
  },
  {
    name: "Container Registry client with ClientSecretCredential",
    before: `import { ContainerRegistryClient } from "@azure/container-registry";
import { ClientSecretCredential } from "@azure/identity";

export const registry = new ContainerRegistryClient(
  "https://contoso.azurecr.io",
  new ClientSecretCredential("72f988bf-86f1-41af-91ab-2d7cd011db47", "4a1aa1d5-c567-49d0-ad0b-cd957a47f842", "${s.entraSecret}"),
);
`,
    after: `import { ContainerRegistryClient } from "@azure/container-registry";
import { DefaultAzureCredential } from "@azure/identity";

export const registry = new ContainerRegistryClient(
  "https://contoso.azurecr.io",
  new DefaultAzureCredential(),
);
`,
  },

  // ---------------------------------------------------------------- Azure SQL
  {
    name: "mssql config object",
    before: `import sql from "mssql";

const config: sql.config = {
  server: "contoso-sql.database.windows.net",
  database: "orders",
  user: "app",
  password: "${s.sqlPassword}",
  options: { encrypt: true },
};

export const pool = await sql.connect(config);
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

const config: sql.config = {
  server: "contoso-sql.database.windows.net",
  database: "orders",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
  options: { encrypt: true },
};

export const pool = await sql.connect(config);
`,
  },
  {
    name: "mssql connection string",
    before: `import sql from "mssql";

export const pool = await sql.connect("Server=tcp:contoso-sql.database.windows.net,1433;Database=orders;User Id=app;Password=${s.sqlPassword};Encrypt=true");
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", port: 1433, database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } }, options: { encrypt: true } });
`,
  },
  {
    name: "tedious default authentication",
    before: `import { Connection } from "tedious";

export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "default", options: { userName: "app", password: "${s.sqlPassword}" } },
  options: { database: "orders", encrypt: true },
});
`,
    after: `import { Connection } from "tedious";
import { DefaultAzureCredential } from "@azure/identity";

export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
  options: { database: "orders", encrypt: true },
});
`,
  },
  {
    name: "mssql server chosen at run time (no fix)",
    before: `import sql from "mssql";

export function open(env: string) {
  return sql.connect({ server: \`\${env}.database.windows.net\`, user: "app", password: "${s.sqlPassword}" });
}
`,
    manual: /computed at run time/,
  },
  {
    name: "mssql connection pool with the server in a const",
    before: `import sql from "mssql";

const host = "contoso-sql.database.windows.net";
export const pool = new sql.ConnectionPool({ server: host, database: "orders", user: "app", password: "${s.sqlPassword}" });
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

const host = "contoso-sql.database.windows.net";
export const pool = new sql.ConnectionPool({ server: host, database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } } });
`,
  },
  {
    name: "tedious service principal secret",
    before: `import { Connection } from "tedious";

const clientId = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: {
    type: "azure-active-directory-service-principal-secret",
    options: { clientId, tenantId, clientSecret: "${fakeFromAlphabet(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-", "fix-tedious-sp")}" },
  },
});
`,
    after: `import { Connection } from "tedious";
import { DefaultAzureCredential } from "@azure/identity";

const clientId = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842";
const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const connection = new Connection({
  server: "contoso-sql.database.windows.net",
  authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } },
});
`,
  },

  // ---------------------------------------------------------------- IoT Hub, Communication, Maps
  {
    name: "IoT Hub registry",
    before: `import { Registry } from "azure-iothub";

export const registry = Registry.fromConnectionString("${s.iotCs}");
`,
    after: `import { Registry } from "azure-iothub";
import { DefaultAzureCredential } from "@azure/identity";

export const registry = Registry.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());
`,
  },
  {
    name: "Communication Services email client",
    before: `import { EmailClient } from "@azure/communication-email";

export const email = new EmailClient("${s.acsCs}");
`,
    after: `import { EmailClient } from "@azure/communication-email";
import { DefaultAzureCredential } from "@azure/identity";

export const email = new EmailClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
`,
  },
  {
    name: "Communication Services SMS client",
    before: `import { SmsClient } from "@azure/communication-sms";

export const sms = new SmsClient("${s.acsCs}");
`,
    after: `import { SmsClient } from "@azure/communication-sms";
import { DefaultAzureCredential } from "@azure/identity";

export const sms = new SmsClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
`,
  },
  {
    name: "Azure Maps search client",
    before: `import MapsSearch from "@azure-rest/maps-search";
import { AzureKeyCredential } from "@azure/core-auth";

export const maps = MapsSearch(new AzureKeyCredential("${s.mapsKey}"));
`,
    after: `import MapsSearch from "@azure-rest/maps-search";
import { DefaultAzureCredential } from "@azure/identity";

export const maps = MapsSearch(new DefaultAzureCredential(), process.env["AZURE_MAPS_CLIENT_ID"] ?? "");
`,
  },

  // ---------------------------------------------------------------- Credentials, imports, module systems
  {
    name: "user-assigned managed identity",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { ManagedIdentityCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new ManagedIdentityCredential({ clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b" }));
`,
    credential: "managed-identity",
    clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b",
  },
  {
    name: "CommonJS require",
    file: "case.cjs",
    before: `"use strict";
const { QueueServiceClient } = require("@azure/storage-queue");

const queues = QueueServiceClient.fromConnectionString("${s.storageCs}");
module.exports = { queues };
`,
    after: `"use strict";
const { QueueServiceClient } = require("@azure/storage-queue");
const { DefaultAzureCredential } = require("@azure/identity");

const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
module.exports = { queues };
`,
  },
  {
    name: "CommonJS with an existing @azure/identity require",
    file: "case.cjs",
    before: `const { AzureCliCredential } = require("@azure/identity");
const { ServiceBusClient } = require("@azure/service-bus");

const bus = new ServiceBusClient("${s.sbCs}");
module.exports = { bus, cli: new AzureCliCredential() };
`,
    after: `const { AzureCliCredential, DefaultAzureCredential } = require("@azure/identity");
const { ServiceBusClient } = require("@azure/service-bus");

const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
module.exports = { bus, cli: new AzureCliCredential() };
`,
  },
  {
    name: "existing @azure/identity import is merged",
    before: `import { AzureCliCredential } from "@azure/identity";
import { AppConfigurationClient } from "@azure/app-configuration";

export const local = new AzureCliCredential();
export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AzureCliCredential, DefaultAzureCredential } from "@azure/identity";
import { AppConfigurationClient } from "@azure/app-configuration";

export const local = new AzureCliCredential();
export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential());
`,
  },
  {
    name: "namespace imports are used as is",
    before: `import * as identity from "@azure/identity";
import * as blob from "@azure/storage-blob";

export const fallback = identity.getDefaultAzureCredential();
export const blobService = blob.BlobServiceClient.fromConnectionString("${s.storageCs}");
`,
    after: `import * as identity from "@azure/identity";
import * as blob from "@azure/storage-blob";

export const fallback = identity.getDefaultAzureCredential();
export const blobService = new blob.BlobServiceClient("https://acct1.blob.core.windows.net", new identity.DefaultAzureCredential());
`,
  },
  {
    name: "secret const used twice is kept",
    keepsSecret: true,
    before: `import { BlobServiceClient } from "@azure/storage-blob";

const STORAGE = "${s.storageCs}";

export const blobService = BlobServiceClient.fromConnectionString(STORAGE);
export function describe(): string {
  return STORAGE.split(";")[1] ?? "";
}
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

const STORAGE = "${s.storageCs}";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
export function describe(): string {
  return STORAGE.split(";")[1] ?? "";
}
`,
  },
  {
    name: "comments and formatting are kept",
    before: `import { EventHubProducerClient } from "@azure/event-hubs"; // telemetry

/**
 * Sends telemetry.
 */
export const producer = new EventHubProducerClient(
  // the namespace connection string
  "${s.sbCs.replace("contoso-bus", "contoso-events")}",
  /* hub */ "telemetry",
  { retryOptions: { maxRetries: 2 } }, // keep retries
);
`,
    after: `import { EventHubProducerClient } from "@azure/event-hubs"; // telemetry
import { DefaultAzureCredential } from "@azure/identity";

/**
 * Sends telemetry.
 */
export const producer = new EventHubProducerClient(
  // the namespace connection string
  "contoso-events.servicebus.windows.net",
  /* hub */ "telemetry",
  new DefaultAzureCredential(),
  { retryOptions: { maxRetries: 2 } }, // keep retries
);
`,
  },

  // ---------------------------------------------------------------- No-fix cases
  {
    name: "connection string built at run time (no fix)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export function client(account: string) {
  return BlobServiceClient.fromConnectionString(\`DefaultEndpointsProtocol=https;AccountName=\${account};AccountKey=${s.storageKey};EndpointSuffix=core.windows.net\`);
}
`,
    manual: /built at run time/,
  },
  {
    name: "unknown call (no fix)",
    before: `import { connect } from "./storage.js";

export const client = connect("${s.storageCs}");
`,
    manual: /not a known Azure SDK construction/,
  },
  {
    name: "secret in a comment (no fix)",
    before: `// old connection: ${s.storageCs}
export const x = 1;
`,
    manual: /not in a string literal/,
  },
  {
    name: "Redis client (no fix: needs a credentials provider)",
    before: `import { createClient } from "redis";

export const cache = createClient({ url: "rediss://:${fakeBase64(32, "fix-redis")}@contoso-cache.redis.cache.windows.net:6380" });
`,
    manual: /@redis\/entraid/,
  },
  {
    name: "PostgreSQL pool (no fix: the user must become the identity)",
    before: `import pg from "pg";

export const pool = new pg.Pool({ host: "contoso-pg.postgres.database.azure.com", user: "app", password: "${s.sqlPassword}", database: "reports" });
`,
    manual: /pgaadauth_create_principal/,
  },
  {
    name: "SAS URL (no fix: user delegation SAS)",
    before: `export const reportsUrl = "https://acct1.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeBase64(32, "fix-sas"))}";
`,
    manual: /user-delegation SAS/,
  },

  // ---------------------------------------------------------------- More shapes
  {
    name: "service bus connection string with EntityPath",
    before: `import { ServiceBusClient } from "@azure/service-bus";

export const bus = new ServiceBusClient("${s.sbCs};EntityPath=orders");
export const sender = bus.createSender("orders");
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
export const sender = bus.createSender("orders");
`,
  },
  {
    name: "event hubs consumer with EntityPath and options",
    before: `import { EventHubConsumerClient } from "@azure/event-hubs";

export const consumer = new EventHubConsumerClient("$Default", "${s.ehCs}", { retryOptions: { maxRetries: 3 } });
`,
    after: `import { EventHubConsumerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const consumer = new EventHubConsumerClient("$Default", "contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential(), { retryOptions: { maxRetries: 3 } });
`,
  },
  {
    name: "event hubs producer without a hub name (no fix)",
    before: `import { EventHubProducerClient } from "@azure/event-hubs";

export const producer = new EventHubProducerClient("${s.sbCs.replace("contoso-bus", "contoso-events")}");
`,
    manual: /event hub name/,
  },
  {
    name: "IoT Hub service client",
    before: `import { Client } from "azure-iothub";

export const service = Client.fromConnectionString("${s.iotCs}");
`,
    after: `import { Client } from "azure-iothub";
import { DefaultAzureCredential } from "@azure/identity";

export const service = Client.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());
`,
  },
  {
    name: "table client with AzureNamedKeyCredential",
    before: `import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new AzureNamedKeyCredential("acct1", "${s.storageKey}"));
`,
    after: `import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

export const table = new TableClient("https://acct1.table.core.windows.net", "orders", new DefaultAzureCredential());
`,
  },
  {
    name: "share service client with a shared key gets fileRequestIntent",
    before: `import { ShareServiceClient, StorageSharedKeyCredential } from "@azure/storage-file-share";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new StorageSharedKeyCredential("acct1", "${s.storageKey}"));
`,
    after: `import { ShareServiceClient } from "@azure/storage-file-share";
import { DefaultAzureCredential } from "@azure/identity";

export const shares = new ShareServiceClient("https://acct1.file.core.windows.net", new DefaultAzureCredential(), { fileRequestIntent: "backup" });
`,
  },
  {
    name: "environment variable with a hard-coded fallback",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING ?? "${s.storageCs}");
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "connection string split over a concatenation",
    before: `import { QueueServiceClient } from "@azure/storage-queue";

export const queues = QueueServiceClient.fromConnectionString(
  "DefaultEndpointsProtocol=https;AccountName=acct1;" +
    "AccountKey=${s.storageKey};EndpointSuffix=core.windows.net",
);
`,
    after: `import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const queues = new QueueServiceClient(
  "https://acct1.queue.core.windows.net",
  new DefaultAzureCredential(),
);
`,
  },
  {
    name: "one const used by two clients is removed",
    before: `import { BlobServiceClient } from "@azure/storage-blob";
import { QueueServiceClient } from "@azure/storage-queue";

const STORAGE = "${s.storageCs}";
export const blobs = BlobServiceClient.fromConnectionString(STORAGE);
export const queues = QueueServiceClient.fromConnectionString(STORAGE);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { QueueServiceClient } from "@azure/storage-queue";
import { DefaultAzureCredential } from "@azure/identity";

export const blobs = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
export const queues = new QueueServiceClient("https://acct1.queue.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "settings object: the secret property goes once nothing reads it",
    before: `import { ServiceBusClient } from "@azure/service-bus";

const settings = {
  queue: "orders",
  serviceBus: "${s.sbCs}",
};

export const bus = new ServiceBusClient(settings.serviceBus);
export const sender = bus.createSender(settings.queue);
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

const settings = {
  queue: "orders",
};

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
export const sender = bus.createSender(settings.queue);
`,
  },
  {
    name: "nested settings object passed whole elsewhere keeps the property",
    keepsSecret: true,
    before: `import { EmailClient } from "@azure/communication-email";

const config = { email: { connectionString: "${s.acsCs}" } };

export const email = new EmailClient(config.email.connectionString);
export const dump = JSON.stringify(config);
`,
    after: `import { EmailClient } from "@azure/communication-email";
import { DefaultAzureCredential } from "@azure/identity";

const config = { email: { connectionString: "${s.acsCs}" } };

export const email = new EmailClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());
export const dump = JSON.stringify(config);
`,
  },
  {
    name: "let variable (no fix)",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

let connection = "${s.storageCs}";
export const blobService = BlobServiceClient.fromConnectionString(connection);
connection = "";
`,
    manual: /reassigned/,
  },
  {
    name: "Notification Hubs has no Managed Identity (no fix)",
    before: `import { NotificationHubsClient } from "@azure/notification-hubs";

export const hubs = new NotificationHubsClient("${s.sbCs.replace("RootManageSharedAccessKey", "DefaultFullSharedAccessSignature")}", "alerts");
`,
    manual: /Key Vault/,
  },
  {
    name: "DefaultAzureCredential with a user-assigned client id",
    before: `import { AppConfigurationClient } from "@azure/app-configuration";

export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AppConfigurationClient } from "@azure/app-configuration";
import { DefaultAzureCredential } from "@azure/identity";

export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential({ managedIdentityClientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b" }));
`,
    clientId: "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b",
  },
  {
    name: "CRLF line endings are kept",
    before: `import { SmsClient } from "@azure/communication-sms";\r\n\r\nexport const sms = new SmsClient("${s.acsCs}");\r\n`,
    after: `import { SmsClient } from "@azure/communication-sms";\r\nimport { DefaultAzureCredential } from "@azure/identity";\r\n\r\nexport const sms = new SmsClient("https://contoso-notify.communication.azure.com", new DefaultAzureCredential());\r\n`,
  },
  {
    name: "cosmos client with a connectionString option",
    before: `import { CosmosClient } from "@azure/cosmos";

export const cosmos = new CosmosClient({ connectionString: "${s.cosmosCs}", consistencyLevel: "Session" });
`,
    after: `import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";

export const cosmos = new CosmosClient({ endpoint: "https://contoso-db.documents.azure.com:443/", aadCredentials: new DefaultAzureCredential(), consistencyLevel: "Session" });
`,
  },
];

/**
 * Constructions whose secret is not a literal of the file (the rule prefer-managed-identity's
 * targets), fixed with planSinkFix. `callee` picks the construction by its callee text.
 */
export interface SinkCase {
  readonly name: string;
  readonly before: string;
  readonly callee: string;
  readonly after?: string;
  readonly manual?: RegExp;
  /** Values an imported constant resolves to (what the type checker would say). */
  readonly values?: Readonly<Record<string, string>>;
}

export function runSinkFix(c: SinkCase, credential: CredentialChoice = "default"): { output: string; result: ReturnType<typeof planSinkFix> } {
  const ast = parseProgram(c.before);
  let node: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  const visit = (n: unknown): void => {
    if (node || !n || typeof n !== "object") return;
    const t = n as TSESTree.Node;
    if ((t.type === "CallExpression" || t.type === "NewExpression") && c.before.slice(t.callee.range[0], t.callee.range[1]) === c.callee) {
      node = t;
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== "parent") (Array.isArray(v) ? v : [v]).forEach(visit);
  };
  visit(ast);
  if (!node) throw new Error(`no call of ${c.callee}`);
  const result = planSinkFix({
    ast,
    text: c.before,
    node,
    credential,
    resolveValue: (n) => (n.type === "Identifier" ? c.values?.[n.name] : undefined),
  });
  return { output: "plan" in result ? applyEdits(c.before, result.plan.edits) : c.before, result };
}

export const SINK_CASES: readonly SinkCase[] = [
  {
    name: "AzureKeyCredential read from the environment",
    callee: "AzureKeyCredential",
    before: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new AzureKeyCredential(process.env.SEARCH_KEY!));
`,
    after: `import { SearchClient } from "@azure/search-documents";
import { DefaultAzureCredential } from "@azure/identity";

export const search = new SearchClient("https://contoso.search.windows.net", "hotels", new DefaultAzureCredential());
`,
  },
  {
    name: "connection string imported from another module, resolved by type information",
    callee: "BlobServiceClient.fromConnectionString",
    values: { STORAGE_CONNECTION_STRING: S.storageCs },
    before: `import { BlobServiceClient } from "@azure/storage-blob";
import { STORAGE_CONNECTION_STRING } from "./settings.js";

export const blobService = BlobServiceClient.fromConnectionString(STORAGE_CONNECTION_STRING);
`,
    after: `import { BlobServiceClient } from "@azure/storage-blob";
import { STORAGE_CONNECTION_STRING } from "./settings.js";
import { DefaultAzureCredential } from "@azure/identity";

export const blobService = new BlobServiceClient("https://acct1.blob.core.windows.net", new DefaultAzureCredential());
`,
  },
  {
    name: "connection string from the environment (no fix: no endpoint)",
    callee: "BlobServiceClient.fromConnectionString",
    before: `import { BlobServiceClient } from "@azure/storage-blob";

export const blobService = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);
`,
    manual: /endpoint cannot be derived/,
  },
  {
    name: "AzureOpenAI apiKey from the environment",
    callee: "AzureOpenAI",
    before: `import { AzureOpenAI } from "openai";

export const openai = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT!, apiKey: process.env.AZURE_OPENAI_KEY, apiVersion: "2024-10-21" });
`,
    after: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const openai = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT!, azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), apiVersion: "2024-10-21" });
`,
  },
  {
    name: "mssql password from the environment",
    callee: "sql.connect",
    before: `import sql from "mssql";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", database: "orders", user: "app", password: process.env.SQL_PASSWORD });
`,
    after: `import sql from "mssql";
import { DefaultAzureCredential } from "@azure/identity";

export const pool = await sql.connect({ server: "contoso-sql.database.windows.net", database: "orders", authentication: { type: "token-credential", options: { credential: new DefaultAzureCredential() } } });
`,
  },
  {
    name: "ClientSecretCredential with a secret from the environment",
    callee: "ClientSecretCredential",
    before: `import { ClientSecretCredential } from "@azure/identity";
import { KeyClient } from "@azure/keyvault-keys";

export const keys = new KeyClient("https://contoso-kv.vault.azure.net", new ClientSecretCredential(process.env.AZURE_TENANT_ID!, process.env.AZURE_CLIENT_ID!, process.env.AZURE_CLIENT_SECRET!));
`,
    after: `import { DefaultAzureCredential } from "@azure/identity";
import { KeyClient } from "@azure/keyvault-keys";

export const keys = new KeyClient("https://contoso-kv.vault.azure.net", new DefaultAzureCredential());
`,
  },
  {
    name: "unknown construction (no fix)",
    callee: "makeClient",
    before: `import { makeClient } from "./clients.js";

export const c = makeClient(process.env.KEY);
`,
    manual: /not a known Azure SDK construction/,
  },
];
