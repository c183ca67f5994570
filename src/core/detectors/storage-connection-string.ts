import {
  connectionStringService,
  findConnectionString,
  hostOf,
  parseSasQuery,
  percentDecode,
  sasKind,
  sasSignatureLooksReal,
  storageEndpoints,
  type ConnectionString,
} from "../keys/connection-string.js";
import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { identifiableAt, sticky, BASE64_64_BYTES } from "../keys/key-shapes.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import {
  STORAGE_EMULATOR_ACCOUNT,
  STORAGE_EMULATOR_KEY,
  STORAGE_EMULATOR_NOTE,
  isEmulatorSignedAccountSas,
  isLocalHost,
} from "../keys/well-known.js";

const KEY_AT = sticky(BASE64_64_BYTES);
const ANCHOR = /accountkey\s{0,8}=|sharedaccesssignature\s{0,8}=/gi;
const SPAN = 1024;

/** The connection string carries more than the key: it names a Storage account or endpoint. */
const isFull = (cs: ConnectionString): boolean =>
  cs.has("AccountName") || cs.has("DefaultEndpointsProtocol") || cs.has("EndpointSuffix") || cs.has("BlobEndpoint") ||
  cs.has("QueueEndpoint") || cs.has("FileEndpoint") || cs.has("TableEndpoint");

function storageFields(cs: ConnectionString): Record<string, string> {
  const ep = storageEndpoints(cs);
  const fields: Record<string, string> = {};
  if (ep.accountName) fields.AccountName = ep.accountName;
  if (ep.endpointSuffix) fields.EndpointSuffix = ep.endpointSuffix;
  const protocol = cs.value("DefaultEndpointsProtocol");
  if (protocol) fields.DefaultEndpointsProtocol = protocol;
  if (ep.blob) fields.BlobEndpoint = ep.blob;
  if (ep.queue) fields.QueueEndpoint = ep.queue;
  if (ep.file) fields.FileEndpoint = ep.file;
  if (ep.table) fields.TableEndpoint = ep.table;
  if (ep.dfs) fields.DfsEndpoint = ep.dfs;
  return fields;
}

function isEmulator(cs: ConnectionString, fields: Record<string, string>): boolean {
  if (fields.AccountName === STORAGE_EMULATOR_ACCOUNT) return true;
  for (const k of ["BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint"]) {
    const v = cs.value(k);
    if (v && isLocalHost(hostOf(v))) return true;
  }
  return false;
}

