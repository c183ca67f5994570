/**
 * Azure Functions settings (`local.settings.json`): connection settings that carry a key become
 * identity-based connections (msi-catalog.md 4.1), edited in the text so that formatting, key order
 * and line breaks stay as written.
 *
 *   AzureWebJobsStorage = "DefaultEndpointsProtocol=...;AccountName=acct;AccountKey=..."
 *     -> AzureWebJobsStorage__accountName = "acct"
 *   MyStorage = "<storage connection string>"   (binding kinds from function.json / host.json)
 *     -> MyStorage__blobServiceUri / __queueServiceUri / __tableServiceUri
 *   ServiceBusConnection = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey..."
 *     -> ServiceBusConnection__fullyQualifiedNamespace = "ns.servicebus.windows.net"
 *   CosmosDb = "AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=..."
 *     -> CosmosDb__accountEndpoint = "https://acct.documents.azure.com:443/"
 *
 * plus `__credential = "managedidentity"` (and `__clientId`) for a user-assigned identity or when the
 * managed-identity credential is asked for. With the default credential those are left out: local
 * runs then use the developer's Azure sign-in, and the Functions host in Azure uses the app's
 * system-assigned identity. Pure: text and findings in, edits and a description out.
 */
import { messagingInfo, parseConnectionString, storageEndpoints } from "../../keys/connection-string.js";
import type { Finding, ServiceId, TextEdit } from "../../types.js";
import type { CredentialChoice } from "../credential.js";
import { eolAt, indentAt, member, parseJsonText, type JsonMember } from "./json-text.js";

/** What a connection name is used for, from the bindings that name it. */
export type BindingKind = "blob" | "blobTrigger" | "queue" | "table" | "service-bus" | "event-hubs" | "cosmos-db" | "other";

export interface FunctionsSettingsInput {
  readonly text: string;
  /** Findings of the engine in this text (info findings are ignored). */
  readonly findings: readonly Finding[];
  readonly credential: CredentialChoice;
  readonly clientId?: string;
  /** Connection name -> binding kinds that use it (function.json, host.json). */
  readonly bindings?: ReadonlyMap<string, ReadonlySet<BindingKind>>;
}

export interface SettingChange {
  /** The setting that held the secret (removed). */
  readonly name: string;
  readonly service: ServiceId;
  /** Settings added, name -> value (no secret in them). */
  readonly added: ReadonlyArray<readonly [string, string]>;
  /** Settings that already existed and make the secret-bearing one unnecessary. */
  readonly existing: readonly string[];
  /** The findings this change removes (offsets into the input text). */
  readonly findings: readonly Finding[];
  readonly note?: string;
  /** Roles the app's identity needs for what the bindings do with this connection (catalog names). */
  readonly roles: readonly string[];
}

export interface SettingManual {
  readonly name: string;
  readonly finding: Finding;
  readonly reason: string;
}

export interface FunctionsSettingsPlan {
  readonly edits: readonly TextEdit[];
  readonly changes: readonly SettingChange[];
  readonly manual: readonly SettingManual[];
}

const KEY_VAULT_REF = "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)";

/** Binding `type` of function.json -> the kind of connection it needs. */
export function bindingKind(type: string): BindingKind {
  const t = type.toLowerCase();
  if (t === "blobtrigger") return "blobTrigger";
  if (t === "blob") return "blob";
  if (t.startsWith("queue")) return "queue";
  if (t === "table") return "table";
  if (t.startsWith("servicebus")) return "service-bus";
  if (t.startsWith("eventhub")) return "event-hubs";
  if (t.startsWith("cosmosdb")) return "cosmos-db";
  return "other";
}

/**
 * Connection names and kinds named by a function.json (`bindings[].connection`) or a host.json
 * (`connection` / `connectionStringName` properties at any depth, kind unknown).
 */
