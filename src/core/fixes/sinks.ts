/**
 * The table of credential-bearing SDK constructions ("sinks"): where a secret enters an Azure SDK
 * (or a driver that talks to an Azure service), which argument holds it, and the keyless form.
 *
 * One table drives both:
 * - the rule `prefer-managed-identity`, which flags these constructions even when the secret is not a
 *   literal (`fromConnectionString(process.env.X)`), and
 * - the fix recipes (src/core/fixes), which rewrite a matched construction to a TokenCredential.
 *
 * Callees are described relative to the module's exports, so one entry matches every import style:
 * `import { BlobServiceClient } from "@azure/storage-blob"` + `BlobServiceClient.fromConnectionString(cs)`,
 * `import * as blob from "@azure/storage-blob"` + `blob.BlobServiceClient.fromConnectionString(cs)`,
 * `const { BlobServiceClient } = require("@azure/storage-blob")`, ... all resolve to the path
 * `["BlobServiceClient", "fromConnectionString"]` of module "@azure/storage-blob".
 * A default import used as an object is the module namespace (`import sql from "mssql"` +
 * `sql.connect(config)` is `["connect"]`); a default import called directly is `["default"]`
 * (`import MapsSearch from "@azure-rest/maps-search"` + `MapsSearch(credential)`).
 *
 * Signatures were checked against the installed type definitions (see msi-catalog.md §0 for versions).
 */
import type { ServiceId } from "../types.js";

/** How the callee is reached from the module: `new A.B(...)` is `{ isNew: true, path: ["A", "B"] }`. */
export interface SinkCallee {
  readonly isNew: boolean;
  /** Export name, then member names. `["default"]` is the module's default export. */
  readonly path: readonly string[];
}

/**
 * Where the secret is, in the arguments of the construction.
 * - `connection-string`: the argument is a whole connection string (`Endpoint=...;SharedAccessKey=...`).
 * - `key`: the argument is a raw key, password or client secret.
 * - `property`: a property of an object-literal argument (`{ apiKey }`, `{ password }`); `path` walks
 *   nested object literals (tedious: `authentication.options.password`).
 * - `credential`: the argument is a credential object; it bears a secret when it is one of the key
 *   credential sinks below (`new AzureKeyCredential(k)`, `new StorageSharedKeyCredential(a, k)`, ...).
 */
export type SecretSlot =
  | { readonly kind: "connection-string"; readonly arg: number }
  | { readonly kind: "key"; readonly arg: number }
  | { readonly kind: "property"; readonly arg: number; readonly path: readonly string[] }
  | { readonly kind: "credential"; readonly arg: number };

/** Endpoints a recipe can derive from a parsed connection string. */
export type EndpointKind =
  | "blob"
  | "queue"
  | "file"
  | "dfs"
  | "table"
  | "amqp-namespace"
  | "cosmos"
  | "app-configuration"
  | "web-pubsub"
  | "communication"
  | "iot-hub-host";

/**
 * One argument of the keyless construction, built from the old call.
 * - `endpoint`: the endpoint derived from the connection string at `SecretSlot.arg`; `append` lists
 *   old arguments (container, queue, share names) joined to the URL as path segments.
 * - `arg`: the old argument at `index`, unchanged (omitted when the old call had none).
 * - `rest`: every old argument from `index` on (options, transport constructors...).
 * - `credential`: the TokenCredential expression (`new DefaultAzureCredential()` ...).
 * - `options-with`: the old options argument at `index` (or a new object) with properties added.
 * - `env`: a non-secret identifier read from the environment (e.g. the Maps account client id).
 */
export type ArgSpec =
  | { readonly from: "endpoint"; readonly endpoint: EndpointKind; readonly append?: readonly number[] }
  | { readonly from: "arg"; readonly index: number }
  | { readonly from: "rest"; readonly index: number }
  | { readonly from: "credential" }
  | { readonly from: "options-with"; readonly index: number; readonly properties: Readonly<Record<string, string>> }
  | { readonly from: "env"; readonly name: string };

