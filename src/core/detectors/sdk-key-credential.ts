import { fakeBase64, fakeFromAlphabet, B62 } from "../keys/fake.js";
import { CREDENTIAL_SLOTS, SINKS } from "../fixes/recipes/index.js";
import type { Sink } from "../fixes/sink.js";
import { hostServices, isEmulatorKey, keyShape, matchesIn, type KeyShape } from "../detect/key-context.js";
import { isReference } from "../text/literal-context.js";
import { callArgument, keywordArgument, literalArgument, objectPropertyAt } from "../text/code-values.js";
import type { Candidate, Detector, ServiceId } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";

/**
 * Sink-based certainty: a string literal (or a `const` bound to one in the same file) written into
 * the secret slot of an Azure SDK credential or client construction is a hard-coded credential
 * whatever its length, shape or checksum. The sinks are the fix recipes' table (fixes/recipes/), so
 * detection and fix cannot disagree: `new AzureKeyCredential("...")`, `new StorageSharedKeyCredential(
 * account, "...")`, `new ClientSecretCredential(tenant, client, "...")`, `X.fromConnectionString("...")`,
 * `new CosmosClient({ key: "..." })`, mssql `{ password: "..." }`, `new AzureOpenAI({ apiKey })`, ...
 * Matching is textual (the engine is shared by the ESLint rule and the scanner): the callee's name,
 * its argument list parsed with bounded readers, the slot taken from the sink entry. Plus the IoT
 * device SDK's `new DeviceAuthenticationWithRegistrySymmetricKey(deviceId, "<key>")` (C#), which has
 * no JavaScript sink.
 *
 * The service: a key credential takes the service of the client it is passed to (the client class
 * next to it, from the table's credential slots), else of the Azure host next to it, else the sink's.
 */

const DEVICE = "DeviceAuthenticationWithRegistrySymmetricKey";

