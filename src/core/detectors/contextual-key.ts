import { fakeBase64, fakeHex } from "../keys/fake.js";
import { hostServices, keyShape, namedValues, trimValue, type KeyShape } from "../detect/key-context.js";
import { isHashOrData, isLockFile, prefixBefore } from "../keys/key-shapes.js";
import type { Candidate, Detector, ServiceId } from "../types.js";
import { firstStartAt } from "../text/window.js";

/**
 * The declarative table: a name (variable, property, setting, header or CLI flag) says what the
 * value next to it is; the value must also have the row's shape and look random. `service: "host"`
 * rows are generic names (`primaryKey`, `accessKey`): the Azure host next to the value names the
 * service, or, with no host, the key length does (and the finding says it was inferred).
 *
 * Formats with a signature, and contexts a specific detector owns (`api-key`,
 * `Ocp-Apim-Subscription-Key`, `x-functions-key`, connection-string fields), are left to those
 * detectors; where both match the same value, the specific detector wins (higher priority).
 */
interface Row {
  /** Regex source of the names, matched case-insensitively with identifier boundaries. */
  readonly names: string;
  readonly service: ServiceId | "host";
  readonly shapes: readonly KeyShape[];
}

const Q = "[_ ]?"; // optional separator inside names: AZURE_STORAGE_KEY, azureStorageKey, "storage key" (prose, comments)
const TABLE: readonly Row[] = [
  { names: `(?:azure${Q})?storage${Q}(?:account${Q})?(?:access${Q}|shared${Q}|primary${Q}|secondary${Q})?key|account${Q}key|(?:primary|secondary)${Q}access${Q}key|--account-key`, service: "storage", shapes: ["b64-88"] },
  { names: `cosmos(?:${Q}db)?${Q}(?:account${Q}|primary${Q}|secondary${Q}|master${Q}|readonly${Q}|auth${Q})?key|(?:primary|secondary)${Q}(?:readonly${Q})?master${Q}key|master${Q}key|auth${Q}key`, service: "cosmos-db", shapes: ["b64-88"] },
  { names: `(?:azure${Q})?service${Q}bus${Q}(?:primary${Q}|secondary${Q}|shared${Q}|sas${Q}|access${Q}){0,2}key`, service: "service-bus", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?event${Q}hubs?${Q}(?:primary${Q}|secondary${Q}|shared${Q}|sas${Q}|access${Q}){0,2}key`, service: "event-hubs", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?relay${Q}(?:primary${Q}|shared${Q}|sas${Q}|access${Q}){0,2}key`, service: "relay", shapes: ["b64-44"] },
  { names: `notification${Q}hubs?${Q}(?:primary${Q}|shared${Q}|sas${Q}|access${Q}|listen${Q}|full${Q}){0,2}key`, service: "notification-hubs", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?redis${Q}(?:cache${Q})?(?:primary${Q}|secondary${Q}|access${Q})?(?:key|password)`, service: "redis", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?signal${Q}r${Q}(?:access${Q}|primary${Q})?key`, service: "signalr", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?web${Q}pub${Q}sub${Q}(?:access${Q}|primary${Q})?key`, service: "web-pubsub", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?(?:acs|communication${Q}services?)${Q}(?:access${Q}|primary${Q})?key`, service: "communication-services", shapes: ["b64-88"] },
  { names: `(?:azure${Q})?event${Q}grid${Q}(?:topic${Q}|domain${Q}|access${Q}|sas${Q})?key|aeg-sas-key`, service: "event-grid", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?(?:iot${Q}hub|iot|device)${Q}(?:primary${Q}|secondary${Q}|shared${Q}|access${Q}|symmetric${Q}){0,2}key|symmetric${Q}key|--primary-key|--secondary-key`, service: "iot-hub", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?app${Q}config(?:uration)?${Q}(?:secret|key|access${Q}key)`, service: "app-configuration", shapes: ["b64-44"] },
  { names: `(?:azure${Q})?(?:cognitive${Q})?search${Q}(?:service${Q})?(?:admin${Q}|query${Q})?(?:api${Q})?key`, service: "search", shapes: ["alnum32"] },
  { names: `(?:azure${Q})?(?:open${Q}ai|ai${Q}services?|cognitive${Q}services?)${Q}(?:api${Q}|subscription${Q})?key`, service: "ai-services", shapes: ["hex32"] },
  { names: `(?:azure${Q})?batch${Q}(?:account${Q})?(?:shared${Q}|primary${Q})?key`, service: "batch", shapes: ["b64-88"] },
  { names: `(?:primary|secondary)${Q}(?:shared${Q})?key|access${Q}key|key[12]|shared${Q}access${Q}key|sas${Q}key`, service: "host", shapes: ["b64-88", "b64-44"] },
];