export function collectBindings(json: unknown, into: Map<string, Set<BindingKind>>): void {
  const add = (name: string, kind: BindingKind): void => {
    const set = into.get(name) ?? new Set<BindingKind>();
    set.add(kind);
    into.set(name, set);
  };
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const conn = typeof o["connection"] === "string" ? o["connection"] : typeof o["connectionStringName"] === "string" ? o["connectionStringName"] : undefined;
    if (conn) add(conn, typeof o["type"] === "string" ? bindingKind(o["type"]) : "other");
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  visit(json, 0);
}

/** Node.js v4 programming model: `app.storageQueue(...)`, `input.storageBlob(...)`, `output.serviceBusQueue(...)`. */
const CODE_BINDING = /\b(app|input|output|trigger)\.(storageBlob|storageQueue|table|serviceBusQueue|serviceBusTopic|eventHub|cosmosDB)\s*\(/g;

function codeKind(owner: string, method: string): BindingKind {
  switch (method) {
    case "storageBlob":
      return owner === "app" || owner === "trigger" ? "blobTrigger" : "blob";
    case "storageQueue":
      return "queue";
    case "table":
      return "table";
    case "eventHub":
      return "event-hubs";
    case "cosmosDB":
      return "cosmos-db";
    default:
      return "service-bus";
  }
}

/**
 * Connection names of the Node.js v4 programming model in a source file: the `connection: "Name"`
 * property of the options object that follows `app.storageQueue(`, `input.storageBlob(`... (within
 * 1000 characters, before the next binding call).
 */
export function collectCodeBindings(text: string, into: Map<string, Set<BindingKind>>): void {
  const calls = [...text.matchAll(CODE_BINDING)];
  calls.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = Math.min(text.length, from + 1000, calls[i + 1]?.index ?? Infinity);
    const conn = /\bconnection\s*:\s*["'`]([A-Za-z0-9_:.-]{1,128})["'`]/.exec(text.slice(from, to));
    if (!conn) return;
    const set = into.get(conn[1]!) ?? new Set<BindingKind>();
    set.add(codeKind(m[1]!, m[2]!));
    into.set(conn[1]!, set);
  });
}

const DEFAULT_SUFFIX = "core.windows.net";

/** The identity-based settings that replace one connection setting, or why there are none. */
function replacementFor(
  name: string,
  value: string,
  service: ServiceId,
  kinds: ReadonlySet<BindingKind> | undefined,
): { settings: Array<[string, string]>; note?: string } | { manual: string } {
  if (name.toUpperCase() === "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING") {
    return { manual: `the Functions content share cannot use Managed Identity on Consumption and Elastic Premium plans: use a Key Vault reference (${KEY_VAULT_REF}) in the app settings, or the Flex Consumption plan` };
  }
  const cs = parseConnectionString(value);
  if (cs.fields.length === 0) return { manual: "the setting is not a connection string, so there is no identity-based form to derive: move the value to Key Vault and use a Key Vault reference" };
  if (service === "storage") {
    const ep = storageEndpoints(cs);
    const defaultCloud = (ep.endpointSuffix ?? DEFAULT_SUFFIX).toLowerCase() === DEFAULT_SUFFIX && !cs.has("BlobEndpoint") && !cs.has("QueueEndpoint") && !cs.has("TableEndpoint");
    if (name === "AzureWebJobsStorage") {
      if (defaultCloud && ep.accountName) return { settings: [[`${name}__accountName`, ep.accountName]] };
      if (ep.blob && ep.queue && ep.table) {
        return { settings: [[`${name}__blobServiceUri`, ep.blob], [`${name}__queueServiceUri`, ep.queue], [`${name}__tableServiceUri`, ep.table]] };
      }
      return { manual: "the connection string names no storage account to connect to" };
    }
    const k = kinds ?? new Set<BindingKind>();
    const out: Array<[string, string]> = [];
    const wantBlob = k.has("blob") || k.has("blobTrigger") || k.size === 0 || k.has("other");
    const wantQueue = k.has("queue") || k.has("blobTrigger") || k.size === 0 || k.has("other");
    const wantTable = k.has("table");
    if (wantBlob && ep.blob) out.push([`${name}__blobServiceUri`, ep.blob]);
    if (wantQueue && ep.queue) out.push([`${name}__queueServiceUri`, ep.queue]);
    if (wantTable && ep.table) out.push([`${name}__tableServiceUri`, ep.table]);
    if (out.length === 0) return { manual: "the connection string names no storage endpoint to connect to" };
    return { settings: out };
  }
  if (service === "service-bus" || service === "event-hubs") {
    const info = messagingInfo(cs);
    if (!info.fullyQualifiedNamespace) return { manual: "the connection string has no Endpoint=sb://<namespace>/ to connect to" };
    return {
      settings: [[`${name}__fullyQualifiedNamespace`, info.fullyQualifiedNamespace]],
      ...(info.entityPath
        ? { note: `the connection string named the entity ${info.entityPath}: the trigger or binding must name it (queueName/topicName/eventHubName)` }
        : {}),
    };
  }
  if (service === "cosmos-db") {
    const endpoint = cs.value("AccountEndpoint");
    if (!endpoint) return { manual: "the connection string has no AccountEndpoint" };
    return { settings: [[`${name}__accountEndpoint`, endpoint]] };
  }
  return { manual: "" };
}