/**
 * How a sink is rewritten.
 * - `construct`: a new construction (same or other callee) with the listed arguments.
 * - `event-hubs`: producer/consumer overloads (hub name from `EntityPath` or the argument).
 * - `credential`: the whole expression is a key credential; it becomes the TokenCredential, provided
 *   it is passed straight to a client constructor listed in `CREDENTIAL_SLOTS` (and nothing else uses it).
 * - `cosmos`: `new CosmosClient(cs | { endpoint, key })` to `{ endpoint, aadCredentials }`.
 * - `openai`: `apiKey` becomes `azureADTokenProvider: getBearerTokenProvider(credential, scope)`.
 * - `sql-config` / `tedious-config`: `authentication: { type: "token-credential", options: { credential } }`.
 */
export type Rewrite =
  | { readonly type: "construct"; readonly callee?: SinkCallee; readonly args: readonly ArgSpec[] }
  | { readonly type: "event-hubs"; readonly role: "producer" | "consumer" }
  | { readonly type: "credential" }
  | { readonly type: "cosmos" }
  | { readonly type: "openai"; readonly scope: string }
  | { readonly type: "sql-config" }
  | { readonly type: "tedious-config" };

export interface Sink {
  /** Stable id, e.g. "blob-service-from-connection-string". */
  readonly id: string;
  readonly service: ServiceId;
  /** Modules exporting the callee (the first is the canonical one). */
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  /** Human form of the secret-bearing call, e.g. "BlobServiceClient.fromConnectionString(cs)". */
  readonly form: string;
  readonly secret: SecretSlot;
  /** Human form of the keyless construction. */
  readonly keyless: string;
  /** How the fix rewrites it; absent when no automatic rewrite exists (see `manual`). */
  readonly rewrite?: Rewrite;
  /** The manual path, when the rewrite needs a human (or caveats the user must know about). */
  readonly manual?: string;
  /** A caveat stated in the fix description (e.g. File Share's admin-level access). */
  readonly caveat?: string;
}

const BLOB = ["@azure/storage-blob"];
const QUEUE = ["@azure/storage-queue"];
const SHARE = ["@azure/storage-file-share"];
const DATALAKE = ["@azure/storage-file-datalake"];
const TABLES = ["@azure/data-tables"];
const SERVICE_BUS = ["@azure/service-bus"];
const EVENT_HUBS = ["@azure/event-hubs"];
/** Modules that export (or re-export) the core-auth key credentials (checked by test/fixes/typecheck.test.ts). */
const KEY_CREDENTIAL_MODULES = [
  "@azure/core-auth",
  "@azure/search-documents",
  "@azure/eventgrid",
  "@azure/web-pubsub",
  "@azure/ai-text-analytics",
  "@azure/ai-form-recognizer",
  "@azure/ai-language-text",
];
const NAMED_KEY_CREDENTIAL_MODULES = ["@azure/core-auth", "@azure/data-tables"];
const SAS_CREDENTIAL_MODULES = ["@azure/core-auth", "@azure/eventgrid", "@azure/data-tables"];
const STORAGE_CREDENTIAL_MODULES = ["@azure/storage-blob", "@azure/storage-queue", "@azure/storage-file-share", "@azure/storage-file-datalake", "@azure/storage-common"];
/** Modules exporting `newPipeline(credential)`. */
const PIPELINE_MODULES = ["@azure/storage-blob", "@azure/storage-queue", "@azure/storage-file-share", "@azure/storage-file-datalake"];

const newOf = (...path: string[]): SinkCallee => ({ isNew: true, path });
const callOf = (...path: string[]): SinkCallee => ({ isNew: false, path });

const FILE_INTENT = { fileRequestIntent: '"backup"' };
const FILE_CAVEAT =
  'Azure Files accepts Entra tokens over REST only with `fileRequestIntent: "backup"`, which grants admin-level access that bypasses file and directory ACLs; share management still needs ARM.';
const SAS_MANUAL =
  "A shared key also signs SAS tokens: sign them with a user delegation key instead (getUserDelegationKey + generateUserDelegationSasUrl), which needs no account key.";