/** Env-style prefixes before a name: `VITE_`, `NEXT_PUBLIC_`, `MYAPP_` (at most three segments). */
const ENV_PREFIX = String.raw`(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}`;
const COMPILED = TABLE.map((row) => ({
  row,
  re: new RegExp(`(?<![\\w-])${ENV_PREFIX}(?:${row.names})(?![\\w-])`, "gi"),
  // Every match contains one of the row's names: a window where none occurs is skipped. Much
  // cheaper than the full pattern, which tries the optional prefix at every word start.
  names: new RegExp(row.names, "i"),
}));
/** How far past a window a name may reach (covers matchesIn's look-ahead room). */
const NAME_REACH = 512;
/**
 * Any row's names: most windows have none, and one pass rules out every row at once. Every name
 * ends in `key`, `key1`, `key2`, `password` or `secret`, so the search looks for those words and
 * only there checks, backwards (a look-behind), whether a whole name ends at that point: the same
 * answer as searching for the alternation of all names, about five times faster, since that
 * alternation, mostly optional prefixes, is tried at every character of the window. A name must
 * end a word (`(?![\w-])`, as in every row's pattern), checked before the look-behind: `keys`,
 * `keyof`, `passwords` are turned away at once.
 */
export const ANY_NAME = new RegExp(`(?:key[12]?|password|secret)(?![\\w-])(?<=${TABLE.map((row) => `(?:${row.names})`).join("|")})`, "i");
const KEYWORDS = [
  "storage", "accountkey", "account_key", "account-key", "access_key", "accesskey", "cosmos", "masterkey", "master_key",
  "authkey", "auth_key", "servicebus", "service_bus", "eventhub", "event_hub", "relay", "notificationhub",
  "notification_hub", "redis", "signalr", "signal_r", "webpubsub", "web_pub_sub", "acs_", "acskey", "communication",
  "eventgrid", "event_grid", "aeg-sas-key", "iot", "devicekey", "device_key", "symmetric", "primary-key",
  "secondary-key", "appconfig", "app_config", "search", "openai", "open_ai", "ai_service", "aiservice", "cognitive",
  "batch", "primarykey", "primary_key", "secondarykey", "secondary_key", "key1", "key2", "sharedaccesskey",
  "shared_access_key", "saskey", "sas_key",
];
/** ANY_NAME's first words: the engine reports where they occur (DetectorInput.found; every anchor is one). */
const ANCHORS = ["key", "password", "secret"];
/** ANY_NAME where its first words start (DetectorInput.found): tried at those offsets only. */
const ANY_NAME_AT = new RegExp(ANY_NAME.source, "iy");
const isLetter = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122);
/**
 * Whether a name can end with the word at `at`: in every row, the last word (`key`, `password`,
 * `secret`) follows a letter, or one separator (`_`, space, `-`) after a letter; only `key1` and
 * `key2` stand alone. Code is full of `key` after `.` or `{` (`map.key`, `{ key: ... }`), which
 * this turns away before the look-behind runs.
 */
function mayEndName(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  if (isLetter(c)) return true;
  if ((c === 95 || c === 32 || c === 45) && isLetter(text.charCodeAt(at - 2))) return true;
  const next = text.charCodeAt(at + 3);
  return (next === 49 || next === 50) && (text.charCodeAt(at) | 32) === 107; // key1, key2
}
/** Whether a name ends at an occurrence of its last word that starts in [lo, hi) (ANY_NAME's answer there). */
function anyNameEnd(text: string, found: readonly number[], lo: number, hi: number): boolean {
  for (let k = firstStartAt(found, lo); k < found.length && found[k + 1]! < hi; k += 2) {
    const at = found[k + 1]!;
    if (!mayEndName(text, at)) continue;
    ANY_NAME_AT.lastIndex = at;
    if (ANY_NAME_AT.test(text)) return true;
  }
  return false;
}
/** The names of every row (regex sources), for the test that ANY_NAME finds what they find. */
export const NAME_PATTERNS: readonly string[] = TABLE.map((row) => row.names);

/** When a generic name has no host next to it: the key length's most common owner. */
const BY_SHAPE: Partial<Record<KeyShape, ServiceId>> = { "b64-88": "storage", "b64-44": "service-bus" };

