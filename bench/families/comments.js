// Secrets inside comments, block and line, of many syntaxes: still a leak.
const PW = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+-=?@_";

export default function comments({ fakeBase64, fakeHex, fakeFromAlphabet, makeEntraSecret, rng }) {
  const k88 = (l) => fakeBase64(64, `fam-cm-88-${l}`);
  const k44 = (l) => fakeBase64(32, `fam-cm-44-${l}`);
  const pw = (l) => fakeFromAlphabet(20, PW, `fam-cm-pw-${l}`);
  const sig = (l) => encodeURIComponent(fakeBase64(32, `fam-cm-sig-${l}`));
  const conn = (l) => `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${k88(l)};EndpointSuffix=core.windows.net`;
  const positives = [
    { service: "storage", file: "upload.ts", text: `import { BlobServiceClient } from "@azure/storage-blob";\n\n// const conn = "${conn(1)}";\nconst client = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);\n` },
    { service: "storage", file: "storage.go", text: `package storage\n\n/*\nFor local testing:\n  AccountName: contosodata\n  AccountKey:  ${k88(2)}\n*/\nfunc Client() {}\n` },
    { service: "service-bus", file: "Program.cs", text: `/// <summary>Sends orders.</summary>\n/// <remarks>Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${k44(3)}</remarks>\npublic class Sender { }\n` },
    { service: "entra-id", file: "auth.py", text: `# client secret (rotate before June): ${makeEntraSecret(rng("fam-cm-entra"))}\nCLIENT_ID = os.environ["AZURE_CLIENT_ID"]\n` },
    { service: "storage", file: "index.html", text: `<!DOCTYPE html>\n<html>\n<body>\n<!-- test SAS: https://contosodata.blob.core.windows.net/media?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&spr=https&sig=${sig(5)} -->\n<img src="/logo.png">\n</body>\n</html>\n` },
    { service: "sql", file: "schema.sql", text: `-- Run with: sqlcmd -S contoso-sql.database.windows.net -d orders -U sqladmin -P '${pw(6)}' -i schema.sql\nCREATE TABLE Orders (Id INT PRIMARY KEY);\n` },
    { service: "storage", file: "app.js", text: `/**\n * Storage settings.\n * storage key: ${k88(7)}\n */\nexport const account = "contosodata";\n` },
    { service: "redis", file: "cache.py", text: `\"\"\"Cache client.\n\ncontoso-cache.redis.cache.windows.net:6380,password=${k44(8)},ssl=True,abortConnect=False\n\"\"\"\nimport redis\n` },
    { service: "ai-services", file: "config.yaml", text: `openai:\n  endpoint: https://contoso-ai.openai.azure.com/\n  # AZURE_OPENAI_API_KEY: ${fakeHex(32, "fam-cm-openai")}\n  deployment: gpt-4o\n` },
    { service: "entra-id", file: "setup.bat", text: `@echo off\nREM set AZURE_CLIENT_SECRET=${makeEntraSecret(rng("fam-cm-entra-2"))}\nset AZURE_CLIENT_ID=%CLIENT_ID%\n` },
    { service: "storage", file: "Dockerfile", text: `FROM node:20-alpine\n# ENV AZURE_STORAGE_KEY=${k88(11)}\nENV AZURE_STORAGE_ACCOUNT=contosodata\nCMD ["node", "server.js"]\n` },
    { service: "cosmos-db", file: "db.java", text: `// Cosmos primary key = ${k88(12)}\n// endpoint https://contoso-db.documents.azure.com:443/\nclass Db {}\n` },
    { service: "event-hubs", file: "settings.ini", text: `[eventhub]\n; Endpoint=sb://contoso-eh.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${k44(13)};EntityPath=orders\nnamespace = contoso-eh\n` },
  ];
  const negatives = [
    { kind: "comment", file: "upload.ts", text: "// AccountKey=<your-account-key>\n// password: ${DB_PASSWORD}\n/* sig=REDACTED */\nconst x = 1;\n" },
    { kind: "comment", file: "config.py", text: '# AZURE_OPENAI_API_KEY: your-api-key-here\n# storage key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==\n# sqlcmd -S contoso-sql.database.windows.net -U sqladmin -P "$SQL_PASSWORD"\n' },
  ];
  return { family: "comments", positives, negatives };
}