interface CalleeRule {
  /** Name matched before `(`: a class, or `Class.method`, or a method of any receiver (`.fromConnectionString`). */
  readonly name: string;
  readonly sinks: readonly Sink[];
  /** Module whose name must occur near the top of the file for a generic callee (`connect`, `load`). */
  readonly module?: string;
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Names that say "Azure SDK" by themselves; other callees (`connect`, `load`, `Connection`) need their module in the file. */
const DISTINCTIVE = /Client$|Credential$|ConnectionString$|^Azure/;

function calleeRules(): CalleeRule[] {
  const by = new Map<string, { sinks: Sink[]; module?: string }>();
  for (const s of SINKS) {
    // URL sinks carry a SAS, which the storage-sas-token detector finds by its own structure.
    if (s.secret.kind === "credential" || s.sasUrl) continue;
    const path = s.callee.path;
    const last = path[path.length - 1]!;
    if (last === "default") continue;
    const names = path.length > 1 && last === "fromConnectionString" ? [last, snake(last)] : [last];
    for (const name of names) {
      const generic = !DISTINCTIVE.test(name) && name !== "from_connection_string";
      const key = generic ? `${name}@${s.modules[0]}` : name;
      const entry = by.get(key) ?? { sinks: [], ...(generic ? { module: s.modules[0]! } : {}) };
      entry.sinks.push(s);
      by.set(key, entry);
    }
  }
  return [...by].map(([key, v]) => ({ name: key.split("@")[0]!, sinks: v.sinks, ...(v.module ? { module: v.module } : {}) }));
}

const RULES = calleeRules();
const RULE_BY_NAME = new Map<string, CalleeRule[]>();
for (const r of RULES) RULE_BY_NAME.set(r.name, [...(RULE_BY_NAME.get(r.name) ?? []), r]);
const escape = (s: string): string => s.replace(/[$]/g, "\\$");
const CALL = new RegExp(`(?<![\\w$])(${[...RULE_BY_NAME.keys(), DEVICE].map(escape).join("|")})[ \\t]*\\(`, "g");
const KEYWORDS = [...new Set([...RULE_BY_NAME.keys(), DEVICE].map((n) => `${n.toLowerCase()}(`))];

/** The identifier before `.` at the end of the text: the receiver of a method call. */
const RECEIVER = /([A-Za-z_$][\w$]{0,80})[ \t]*\.[ \t]*$/;

/** Client classes that take a credential, and their service (the table's credential slots). */
const CLIENT_SERVICE = new Map<string, ServiceId>(CREDENTIAL_SLOTS.filter((s) => s.callee.path.length === 1 && s.callee.path[0] !== "default").map((s) => [s.callee.path[0]!, s.service]));
const CLIENTS = new RegExp(`(?<![\\w$])(${[...CLIENT_SERVICE.keys()].join("|")})(?![\\w$])`, "g");
/** Key credentials whose service is the client's (one credential class serves many services). */
const SHARED_CREDENTIALS = new Set(["AzureKeyCredential", "AzureNamedKeyCredential", "AzureSASCredential"]);
/** Base64 key lengths of services whose key the host alone identifies (the earlier sdk-key-credential rule). */
const SHAPE_OF: Partial<Record<ServiceId, KeyShape>> = { "communication-services": "b64-88", "web-pubsub": "b64-44", "event-grid": "b64-44", "iot-hub": "b64-44" };

/** The client class nearest to the credential within 400 characters (either side). */
function clientService(text: string, start: number, end: number): ServiceId | undefined {
  const lo = Math.max(0, start - 400);
  const near = text.slice(lo, Math.min(text.length, end + 400));
  let best: { d: number; s: ServiceId } | undefined;
  CLIENTS.lastIndex = 0;
  for (let m = CLIENTS.exec(near); m !== null; m = CLIENTS.exec(near)) {
    const at = lo + m.index;
    const d = at < start ? start - at : at - end;
    if (!best || d < best.d) best = { d, s: CLIENT_SERVICE.get(m[1]!)! };
  }
  return best?.s;
}

/** The secret field of a connection string (`AccountKey=`, `SharedAccessKey=`, `Password=`, ...). */
const SECRET_FIELD = /(?:^|;)[ \t]*(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|Secret|Password|Pwd|Key)[ \t]*=[ \t]*([^;]+)/gi;

/** Whether a literal in a secret slot is a placeholder, reference or dummy rather than a credential. */
function isDummy(value: string): boolean {
  const v = value.trim();
  if (v.length < 6 || isPlaceholder(v) || isReference(v) || isEmulatorKey(v)) return true;
  // A plain word (`password`, `secretkey`) or a test marker in a short value.
  if (/^[a-z]+$/i.test(v) && v.length <= 12) return true;
  return v.length < 24 && /(?:^|[^a-z])(?:test|mock|dummy|demo|local|invalid)(?:[^a-z]|$)/i.test(v);
}

/** A literal in the slot; for a connection-string slot, its secret field (or nothing when it has none). */
function secretSpan(lit: { start: number; end: number; value: string }, kind: Sink["secret"]["kind"]): { start: number; end: number; value: string } | undefined {
  if (kind !== "connection-string") return isDummy(lit.value) ? undefined : lit;
  if (/usedevelopmentstorage=true/i.test(lit.value) || !lit.value.includes("=")) return undefined;
  SECRET_FIELD.lastIndex = 0;
  for (let m = SECRET_FIELD.exec(lit.value); m !== null; m = SECRET_FIELD.exec(lit.value)) {
    const value = m[2]!.trim();
    if (isDummy(value)) return undefined;
    const start = lit.start + m.index + m[0].length - m[2]!.length + m[2]!.indexOf(value);
    return { start, end: start + value.length, value };
  }
  return undefined;
}

/** The offset of the secret slot's value in the call whose `(` is at `open`. */
function slotValue(text: string, open: number, sink: Sink): number | undefined {
  const slot = sink.secret;
  if (slot.kind !== "property") return callArgument(text, open, slot.arg, 600);
  const arg = callArgument(text, open, slot.arg, 600);
  if (arg !== undefined && text.charCodeAt(arg) === 123) return objectPropertyAt(text, arg, slot.path);
  // Python keyword arguments: AzureOpenAI(api_key="...").
  return slot.path.length === 1 ? keywordArgument(text, open, snake(slot.path[0]!)) : undefined;
}

export const sdkKeyCredential: Detector = {
  id: "sdk-key-credential",
  service: "ai-services",
  title: "Literal passed to an Azure SDK credential",
  description:
    "A string literal, or a `const` bound to one in the same file, written into the secret slot of an Azure SDK credential or client: `new AzureKeyCredential(\"...\")`, `AzureNamedKeyCredential`, `AzureSASCredential`, `StorageSharedKeyCredential`, the secret of `ClientSecretCredential`, `fromConnectionString(\"...\")`, `{ key }` of `CosmosClient`, the mssql `password`, `apiKey` of `AzureOpenAI`, and the IoT device SDK's `DeviceAuthenticationWithRegistrySymmetricKey`. What goes there is a credential whatever its length, shape or checksum (placeholders, references and environment reads aside). The sinks are the fix recipes' own table, so every finding here has the same Managed Identity rewrite. A key credential takes the service of the client it is passed to (or of the Azure host next to it).",
  keywords: KEYWORDS,
  // The keyword is the callee itself (`azurekeycredential(`): the call starts at the hit, and the
  // arguments and the client next to it are read from the text around, past the window.
  window: { before: 0, after: 8 },
  severity: "error",
  priority: 25,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const m of matchesIn(CALL, text, from, to, 120)) {
      const name = m[1]!;
      const open = m.index + m[0].length - 1;
      if (name === DEVICE) {
        const at = callArgument(text, open, 1, 300);
        const lit = at === undefined ? undefined : literalArgument(text, at);
        if (lit && !isDummy(lit.value)) out.push({ start: lit.start, end: lit.end, service: "iot-hub", fields: { context: DEVICE, via: lit.via } });
        continue;
      }
      for (const rule of RULE_BY_NAME.get(name) ?? []) {
        if (rule.module && !text.slice(0, 8192).includes(rule.module)) continue;
        // `.fromConnectionString(` needs its receiver (`BlobServiceClient.`, `Registry.`): it picks the sink.
        const receiver = RECEIVER.exec(text.slice(Math.max(0, m.index - 82), m.index))?.[1];
        const fromCs = name === "fromConnectionString" || name === "from_connection_string";
        if (fromCs && !receiver) continue;
        const sinks = fromCs ? [...rule.sinks].sort((a, b) => Number(b.callee.path[0] === receiver) - Number(a.callee.path[0] === receiver)) : rule.sinks;
        let hit: Candidate | undefined;
        for (const sink of sinks) {
          const at = slotValue(text, open, sink);
          const lit = at === undefined ? undefined : literalArgument(text, at);
          const span = lit && secretSpan(lit, sink.secret.kind);
          if (!lit || !span) continue;
          let service: ServiceId = sink.service;
          if (fromCs && sink.callee.path[0] !== receiver) service = CLIENT_SERVICE.get(receiver!) ?? hostServices(lit.value, 0, 0)[0] ?? sink.service;
          if (SHARED_CREDENTIALS.has(name)) {
            const hosts = hostServices(text, lit.start, lit.end);
            service =
              clientService(text, m.index, lit.end) ??
              hosts.find((s) => SHAPE_OF[s] !== undefined && keyShape(lit.value, [SHAPE_OF[s]!]) !== undefined) ??
              hosts[0] ??
              sink.service;
          }
          hit = { start: span.start, end: span.end, service, fields: { context: name, sink: sink.id, via: lit.via } };
          break;
        }
        if (hit) {
          out.push(hit);
          break;
        }
      }
    }
    return out;
  },
  samples() {
    const acs = fakeBase64(64, "sdk-cred-acs");
    const wps = fakeBase64(32, "sdk-cred-wps");
    const dev = fakeBase64(32, "sdk-cred-iot");
    const odd = (n: number, label: string): string => fakeFromAlphabet(n, B62, `sdk-cred-${label}`);
    return {
      positive: [
        `client = EmailClient("https://contoso-notify.communication.azure.com", AzureKeyCredential("${acs}"))`,
        `const service = new WebPubSubServiceClient(\n  "https://contoso-pubsub.webpubsub.azure.com",\n  new AzureKeyCredential("${wps}"),\n  "chat",\n);`,
        `var device = DeviceClient.Create("contoso-hub.azure-devices.net",\n    new DeviceAuthenticationWithRegistrySymmetricKey("thermostat-7", "${dev}"),\n    TransportType.Mqtt);`,
        // Whatever the shape: a 52-character Search key with a broken checksum, a short shared key.
        `const client = new SearchClient("https://contoso-search.search.windows.net", "products", new AzureKeyCredential("${odd(52, "search")}"));`,
        `const credential = new StorageSharedKeyCredential("contosodata", "${odd(60, "shared")}");`,
        `const secret = "${odd(34, "secret")}";\nexport const credential = new ClientSecretCredential(tenantId, clientId, secret);`,
        `export const client = new CosmosClient({ endpoint, key: "${odd(60, "cosmos")}" });`,
        `import sql from "mssql";\nawait sql.connect({ server, database: "orders", user: "app", password: "${odd(14, "sql")}" });`,
        `const client = new AzureOpenAI({ endpoint, apiKey: "${odd(32, "openai")}", apiVersion: "2024-10-21" });`,
        `const producer = new ServiceBusClient("Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${odd(30, "sb")}");`,
        `client = AzureOpenAI(api_key="${odd(32, "openai-py")}", azure_endpoint=endpoint)`,
      ],
      negative: [
        `client = EmailClient("https://contoso-notify.communication.azure.com", AzureKeyCredential(os.environ["ACS_KEY"]))`,
        `new DeviceAuthenticationWithRegistrySymmetricKey(deviceId, configuration["DeviceKey"])`,
        `const client = new SearchClient(endpoint, "products", new AzureKeyCredential("<your-search-key>"));\nconst c2 = new AzureKeyCredential(process.env.SEARCH_KEY!);\nconst c3 = new AzureKeyCredential("");`,
        `const credential = new ClientSecretCredential(tenantId, clientId, "REPLACE_ME");\nconst secret = "changeme";\nconst c2 = new ClientSecretCredential(tenantId, clientId, secret);`,
        `const blobs = BlobServiceClient.fromConnectionString("UseDevelopmentStorage=true");\nawait sql.connect({ server, user: "app", password: config.dbPassword });`,
        // Not the secret slot: the endpoint and index of a SearchClient, the tenant and client ids.
        `const client = new SearchClient("https://contoso.search.windows.net", "products-index", credential);\nconst cred = new ClientSecretCredential("contoso.onmicrosoft.com", "my-client-app", secretFromVault);`,
        // A generic callee without its module: not mssql.
        `db.connect({ host: "localhost", password: "${odd(14, "pg")}" });`,
        // An endpoint overload of a connection-string sink: no secret field.
        `const client = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());`,
        // let: reassigned at run time, not a constant.
        `let key = "${odd(40, "let")}";\nkey = await vault.get("search");\nnew AzureKeyCredential(key);`,
      ],
    };
  },
};