/** Services whose keys have each shape (to accept a host only when the shape fits). */
const SHAPES_OF: Partial<Record<ServiceId, readonly KeyShape[]>> = {
  storage: ["b64-88"], "cosmos-db": ["b64-88"], batch: ["b64-88"], "communication-services": ["b64-88"],
  "service-bus": ["b64-44"], "event-hubs": ["b64-44"], relay: ["b64-44"], redis: ["b64-44"], signalr: ["b64-44"],
  "web-pubsub": ["b64-44"], "event-grid": ["b64-44"], "iot-hub": ["b64-44"], "app-configuration": ["b64-44"],
};

export const contextualKey: Detector = {
  id: "contextual-key",
  service: "storage",
  title: "Azure key recognised by its name",
  description:
    "A key with no fixed shape of its own (88- or 44-character base64, 32 hex or alphanumeric characters) that its context identifies: the variable, property, setting, header or CLI flag it is assigned to (`storageKey`, `AZURE_STORAGE_KEY`, `\"PrimaryKey\":`, `accountKey`, `--account-key`, `aeg-sas-key`, `cosmosMasterKey`, `REDIS_KEY`, ...). Generic names (`primaryKey`, `accessKey`) take the service from the Azure host next to the value. Placeholders, references and low-entropy values are ignored; formats with their own detector are reported by that detector.",
  keywords: KEYWORDS,
  anchors: ANCHORS,
  window: { before: 40, after: 200 },
  severity: "error",
  priority: 20,
  find({ text, from, to, path, found }) {
    if (isLockFile(path)) return [];
    const out: Candidate[] = [];
    const reach = Math.min(text.length, to + NAME_REACH);
    if (found !== undefined ? !anyNameEnd(text, found, from, reach) : !ANY_NAME.test(text.slice(from, reach))) return out;
    const hay = text.slice(from, reach);
    for (const { row, re, names } of COMPILED) {
      if (!names.test(hay)) continue;
      for (const { name, value } of namedValues(re, text, from, to)) {
        const v = trimValue(value);
        const shape = keyShape(v.value, row.shapes);
        if (!shape || isHashOrData(prefixBefore(text, v.start))) continue;
        let service: ServiceId | undefined = row.service === "host" ? undefined : row.service;
        let note: string | undefined;
        if (!service) {
          service = hostServices(text, v.start, v.end, 300).find((s) => SHAPES_OF[s]?.includes(shape));
          if (!service) {
            service = BY_SHAPE[shape];
            note = `No Azure host next to it: the service was inferred from the key length (${v.value.length} characters).`;
          }
        }
        if (!service) continue;
        out.push({ start: v.start, end: v.end, service, fields: { shape, name: name.replace(/^-+/, "") }, ...(note ? { note } : {}) });
      }
    }
    return out;
  },
  samples() {
    const k88 = fakeBase64(64, "contextual-88");
    const k44 = fakeBase64(32, "contextual-44");
    const hex = fakeHex(32, "contextual-hex");
    return {
      positive: [
        `const signalrAccessKey = "${k44}";`,
        `{\n  "WebPubSub": {\n    "Endpoint": "https://contoso.webpubsub.azure.com",\n    "PrimaryKey": "${k44}"\n  }\n}`,
        `NOTIFICATION_HUB_KEY=${k44}`,
        `# Communication Services\nacsKey: "${k88}"`,
        `<appSettings>\n  <add key="RedisKey" value="${k44}" />\n</appSettings>`,
        `resource "azurerm_key_vault_secret" "relay" {\n  name  = "relay"\n  value = "x"\n}\nrelay_key = "${k44}"`,
        `iot:\n  hostName: contoso.azure-devices.net\n  primaryKey: ${k44}`,
        // Prose in a block comment still names the key.
        `/**\n * Storage settings.\n * storage account key: ${k88}\n */`,
        // A generic name with no host: the service is inferred from the key length.
        `export const settings = { secondaryKey: "${k88}" };`,
      ],
      negative: [
        "AZURE_STORAGE_KEY=${AZURE_STORAGE_KEY}",
        `storageKey: process.env.STORAGE_KEY`,
        `const accountKey = "<storage-account-key>";`,
        `"primaryKey": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"`,
        `const storageKey = "${"A".repeat(86)}==";`,
        `{ "accessKey": "integrity", "sha512": "sha512-${k88}" }`,
        `primary_access_key = azurerm_storage_account.main.primary_access_key`,
        `.storage-key { color: #${hex.slice(0, 6)}; }`,
        `const primaryKey = "${fakeHex(40, "contextual-sha")}"; // git sha`,
      ],
    };
  },
};
