// Shared by the encoded, split and sink families: connection strings and keys as code holds them.
// (A file starting with `_` is a helper, not a family: bench/accuracy.js loads only the others.)
export function codeSecrets({ fakeBase64, fakeFromAlphabet, fakeHex, fakeIdentifiable, makeEntraSecret, rng, B62 }) {
  const b64 = (n, l) => fakeBase64(n, `fam-code-${l}`);
  const pw = fakeFromAlphabet(20, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#*+-=?@_", "fam-code-pw");
  const conns = [
    { service: "storage", name: "AZURE_STORAGE_CONNECTION_STRING", value: `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${b64(64, "st")};EndpointSuffix=core.windows.net` },
    { service: "service-bus", name: "SERVICEBUS_CONNECTION_STRING", value: `Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${b64(32, "sb")}` },
    { service: "cosmos-db", name: "COSMOS_CONNECTION_STRING", value: `AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=${b64(64, "cosmos")};` },
    { service: "sql", name: "SQL_CONNECTION_STRING", value: `Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;User ID=sqladmin;Password=${pw};Encrypt=True;` },
    { service: "app-configuration", name: "APPCONFIG_CONNECTION_STRING", value: `Endpoint=https://contoso-config.azconfig.io;Id=${fakeFromAlphabet(20, B62, "fam-code-ac-id")};Secret=${b64(32, "appconfig")}` },
  ];
  const keys = [
    { service: "entra-id", name: "AZURE_CLIENT_SECRET", value: makeEntraSecret(rng("fam-code-entra")) },
    { service: "ai-services", name: "AZURE_OPENAI_API_KEY", value: fakeHex(32, "fam-code-openai"), host: "https://contoso-ai.openai.azure.com/" },
    { service: "storage", name: "STORAGE_ACCOUNT_KEY", value: fakeIdentifiable(64, "+ASt", "Default0", "fam-code-st-id") },
  ];
  return { conns, keys, b64 };
}

export const camel = (name) => name.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
export const b64text = (s) => Buffer.from(s, "utf8").toString("base64");