export const storageConnectionString: Detector = {
  id: "storage-connection-string",
  service: "storage",
  title: "Azure Storage connection string with a key or SAS",
  description:
    "A Storage connection string that carries a credential: `AccountKey=` with an 88-character account key next to `AccountName`/`DefaultEndpointsProtocol`/`EndpointSuffix`/an explicit endpoint, or `SharedAccessSignature=` with a signed SAS next to a `BlobEndpoint`/`QueueEndpoint`/... The finding points at the key or the SAS signature; the whole connection string is what to replace (an endpoint URL plus a TokenCredential). Cosmos DB Table API connection strings are reported by cosmos-db-key.",
  keywords: ["accountkey", "sharedaccesssignature"],
  window: { before: 600, after: 700 },
  severity: "error",
  priority: 70,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    ANCHOR.lastIndex = from;
    for (let m = ANCHOR.exec(text); m !== null && m.index < to; m = ANCHOR.exec(text)) {
      const cs = findConnectionString(text, m.index, Math.max(0, m.index - SPAN), Math.min(text.length, m.index + SPAN));
      // Every credential field of this connection string is handled now; continue after it.
      ANCHOR.lastIndex = Math.max(m.index + 1, cs.end);
      if (!isFull(cs)) continue;
      const service = connectionStringService(cs);
      if (service !== undefined && service !== "storage") continue;
      const base = storageFields(cs);
      const container = { start: cs.start, end: cs.end };
      const emulator = isEmulator(cs, base);
      for (const field of cs.fields) {
        const kind = field.key.toLowerCase();
        if (kind !== "accountkey" && kind !== "sharedaccesssignature") continue;
        const fields = { ...base };
        if (kind === "accountkey") {
          KEY_AT.lastIndex = field.valueStart;
          const k = KEY_AT.exec(text);
          if (!k || k.index !== field.valueStart) continue;
          const key = k[0];
          const identifiable = identifiableAt(key, ["+ASt"], ["Default0"]) !== undefined;
          if (!identifiable && isPlaceholder(key) && key !== STORAGE_EMULATOR_KEY) continue;
          fields.keyFormat = identifiable ? "identifiable" : "legacy";
          const info = emulator || key === STORAGE_EMULATOR_KEY;
          out.push({
            start: k.index,
            end: k.index + key.length,
            fields,
            container,
            ...(info ? { severity: "info" as const, note: STORAGE_EMULATOR_NOTE } : {}),
          });
        } else {
          if (/^sharedaccesssignature\s/i.test(field.value)) continue; // a messaging SAS token
          const q = parseSasQuery(text, field.valueStart, field.valueEnd);
          const sig = q.get("sig");
          if (!sig || !q.has("sv") || !sasSignatureLooksReal(sig.value) || isPlaceholder(percentDecode(sig.value))) continue;
          const sasType = sasKind(q);
          fields.sasKind = sasType;
          for (const p of ["sv", "ss", "srt", "sp", "se", "sr"]) {
            const v = q.value(p);
            if (v) fields[p] = percentDecode(v);
          }
          const note =
            sasType === "storage-user-delegation"
              ? "A user-delegation SAS: signed with a key obtained through Microsoft Entra ID, but still a bearer secret until it expires."
              : undefined;
          const signedByEmulator = isEmulatorSignedAccountSas((name) => {
            const v = q.value(name);
            return v === undefined ? undefined : percentDecode(v);
          });
          out.push({
            start: sig.valueStart,
            end: sig.valueEnd,
            fields,
            container,
            ...(emulator || signedByEmulator ? { severity: "info" as const, note: STORAGE_EMULATOR_NOTE } : note ? { note } : {}),
          });
        }
      }
    }
    return out;
  },
  samples() {
    const key = fakeBase64(64, "storage-cs-1");
    const key2 = fakeBase64(64, "storage-cs-2");
    const idKey = fakeIdentifiable(64, "+ASt", "Default0", "storage-cs-3");
    const sig = encodeURIComponent(fakeBase64(32, "storage-cs-sig"));
    const cs = (k: string, account = "acct1") =>
      `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${k};EndpointSuffix=core.windows.net`;
    return {
      positive: [
        `const blob = BlobServiceClient.fromConnectionString("${cs(key)}");`,
        `AZURE_STORAGE_CONNECTION_STRING=${cs(key2)}`,
        `{ "Values": { "AzureWebJobsStorage": "${cs(idKey, "funcstore")}" } }`,
        `storage:\n  connectionString: ${cs(key)}\n`,
        `<add name="Storage" connectionString="${cs(key2)}" />`,
        `# az storage account show-connection-string printed ${cs(key)} earlier`,
        `resource "azurerm_app_service" "a" {\n  app_settings = { STORAGE = "AccountName=acct2;AccountKey=${key2};EndpointSuffix=core.usgovcloudapi.net" }\n}`,
        `BlobEndpoint=https://acct3.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`,
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${STORAGE_EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
      ],
      negative: [
        `AzureWebJobsStorage=UseDevelopmentStorage=true`,
        `AzureWebJobsStorage__accountName=acct1\nAzureWebJobsStorage__credential=managedidentity`,
        `"AzureWebJobsStorage": "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/storage/)"`,
        `value: 'DefaultEndpointsProtocol=https;AccountName=\${sa.name};AccountKey=\${sa.listKeys().keys[0].value};EndpointSuffix=\${environment().suffixes.storage}'`,
        `STORAGE=DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net`,
        `conn = "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=\${STORAGE_KEY};EndpointSuffix=core.windows.net"`,
        `AccountEndpoint=https://db1.documents.azure.com:443/;AccountKey=${key};`,
        `BlobEndpoint=https://acct3.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sp=r&sig=<signature>`,
        `const hint = "set AccountKey= in your connection string";`,
      ],
    };
  },
};