/** Storage service clients built from a connection string: `X.fromConnectionString(cs, options?)`. */
function storageFromCs(id: string, service: "blob" | "queue" | "file" | "dfs" | "table", modules: string[], cls: string): Sink {
  const file = service === "file";
  return {
    id,
    service: "storage",
    modules,
    callee: callOf(cls, "fromConnectionString"),
    form: `${cls}.fromConnectionString(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}("https://<account>.${service}.core.windows.net", credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      callee: newOf(cls),
      args: [
        { from: "endpoint", endpoint: service },
        { from: "credential" },
        file ? { from: "options-with", index: 1, properties: FILE_INTENT } : { from: "rest", index: 1 },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}

/** Storage clients whose constructor takes `(cs, name..., options?)`: the names join the URL. */
function storageNamed(id: string, service: "blob" | "queue" | "file", modules: string[], cls: string, names: string[]): Sink {
  const file = service === "file";
  const append = names.map((_, i) => i + 1);
  const restIndex = names.length + 1;
  return {
    id,
    service: "storage",
    modules,
    callee: newOf(cls),
    form: `new ${cls}(connectionString, ${names.join(", ")})`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}(\`https://<account>.${service}.core.windows.net/${names.map((n) => `\${${n}}`).join("/")}\`, credential${file ? ', { fileRequestIntent: "backup" }' : ""})`,
    rewrite: {
      type: "construct",
      args: [
        { from: "endpoint", endpoint: service, append },
        { from: "credential" },
        file ? { from: "options-with", index: restIndex, properties: FILE_INTENT } : { from: "rest", index: restIndex },
      ],
    },
    ...(file ? { caveat: FILE_CAVEAT } : {}),
  };
}