const jsonString = (s: string): string => JSON.stringify(s);

/**
 * Roles for an identity-based connection (Functions docs, "Grant permission to the identity"):
 * host storage needs Blob Data Owner, Queue and Table Data Contributor; blob bindings Blob Data
 * Owner (a blob trigger also Queue Data Contributor, for its receipts); queue bindings Queue Data
 * Contributor; table bindings Table Data Contributor; Service Bus / Event Hubs triggers receive and
 * output bindings send.
 */
function rolesFor(name: string, service: ServiceId, kinds: ReadonlySet<BindingKind> | undefined): string[] {
  const k = kinds ?? new Set<BindingKind>();
  if (service === "storage") {
    if (name === "AzureWebJobsStorage") return ["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"];
    const known = k.has("blob") || k.has("blobTrigger") || k.has("queue") || k.has("table");
    const roles: string[] = [];
    if (k.has("blob") || k.has("blobTrigger")) roles.push("Storage Blob Data Owner");
    if (k.has("queue") || k.has("blobTrigger")) roles.push("Storage Queue Data Contributor");
    if (k.has("table")) roles.push("Storage Table Data Contributor");
    return known ? roles : ["Storage Blob Data Contributor", "Storage Queue Data Contributor"];
  }
  if (service === "service-bus") return ["Azure Service Bus Data Receiver", "Azure Service Bus Data Sender"];
  if (service === "event-hubs") return ["Azure Event Hubs Data Receiver", "Azure Event Hubs Data Sender"];
  if (service === "cosmos-db") return ["Cosmos DB Built-in Data Contributor"];
  return [];
}

