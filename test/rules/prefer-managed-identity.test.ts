import rule from "../../src/rules/prefer-managed-identity.js";
import { TESTERS, at } from "./rule-tester.js";

const err = (code: string, needle: string, occurrence = 0) => ({ messageId: "credentialConstruction" as const, ...at(code, needle, occurrence) });

/** One invalid case: `needle` is the node that carries the secret. */
const invalid = (code: string, ...needles: string[]) => ({ code, errors: needles.map((n) => err(code, n)) });

const blobFromEnv = [
  'import { BlobServiceClient } from "@azure/storage-blob";',
  "const client = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);",
].join("\n");

for (const [parserName, tester] of TESTERS) {
  tester.run(`prefer-managed-identity (${parserName})`, rule, {
    valid: [
      // Keyless forms.
      'import { BlobServiceClient } from "@azure/storage-blob"; import { DefaultAzureCredential } from "@azure/identity"; new BlobServiceClient("https://acct.blob.core.windows.net", new DefaultAzureCredential());',
      'import { ServiceBusClient } from "@azure/service-bus"; new ServiceBusClient("ns.servicebus.windows.net", credential);',
      'import { ServiceBusClient } from "@azure/service-bus"; new ServiceBusClient(process.env.SB_NAMESPACE, credential);',
      'import { EventHubProducerClient } from "@azure/event-hubs"; new EventHubProducerClient(fqns, "hub", credential);',
      'import { CosmosClient } from "@azure/cosmos"; new CosmosClient({ endpoint, aadCredentials: credential });',
      'import { AzureOpenAI } from "openai"; new AzureOpenAI({ endpoint, apiVersion, azureADTokenProvider });',
      'import { Connection } from "tedious"; new Connection({ server: "s.database.windows.net", authentication: { type: "token-credential", options: { credential } } });',
      // A URL without a SAS: anonymous access to a public container.
      'import { ContainerClient } from "@azure/storage-blob"; new ContainerClient("https://acct.blob.core.windows.net/public");',
      // Local development against the storage emulator.
      'import { BlobServiceClient } from "@azure/storage-blob"; BlobServiceClient.fromConnectionString("UseDevelopmentStorage=true");',
      // SQL password auth against a server that is not Azure SQL.
      'import sql from "mssql"; await sql.connect({ server: "localhost", user: "sa", password: process.env.SA_PASSWORD });',
      // Not imported from an Azure SDK: a local class with the same name.
      "class BlobServiceClient { static fromConnectionString(s) { return s; } } BlobServiceClient.fromConnectionString(process.env.X);",
      'import { AzureKeyCredential } from "./my-credentials"; new AzureKeyCredential(process.env.KEY);',
      // A shadowing local variable.
      'import { AzureKeyCredential } from "@azure/core-auth"; function f(AzureKeyCredential) { return new AzureKeyCredential(k); }',
      // Options not visible here: they may carry a token provider.
      'import { AzureOpenAI } from "openai"; new AzureOpenAI(options);',
      // Options objects not visible here (a parameter): not known to hold a secret.
      'import { CosmosClient } from "@azure/cosmos"; export const make = (options) => new CosmosClient(options);',
      'import sql from "mssql"; export const open = (config) => sql.connect(config);',
      'import sql from "mssql"; await sql.connect("Server=localhost,1433;Database=app;User Id=sa;Password=" + process.env.SA_PASSWORD);',
      // An options object that hides its properties behind a spread.
      'import { CosmosClient } from "@azure/cosmos"; new CosmosClient({ ...options });',
    ],
    invalid: [
      invalid(
        'import { ContainerClient } from "@azure/storage-blob";\nnew ContainerClient("https://acct.blob.core.windows.net/images?sv=2022-11-02&sp=r&sig=abcd");',
        '"https://acct.blob.core.windows.net/images?sv=2022-11-02&sp=r&sig=abcd"',
      ),
      invalid(blobFromEnv, "process.env.AZURE_STORAGE_CONNECTION_STRING"),
      // Namespace import, member path.
      invalid(
        'import * as storage from "@azure/storage-queue";\nconst q = storage.QueueServiceClient.fromConnectionString(conn, { retryOptions });',
        "conn",
      ),
      // CommonJS require with destructuring and a rename.
      invalid('const { ServiceBusClient: SB } = require("@azure/service-bus");\nconst sb = new SB(process.env.SERVICEBUS_CONNECTION);', "process.env.SERVICEBUS_CONNECTION"),
      // Connection string with an options object where the credential would be.
      invalid('import { ServiceBusClient } from "@azure/service-bus";\nnew ServiceBusClient(cs, { retryOptions: { maxRetries: 3 } });', "cs"),
      // Event Hubs consumer: the connection string is the second argument.
      invalid('import { EventHubConsumerClient } from "@azure/event-hubs";\nnew EventHubConsumerClient("$Default", settings.eventHubs, "hub");', "settings.eventHubs"),
      // Key credentials.
      invalid('import { StorageSharedKeyCredential } from "@azure/storage-blob";\nconst c = new StorageSharedKeyCredential(account, accountKey);', "accountKey"),
      invalid('import { AzureKeyCredential, SearchClient } from "@azure/search-documents";\nnew SearchClient(endpoint, "idx", new AzureKeyCredential(searchKey));', "searchKey"),
      invalid('import { AzureNamedKeyCredential } from "@azure/core-auth";\nnew AzureNamedKeyCredential(name, cfg.key);', "cfg.key"),
      invalid('import { AzureSASCredential } from "@azure/core-auth";\nnew AzureSASCredential(signature);', "signature"),
      invalid('import { ClientSecretCredential } from "@azure/identity";\nnew ClientSecretCredential(tenantId, clientId, process.env.AZURE_CLIENT_SECRET);', "process.env.AZURE_CLIENT_SECRET"),
      // Object properties, also through a constant.
      invalid('import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI({ endpoint, apiKey: process.env.AZURE_OPENAI_API_KEY, apiVersion });', "apiKey: process.env.AZURE_OPENAI_API_KEY"),
      invalid('import { CosmosClient } from "@azure/cosmos";\nconst options = { endpoint, key: secrets.cosmos };\nnew CosmosClient(options);', "key: secrets.cosmos"),
      invalid('import { CosmosClient } from "@azure/cosmos";\nnew CosmosClient(process.env.COSMOS_CONNECTION_STRING);', "process.env.COSMOS_CONNECTION_STRING"),
      invalid('import sql from "mssql";\nawait sql.connect(`Server=tcp:app.database.windows.net,1433;Database=app;User Id=app;Password=${pw}`);', "`Server=tcp:app.database.windows.net,1433;Database=app;User Id=app;Password=${pw}`"),
      {
        code: 'import sql from "mssql";\nconst CS = process.env.SQL_CONNECTION_STRING ?? "";\nawait sql.connect(CS);',
        errors: [err('import sql from "mssql";\nconst CS = process.env.SQL_CONNECTION_STRING ?? "";\nawait sql.connect(CS);', "CS", 1)],
      },
      // SQL password auth: Azure SQL server, or a server that is not known statically.
      invalid(
        'import sql from "mssql";\nawait sql.connect({ server: "app.database.windows.net", user: "app", password: process.env.SQL_PASSWORD });',
        "password: process.env.SQL_PASSWORD",
      ),
      invalid('const sql = require("mssql");\nconst pool = new sql.ConnectionPool({ server: process.env.SQL_SERVER, user, password });', "password"),
      invalid(
        'import { Connection } from "tedious";\nnew Connection({ server, authentication: { type: "default", options: { userName: "app", password: pw } } });',
        "password: pw",
      ),
      // A connection-string literal (the secret itself is no-hardcoded-credentials' business).
      invalid('import { EventHubProducerClient } from "@azure/event-hubs";\nnew EventHubProducerClient(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`, "hub");', "`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`"),
      // AzureOpenAI without apiKey or azureADTokenProvider reads AZURE_OPENAI_API_KEY.
      {
        code: 'import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI({ endpoint, apiVersion: "2024-10-21", deployment });',
        errors: [{ messageId: "implicitApiKey", line: 2, column: 32, endColumn: 82 }],
      },
      {
        code: 'import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI();',
        errors: [{ messageId: "implicitApiKey", line: 2, column: 16, endColumn: 33 }],
      },
      // Notification Hubs: no Managed Identity at all; the message says so.
      {
        code: 'import { NotificationHubsClient } from "@azure/notification-hubs";\nnew NotificationHubsClient(cs, "hub");',
        errors: [
          {
            messageId: "credentialConstruction",
            data: {
              form: "new NotificationHubsClient(connectionString, hubName)",
              service: "Azure Notification Hubs",
              advice:
                "Notification Hubs has no Managed Identity data plane: keep the connection string in Key Vault (read it with SecretClient and a Managed Identity) and use a Listen-only rule where possible.",
            },
            line: 2,
            column: 28,
            endColumn: 30,
          },
        ],
      },
    ],
  });
}
