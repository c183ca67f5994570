// Literals of any length, shape or checksum written into the secret slot of an Azure SDK
// credential or client: what goes there is a credential (issue 11, "sink-based certainty").
export default function sink({ fakeFromAlphabet, fakeHex, fakeIdentifiable, B62 }) {
  const search = fakeIdentifiable(39, "AzSe", "PAdmin00", "fam-sink-search");
  const broken = `${search.slice(0, 20)}${search[20] === "Q" ? "R" : "Q"}${search.slice(21)}`;
  const odd = (l, n = 40) => fakeFromAlphabet(n, B62, `fam-sink-odd-${l}`);
  const oldSecret = fakeFromAlphabet(34, `${B62}-_.~[]:@`, "fam-sink-old-secret");
  const positives = [
    { service: "search", file: "search.ts", text: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";\n\nexport const client = new SearchClient("https://contoso-search.search.windows.net", "products", new AzureKeyCredential("${broken}"));\n` },
    { service: "search", file: "search-const.ts", text: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";\n\nconst searchKey = "${odd("search")}";\nexport const client = new SearchClient(endpoint, "products", new AzureKeyCredential(searchKey));\n` },
    { service: "search", file: "search.py", text: `from azure.core.credentials import AzureKeyCredential\nfrom azure.search.documents import SearchClient\n\nclient = SearchClient(endpoint, "products", AzureKeyCredential("${odd("search-py")}"))\n` },
    { service: "search", file: "Search.cs", text: `var client = new SearchClient(endpoint, "products", new AzureKeyCredential("${odd("search-cs")}"));\n` },
    { service: "storage", file: "shared-key.ts", text: `import { StorageSharedKeyCredential, BlobServiceClient } from "@azure/storage-blob";\n\nconst credential = new StorageSharedKeyCredential("contosodata", "${odd("shared", 60)}");\nexport const blobs = new BlobServiceClient("https://contosodata.blob.core.windows.net", credential);\n` },
    { service: "storage", file: "tables.ts", text: `import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";\n\nconst credential = new AzureNamedKeyCredential("contosodata", "${odd("named", 52)}");\nexport const table = new TableClient(url, "orders", credential);\n` },
    { service: "storage", file: "sas.ts", text: `import { AzureSASCredential } from "@azure/core-auth";\n\nexport const credential = new AzureSASCredential("${odd("sas", 48)}");\n` },
    { service: "entra-id", file: "identity.ts", text: `import { ClientSecretCredential } from "@azure/identity";\n\nexport const credential = new ClientSecretCredential(tenantId, clientId, "${oldSecret}");\n` },
    { service: "entra-id", file: "identity.py", text: `from azure.identity import ClientSecretCredential\n\ncredential = ClientSecretCredential(tenant_id, client_id, "${oldSecret}")\n` },
    { service: "entra-id", file: "identity-const.ts", text: `import { ClientSecretCredential } from "@azure/identity";\n\nconst secret = "${oldSecret}";\nexport const credential = new ClientSecretCredential(tenantId, clientId, secret);\n` },
    { service: "cosmos-db", file: "cosmos.ts", text: `import { CosmosClient } from "@azure/cosmos";\n\nexport const client = new CosmosClient({ endpoint, key: "${odd("cosmos", 60)}" });\n` },
    { service: "sql", file: "db.ts", text: `import sql from "mssql";\n\nawait sql.connect({ server, database: "orders", user: "app", password: "${odd("sql", 14)}" });\n` },
    { service: "ai-services", file: "openai.ts", text: `import { AzureOpenAI } from "openai";\n\nexport const client = new AzureOpenAI({ endpoint, apiKey: "${odd("openai", 32)}", apiVersion: "2024-10-21", deployment: "gpt-4o" });\n` },
    { service: "service-bus", file: "bus.ts", text: `import { ServiceBusClient } from "@azure/service-bus";\n\nexport const client = new ServiceBusClient("Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${odd("sb", 30)}");\n` },
    { service: "storage", file: "blobs.ts", text: `import { BlobServiceClient } from "@azure/storage-blob";\n\nexport const blobs = BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${odd("cs", 50)};EndpointSuffix=core.windows.net");\n` },
    { service: "event-hubs", file: "hub.ts", text: `import { EventHubProducerClient } from "@azure/event-hubs";\n\nconst CONNECTION = "Endpoint=sb://contoso-eh.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${odd("eh", 36)};EntityPath=orders";\nexport const producer = new EventHubProducerClient(CONNECTION);\n` },
  ];
  const negatives = [
    { kind: "sink-placeholder", file: "search.ts", text: `const client = new SearchClient(endpoint, "products", new AzureKeyCredential("<your-search-key>"));\nconst c2 = new AzureKeyCredential(process.env.SEARCH_KEY!);\nconst c3 = new AzureKeyCredential("");\n` },
    { kind: "sink-placeholder", file: "identity.ts", text: `const credential = new ClientSecretCredential(tenantId, clientId, "REPLACE_ME");\nconst secret = "changeme";\nconst c2 = new ClientSecretCredential(tenantId, clientId, secret);\nconst c3 = new ClientSecretCredential("${fakeHex(8, "fam-sink-n1")}-aaaa-4bbb-8ccc-${fakeHex(12, "fam-sink-n2")}", "${fakeHex(8, "fam-sink-n3")}-aaaa-4bbb-8ccc-${fakeHex(12, "fam-sink-n4")}", config.secret);\n` },
    { kind: "sink-placeholder", file: "clients.ts", text: `const blobs = BlobServiceClient.fromConnectionString("UseDevelopmentStorage=true");\nconst q = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING ?? "");\nawait sql.connect({ server, user: "app", password: "" });\nawait sql.connect({ server, user: "app", password: config.dbPassword });\n` },
    { kind: "sink-placeholder", file: "clients.py", text: `credential = AzureKeyCredential(os.environ["SEARCH_KEY"])\nclient = SearchClient(endpoint, "products-index", credential)\nopenai = AzureOpenAI(api_key=os.getenv("AZURE_OPENAI_API_KEY"), azure_endpoint=endpoint)\n` },
  ];
  return { family: "sink", positives, negatives };
}