/** Plan the identity-based rewrite of a local.settings.json text. */
export function planFunctionsSettings(input: FunctionsSettingsInput): FunctionsSettingsPlan | { readonly invalid: string } {
  const { text } = input;
  const root = parseJsonText(text);
  if (!root) return { invalid: "not valid JSON" };
  const values = member(root, "Values")?.value;
  const findings = input.findings.filter((f) => f.severity !== "info");
  const edits: TextEdit[] = [];
  const changes: SettingChange[] = [];
  const manual: SettingManual[] = [];
  const handled = new Set<Finding>();
  const useMi = input.credential === "managed-identity" || input.clientId !== undefined;
  const existingNames = new Set(values?.kind === "object" ? values.members.map((m) => m.key) : []);

  const members = values?.kind === "object" ? values.members : [];
  for (let idx = 0; idx < members.length; idx++) {
    const m = members[idx]!;
    const inside = findings.filter((f) => f.start >= m.valueStart && f.end <= m.valueEnd);
    if (inside.length === 0) continue;
    for (const f of inside) handled.add(f);
    if (m.value.kind !== "string") {
      for (const f of inside) manual.push({ name: m.key, finding: f, reason: "the value is not a string" });
      continue;
    }
    const services = new Set(inside.map((f) => f.service));
    const service = inside[0]!.service;
    if (services.size > 1) {
      for (const f of inside) manual.push({ name: m.key, finding: f, reason: "the value mixes credentials of several services" });
      continue;
    }
    const r = replacementFor(m.key, m.value.value, service, input.bindings?.get(m.key));
    if ("manual" in r) {
      for (const f of inside) manual.push({ name: m.key, finding: f, reason: r.manual });
      continue;
    }
    const settings: Array<[string, string]> = [...r.settings];
    if (useMi) {
      settings.push([`${m.key}__credential`, "managedidentity"]);
      if (input.clientId !== undefined) settings.push([`${m.key}__clientId`, input.clientId]);
    }
    const added = settings.filter(([k]) => !existingNames.has(k));
    const existing = settings.filter(([k]) => existingNames.has(k)).map(([k]) => k);
    for (const [k] of added) existingNames.add(k);
    edits.push(replaceMember(text, members, idx, added));
    changes.push({ name: m.key, service, added, existing, findings: inside, roles: rolesFor(m.key, service, input.bindings?.get(m.key)), ...(r.note ? { note: r.note } : {}) });
  }
  for (const f of findings) {
    if (handled.has(f)) continue;
    const where = values && f.start >= values.start && f.end <= values.end ? "Values" : "this part of local.settings.json";
    manual.push({ name: keyAround(root, f) ?? where, finding: f, reason: "only connection settings in Values have an identity-based form" });
  }
  return { edits, changes, manual };
}

/** The member (as written) becomes `added` members at the same place; removed with its comma when empty. */
function replaceMember(text: string, members: readonly JsonMember[], idx: number, added: ReadonlyArray<readonly [string, string]>): TextEdit {
  const m = members[idx]!;
  if (added.length > 0) {
    const indent = indentAt(text, m.keyStart);
    const eol = eolAt(text, m.keyStart);
    const sameLine = !/^[ \t]*$/.test(text.slice(text.lastIndexOf("\n", m.keyStart - 1) + 1, m.keyStart));
    const sep = sameLine ? ", " : `,${eol}${indent}`;
    return { range: [m.keyStart, m.valueEnd], text: added.map(([k, v]) => `${jsonString(k)}: ${jsonString(v)}`).join(sep) };
  }
  // Remove the member: from the end of the previous one (its comma stays as the separator of the
  // next), or up to the start of the next one when it is the first.
  if (idx > 0) return { range: [members[idx - 1]!.valueEnd, m.valueEnd], text: "" };
  const next = members[idx + 1];
  if (next) return { range: [m.keyStart, next.keyStart], text: "" };
  return { range: [m.keyStart, m.valueEnd], text: "" };
}

/** The key path of the member whose value contains the finding (for the report). */
function keyAround(root: ReturnType<typeof parseJsonText>, f: Finding): string | undefined {
  const path: string[] = [];
  let node = root;
  for (let depth = 0; node && depth < 16; depth++) {
    if (node.kind === "object") {
      const m = node.members.find((x) => f.start >= x.valueStart && f.end <= x.valueEnd);
      if (!m) break;
      path.push(m.key);
      node = m.value;
    } else if (node.kind === "array") {
      const i = node.items.findIndex((x) => f.start >= x.start && f.end <= x.end);
      if (i < 0) break;
      path.push(String(i));
      node = node.items[i];
    } else break;
  }
  return path.length > 0 ? path.join(".") : undefined;
}

/** Whether a file name is a Functions local settings file. */
export const isLocalSettings = (file: string): boolean => /(?:^|[\\/])local\.settings\.json$/i.test(file);