/** Clients built from `(connectionString, options?)` that have an `(endpoint, TokenCredential, options?)` overload. */
function endpointClient(
  id: string,
  service: ServiceId,
  modules: string[],
  cls: string,
  endpoint: EndpointKind,
  extra: Partial<Sink> = {},
): Sink {
  return {
    id,
    service,
    modules,
    callee: newOf(cls),
    form: `new ${cls}(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `new ${cls}(endpoint, credential)`,
    rewrite: { type: "construct", args: [{ from: "endpoint", endpoint }, { from: "credential" }, { from: "rest", index: 1 }] },
    ...extra,
  };
}

/** IoT Hub service clients: `X.fromConnectionString(cs[, transport])` to `X.fromTokenCredential(host, credential[, transport])`. */
function iotHub(cls: string): Sink {
  return {
    id: `iot-hub-${cls.toLowerCase()}-from-connection-string`,
    service: "iot-hub",
    modules: ["azure-iothub"],
    callee: callOf(cls, "fromConnectionString"),
    form: `${cls}.fromConnectionString(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `${cls}.fromTokenCredential("<hub>.azure-devices.net", credential)`,
    rewrite: {
      type: "construct",
      callee: callOf(cls, "fromTokenCredential"),
      args: [{ from: "endpoint", endpoint: "iot-hub-host" }, { from: "credential" }, { from: "rest", index: 1 }],
    },
  };
}

/** Key credentials: the whole expression is replaced by the TokenCredential where it is passed to a client. */
function keyCredential(id: string, service: ServiceId, modules: string[], cls: string, form: string, keyArg: number, extra: Partial<Sink> = {}): Sink {
  return {
    id,
    service,
    modules,
    callee: newOf(cls),
    form,
    secret: { kind: "key", arg: keyArg },
    keyless: "a TokenCredential (new DefaultAzureCredential() or new ManagedIdentityCredential()) in its place",
    rewrite: { type: "credential" },
    ...extra,
  };
}

export const SINKS: readonly Sink[] = [
  // --- Storage: connection strings -------------------------------------------------------------
  storageFromCs("blob-service-from-connection-string", "blob", BLOB, "BlobServiceClient"),
  storageNamed("blob-container-from-connection-string", "blob", BLOB, "ContainerClient", ["containerName"]),
  storageNamed("blob-client-from-connection-string", "blob", BLOB, "BlobClient", ["containerName", "blobName"]),
  storageNamed("block-blob-client-from-connection-string", "blob", BLOB, "BlockBlobClient", ["containerName", "blobName"]),
  storageNamed("append-blob-client-from-connection-string", "blob", BLOB, "AppendBlobClient", ["containerName", "blobName"]),
  storageNamed("page-blob-client-from-connection-string", "blob", BLOB, "PageBlobClient", ["containerName", "blobName"]),
  storageFromCs("queue-service-from-connection-string", "queue", QUEUE, "QueueServiceClient"),
  storageNamed("queue-client-from-connection-string", "queue", QUEUE, "QueueClient", ["queueName"]),
  storageFromCs("share-service-from-connection-string", "file", SHARE, "ShareServiceClient"),
  storageNamed("share-client-from-connection-string", "file", SHARE, "ShareClient", ["shareName"]),
  storageFromCs("datalake-service-from-connection-string", "dfs", DATALAKE, "DataLakeServiceClient"),
  storageFromCs("table-service-from-connection-string", "table", TABLES, "TableServiceClient"),
  {
    id: "table-client-from-connection-string",
    service: "storage",
    modules: TABLES,
    callee: callOf("TableClient", "fromConnectionString"),
    form: "TableClient.fromConnectionString(connectionString, tableName)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new TableClient("https://<account>.table.core.windows.net", tableName, credential)',
    rewrite: {
      type: "construct",
      callee: newOf("TableClient"),
      args: [{ from: "endpoint", endpoint: "table" }, { from: "arg", index: 1 }, { from: "credential" }, { from: "rest", index: 2 }],
    },
  },
  // --- Storage: shared key ---------------------------------------------------------------------
  keyCredential("storage-shared-key-credential", "storage", STORAGE_CREDENTIAL_MODULES, "StorageSharedKeyCredential", "new StorageSharedKeyCredential(accountName, accountKey)", 1, {
    manual: SAS_MANUAL,
  }),

  // --- Service Bus / Event Hubs ----------------------------------------------------------------
  endpointClient("service-bus-client-from-connection-string", "service-bus", SERVICE_BUS, "ServiceBusClient", "amqp-namespace", {
    keyless: 'new ServiceBusClient("<namespace>.servicebus.windows.net", credential)',
  }),
  endpointClient("service-bus-admin-from-connection-string", "service-bus", SERVICE_BUS, "ServiceBusAdministrationClient", "amqp-namespace", {
    keyless: 'new ServiceBusAdministrationClient("<namespace>.servicebus.windows.net", credential)',
  }),
  {
    id: "event-hubs-producer-from-connection-string",
    service: "event-hubs",
    modules: EVENT_HUBS,
    callee: newOf("EventHubProducerClient"),
    form: "new EventHubProducerClient(connectionString[, eventHubName])",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new EventHubProducerClient("<namespace>.servicebus.windows.net", eventHubName, credential)',
    rewrite: { type: "event-hubs", role: "producer" },
  },
  {
    id: "event-hubs-buffered-producer-from-connection-string",
    service: "event-hubs",
    modules: EVENT_HUBS,
    callee: newOf("EventHubBufferedProducerClient"),
    form: "new EventHubBufferedProducerClient(connectionString[, eventHubName], options)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new EventHubBufferedProducerClient("<namespace>.servicebus.windows.net", eventHubName, credential, options)',
    rewrite: { type: "event-hubs", role: "producer" },
  },
  {
    id: "event-hubs-consumer-from-connection-string",
    service: "event-hubs",
    modules: EVENT_HUBS,
    callee: newOf("EventHubConsumerClient"),
    form: "new EventHubConsumerClient(consumerGroup, connectionString[, eventHubName])",
    secret: { kind: "connection-string", arg: 1 },
    keyless: 'new EventHubConsumerClient(consumerGroup, "<namespace>.servicebus.windows.net", eventHubName, credential)',
    rewrite: { type: "event-hubs", role: "consumer" },
  },

  // --- Core-auth key credentials (Search, Event Grid, Web PubSub, Communication, Maps, AI, ...) ---
  keyCredential("azure-key-credential", "ai-services", KEY_CREDENTIAL_MODULES, "AzureKeyCredential", "new AzureKeyCredential(key)", 0),
  keyCredential("azure-named-key-credential", "storage", NAMED_KEY_CREDENTIAL_MODULES, "AzureNamedKeyCredential", "new AzureNamedKeyCredential(name, key)", 1),
  keyCredential("azure-sas-credential", "storage", SAS_CREDENTIAL_MODULES, "AzureSASCredential", "new AzureSASCredential(signature)", 0, {
    manual: "A SAS is signed with a key: issue a user delegation SAS, or give the app an identity and drop the SAS.",
  }),

  // --- Entra ID app secrets (Key Vault and every other TokenCredential client) -----------------
  keyCredential("client-secret-credential", "entra-id", ["@azure/identity"], "ClientSecretCredential", "new ClientSecretCredential(tenantId, clientId, clientSecret)", 2),
  keyCredential("username-password-credential", "entra-id", ["@azure/identity"], "UsernamePasswordCredential", "new UsernamePasswordCredential(tenantId, clientId, username, password)", 3),

  // --- Cosmos DB -------------------------------------------------------------------------------
  {
    id: "cosmos-client-from-connection-string",
    service: "cosmos-db",
    modules: ["@azure/cosmos"],
    callee: newOf("CosmosClient"),
    form: "new CosmosClient(connectionString)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new CosmosClient({ endpoint: "https://<account>.documents.azure.com:443/", aadCredentials: credential })',
    rewrite: { type: "cosmos" },
    caveat: "Cosmos DB data-plane RBAC does not cover creating databases or containers: do that in IaC or with @azure/arm-cosmosdb.",
  },
  {
    id: "cosmos-client-key",
    service: "cosmos-db",
    modules: ["@azure/cosmos"],
    callee: newOf("CosmosClient"),
    form: "new CosmosClient({ endpoint, key })",
    secret: { kind: "property", arg: 0, path: ["key"] },
    keyless: "new CosmosClient({ endpoint, aadCredentials: credential })",
    rewrite: { type: "cosmos" },
    caveat: "Cosmos DB data-plane RBAC does not cover creating databases or containers: do that in IaC or with @azure/arm-cosmosdb.",
  },
  {
    id: "cosmos-client-connection-string-option",
    service: "cosmos-db",
    modules: ["@azure/cosmos"],
    callee: newOf("CosmosClient"),
    form: "new CosmosClient({ connectionString })",
    secret: { kind: "property", arg: 0, path: ["connectionString"] },
    keyless: "new CosmosClient({ endpoint, aadCredentials: credential })",
    rewrite: { type: "cosmos" },
    caveat: "Cosmos DB data-plane RBAC does not cover creating databases or containers: do that in IaC or with @azure/arm-cosmosdb.",
  },

  // --- App Configuration -----------------------------------------------------------------------
  endpointClient("app-configuration-client-from-connection-string", "app-configuration", ["@azure/app-configuration"], "AppConfigurationClient", "app-configuration", {
    keyless: 'new AppConfigurationClient("https://<store>.azconfig.io", credential)',
  }),
  {
    id: "app-configuration-provider-load",
    service: "app-configuration",
    modules: ["@azure/app-configuration-provider"],
    callee: callOf("load"),
    form: "load(connectionString)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'load("https://<store>.azconfig.io", credential)',
    rewrite: { type: "construct", args: [{ from: "endpoint", endpoint: "app-configuration" }, { from: "credential" }, { from: "rest", index: 1 }] },
  },

  // --- Azure OpenAI --------------------------------------------------------------------------
  {
    id: "azure-openai-api-key",
    service: "ai-services",
    modules: ["openai"],
    callee: newOf("AzureOpenAI"),
    form: "new AzureOpenAI({ apiKey })",
    secret: { kind: "property", arg: 0, path: ["apiKey"] },
    keyless: 'new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default") })',
    rewrite: { type: "openai", scope: "https://cognitiveservices.azure.com/.default" },
    manual:
      "AzureOpenAI reads AZURE_OPENAI_API_KEY by default and throws when it is set together with azureADTokenProvider: remove AZURE_OPENAI_API_KEY from the environment.",
  },

  // --- Web PubSub ------------------------------------------------------------------------------
  {
    id: "web-pubsub-from-connection-string",
    service: "web-pubsub",
    modules: ["@azure/web-pubsub"],
    callee: newOf("WebPubSubServiceClient"),
    form: "new WebPubSubServiceClient(connectionString, hubName)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new WebPubSubServiceClient("https://<name>.webpubsub.azure.com", credential, hubName)',
    rewrite: {
      type: "construct",
      args: [{ from: "endpoint", endpoint: "web-pubsub" }, { from: "credential" }, { from: "arg", index: 1 }, { from: "rest", index: 2 }],
    },
  },

  // --- Communication Services ------------------------------------------------------------------
  endpointClient("communication-email-from-connection-string", "communication-services", ["@azure/communication-email"], "EmailClient", "communication", {
    keyless: 'new EmailClient("https://<resource>.communication.azure.com", credential)',
  }),
  endpointClient("communication-sms-from-connection-string", "communication-services", ["@azure/communication-sms"], "SmsClient", "communication", {
    keyless: 'new SmsClient("https://<resource>.communication.azure.com", credential)',
  }),
  endpointClient("communication-identity-from-connection-string", "communication-services", ["@azure/communication-identity"], "CommunicationIdentityClient", "communication", {
    keyless: 'new CommunicationIdentityClient("https://<resource>.communication.azure.com", credential)',
  }),

  // --- IoT Hub (service side) ------------------------------------------------------------------
  iotHub("Registry"),
  iotHub("Client"),
  iotHub("JobClient"),

  // --- Azure SQL -------------------------------------------------------------------------------
  {
    id: "mssql-connect-password",
    service: "sql",
    modules: ["mssql"],
    callee: callOf("connect"),
    form: "sql.connect({ server, user, password })",
    secret: { kind: "property", arg: 0, path: ["password"] },
    keyless: 'sql.connect({ server, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "sql-config" },
    caveat: "In the database: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then grant it roles.",
  },
  {
    id: "mssql-connect-connection-string",
    service: "sql",
    modules: ["mssql"],
    callee: callOf("connect"),
    form: 'sql.connect("Server=...;User Id=...;Password=...")',
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'sql.connect({ server, database, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "sql-config" },
    caveat: "In the database: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then grant it roles.",
  },
  {
    id: "mssql-connection-pool-connection-string",
    service: "sql",
    modules: ["mssql"],
    callee: newOf("ConnectionPool"),
    form: 'new sql.ConnectionPool("Server=...;User Id=...;Password=...")',
    secret: { kind: "connection-string", arg: 0 },
    keyless: 'new sql.ConnectionPool({ server, database, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "sql-config" },
  },
  {
    id: "mssql-connection-pool-password",
    service: "sql",
    modules: ["mssql"],
    callee: newOf("ConnectionPool"),
    form: "new sql.ConnectionPool({ server, user, password })",
    secret: { kind: "property", arg: 0, path: ["password"] },
    keyless: 'new sql.ConnectionPool({ server, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "sql-config" },
    caveat: "In the database: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then grant it roles.",
  },
  {
    id: "tedious-connection-password",
    service: "sql",
    modules: ["tedious"],
    callee: newOf("Connection"),
    form: 'new Connection({ server, authentication: { type: "default", options: { userName, password } } })',
    secret: { kind: "property", arg: 0, path: ["authentication", "options", "password"] },
    keyless: 'new Connection({ server, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "tedious-config" },
    caveat: "In the database: CREATE USER [<identity>] FROM EXTERNAL PROVIDER, then grant it roles.",
  },
  {
    id: "tedious-connection-client-secret",
    service: "sql",
    modules: ["tedious"],
    callee: newOf("Connection"),
    form: 'new Connection({ authentication: { type: "azure-active-directory-service-principal-secret", options: { clientId, clientSecret, tenantId } } })',
    secret: { kind: "property", arg: 0, path: ["authentication", "options", "clientSecret"] },
    keyless: 'new Connection({ server, authentication: { type: "token-credential", options: { credential } } })',
    rewrite: { type: "tedious-config" },
  },

  // --- Notification Hubs: no Managed Identity in the data plane ---------------------------------
  {
    id: "notification-hubs-from-connection-string",
    service: "notification-hubs",
    modules: ["@azure/notification-hubs"],
    callee: newOf("NotificationHubsClient"),
    form: "new NotificationHubsClient(connectionString, hubName)",
    secret: { kind: "connection-string", arg: 0 },
    keyless: "none: Notification Hubs accepts only SAS connection strings",
    manual:
      "Notification Hubs has no Managed Identity data plane: keep the connection string in Key Vault (read it with SecretClient and a Managed Identity) and use a Listen-only rule where possible.",
  },
];

/**
 * Client constructors with a credential argument: where a key credential (or a client-secret
 * credential) can be replaced by a TokenCredential. `extra` lists arguments the TokenCredential
 * overload needs beyond the credential (Maps needs its account client id).
 */
export interface CredentialSlot {
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  readonly service: ServiceId;
  /** Argument index of the credential. */
  readonly arg: number;
  /** Arguments inserted right after the credential by the TokenCredential overload. */
  readonly insertAfter?: readonly ArgSpec[];
  /** Options the TokenCredential form needs (File Share: fileRequestIntent). */
  readonly options?: { readonly index: number; readonly properties: Readonly<Record<string, string>> };
  readonly caveat?: string;
}

const slot = (modules: string[], cls: string, service: ServiceId, arg: number, extra: Partial<CredentialSlot> = {}): CredentialSlot => ({
  modules,
  callee: newOf(cls),
  service,
  arg,
  ...extra,
});

export const CREDENTIAL_SLOTS: readonly CredentialSlot[] = [
  slot(BLOB, "BlobServiceClient", "storage", 1),
  slot(BLOB, "ContainerClient", "storage", 1),
  slot(BLOB, "BlobClient", "storage", 1),
  slot(BLOB, "BlockBlobClient", "storage", 1),
  slot(BLOB, "AppendBlobClient", "storage", 1),
  slot(BLOB, "PageBlobClient", "storage", 1),
  slot(QUEUE, "QueueServiceClient", "storage", 1),
  slot(QUEUE, "QueueClient", "storage", 1),
  slot(SHARE, "ShareServiceClient", "storage", 1, { options: { index: 2, properties: FILE_INTENT }, caveat: FILE_CAVEAT }),
  slot(SHARE, "ShareClient", "storage", 1, { options: { index: 2, properties: FILE_INTENT }, caveat: FILE_CAVEAT }),
  slot(SHARE, "ShareDirectoryClient", "storage", 1, { options: { index: 2, properties: FILE_INTENT }, caveat: FILE_CAVEAT }),
  slot(SHARE, "ShareFileClient", "storage", 1, { options: { index: 2, properties: FILE_INTENT }, caveat: FILE_CAVEAT }),
  { modules: PIPELINE_MODULES, callee: callOf("newPipeline"), service: "storage", arg: 0 },
  slot(DATALAKE, "DataLakeServiceClient", "storage", 1),
  slot(DATALAKE, "DataLakeFileSystemClient", "storage", 1),
  slot(DATALAKE, "DataLakeDirectoryClient", "storage", 1),
  slot(DATALAKE, "DataLakeFileClient", "storage", 1),
  slot(TABLES, "TableServiceClient", "storage", 1),
  slot(TABLES, "TableClient", "storage", 2),
  slot(SERVICE_BUS, "ServiceBusClient", "service-bus", 1),
  slot(SERVICE_BUS, "ServiceBusAdministrationClient", "service-bus", 1),
  slot(EVENT_HUBS, "EventHubProducerClient", "event-hubs", 2),
  slot(EVENT_HUBS, "EventHubBufferedProducerClient", "event-hubs", 2),
  slot(EVENT_HUBS, "EventHubConsumerClient", "event-hubs", 3),
  slot(["@azure/search-documents"], "SearchClient", "search", 2),
  slot(["@azure/search-documents"], "SearchIndexClient", "search", 1),
  slot(["@azure/search-documents"], "SearchIndexerClient", "search", 1),
  slot(["@azure/search-documents"], "KnowledgeRetrievalClient", "search", 2),
  slot(["@azure/eventgrid"], "EventGridPublisherClient", "event-grid", 2),
  slot(["@azure/eventgrid-namespaces"], "EventGridSenderClient", "event-grid", 1),
  slot(["@azure/eventgrid-namespaces"], "EventGridReceiverClient", "event-grid", 1),
  slot(["@azure/web-pubsub"], "WebPubSubServiceClient", "web-pubsub", 1),
  slot(["@azure/communication-email"], "EmailClient", "communication-services", 1),
  slot(["@azure/communication-sms"], "SmsClient", "communication-services", 1),
  slot(["@azure/communication-identity"], "CommunicationIdentityClient", "communication-services", 1),
  slot(["@azure/ai-text-analytics"], "TextAnalyticsClient", "ai-services", 1),
  slot(["@azure/ai-language-text"], "TextAnalysisClient", "ai-services", 1),
  slot(["@azure/ai-form-recognizer"], "DocumentAnalysisClient", "ai-services", 1),
  slot(["@azure/keyvault-secrets"], "SecretClient", "key-vault", 1),
  slot(["@azure/keyvault-keys"], "KeyClient", "key-vault", 1),
  slot(["@azure/keyvault-keys"], "CryptographyClient", "key-vault", 1),
  slot(["@azure/keyvault-certificates"], "CertificateClient", "key-vault", 1),
  slot(["@azure/app-configuration"], "AppConfigurationClient", "app-configuration", 1),
  slot(["@azure/container-registry"], "ContainerRegistryClient", "container-registry", 1),
  slot(["@azure/monitor-ingestion"], "LogsIngestionClient", "application-insights", 1),
  {
    modules: ["@azure-rest/maps-search"],
    callee: callOf("default"),
    service: "maps",
    arg: 0,
    insertAfter: [{ from: "env", name: "AZURE_MAPS_CLIENT_ID" }],
    caveat: "MapsSearch with a TokenCredential needs the Maps account's client id (not a secret): set AZURE_MAPS_CLIENT_ID.",
  },
];

/** Key credential classes (the `credential` rewrites), for rules that flag them by name. */
export const KEY_CREDENTIAL_SINKS: readonly Sink[] = SINKS.filter((s) => s.rewrite?.type === "credential");

const sameCallee = (a: SinkCallee, isNew: boolean, path: readonly string[]): boolean =>
  a.isNew === isNew && a.path.length === path.length && a.path.every((p, i) => p === path[i]);

/**
 * The sinks a resolved callee matches: `module` is the import source, `path` the export path
 * (`["BlobServiceClient", "fromConnectionString"]`), `isNew` whether it is a `new` expression.
 * Several sinks may match one callee (`new CosmosClient(cs)` and `new CosmosClient({ key })`): the
 * caller picks by argument shape.
 */
export function sinksFor(module: string, path: readonly string[], isNew: boolean): Sink[] {
  return SINKS.filter((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}

/** The credential slot of a client constructor, if it has one. */
export function credentialSlotFor(module: string, path: readonly string[], isNew: boolean): CredentialSlot | undefined {
  return CREDENTIAL_SLOTS.find((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}

/** Every module named in the table (a cheap prefilter: a file importing none of them has no sink). */
export const SINK_MODULES: ReadonlySet<string> = new Set([...SINKS.flatMap((s) => s.modules), ...CREDENTIAL_SLOTS.flatMap((s) => s.modules)]);

/**
 * Constructions that reach an Azure service with a secret but have no automatic rewrite: the change
 * needs facts the code does not hold (the identity's database user name, a token refresh hook).
 * Used only to explain the manual path precisely; the rules do not flag from this list.
 */
export interface ManualSink {
  readonly modules: readonly string[];
  readonly callee: SinkCallee;
  readonly service: ServiceId;
  readonly manual: string;
}

const REDIS_MANUAL =
  "Azure Cache for Redis accepts Entra ID tokens, but node-redis needs a credentials provider (EntraIdCredentialsProviderFactory from @redis/entraid, credentialsProvider option) and the identity needs a Redis data access policy; rewrite the client by hand.";
const PG_MANUAL =
  'PostgreSQL flexible server accepts an Entra token as the password, but the user must become the identity\'s name (pgaadauth_create_principal) and the password a callback: password: async () => (await credential.getToken("https://ossrdbms-aad.database.windows.net/.default")).token; rewrite it by hand.';
const MYSQL_MANUAL =
  "MySQL flexible server accepts an Entra token as the password (with enableCleartextPlugin: true), but the user must become the identity's name and connections need a fresh token before it expires; rewrite it by hand.";

export const MANUAL_SINKS: readonly ManualSink[] = [
  { modules: ["redis", "@redis/client"], callee: callOf("createClient"), service: "redis", manual: REDIS_MANUAL },
  { modules: ["redis", "@redis/client"], callee: callOf("createCluster"), service: "redis", manual: REDIS_MANUAL },
  { modules: ["ioredis"], callee: newOf("default"), service: "redis", manual: REDIS_MANUAL },
  { modules: ["ioredis"], callee: newOf("Redis"), service: "redis", manual: REDIS_MANUAL },
  { modules: ["pg"], callee: newOf("Pool"), service: "postgresql", manual: PG_MANUAL },
  { modules: ["pg"], callee: newOf("Client"), service: "postgresql", manual: PG_MANUAL },
  { modules: ["mysql2", "mysql2/promise"], callee: callOf("createConnection"), service: "mysql", manual: MYSQL_MANUAL },
  { modules: ["mysql2", "mysql2/promise"], callee: callOf("createPool"), service: "mysql", manual: MYSQL_MANUAL },
];

export function manualSinkFor(module: string, path: readonly string[], isNew: boolean): ManualSink | undefined {
  return MANUAL_SINKS.find((s) => s.modules.includes(module) && sameCallee(s.callee, isNew, path));
}
