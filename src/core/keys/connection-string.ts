/**
 * The `key=value;key=value` grammars of Azure connection strings (Storage, Service Bus / Event Hubs /
 * Relay / Notification Hubs, Cosmos DB, App Configuration, SignalR, Web PubSub, Communication
 * Services, IoT Hub, SQL ADO.NET, ...) and the `a=b&c=d` grammar of SAS query strings, parsed into
 * fields that keep their offsets, so a detector can point at the secret value and a fix recipe can
 * replace the whole literal.
 *
 * Every function here is total: any input (including empty, huge or binary-looking text) yields a
 * result, never an exception. Work is linear in the span parsed; spans found in a larger text are
 * capped at MAX_CONNECTION_STRING characters.
 */
import type { ServiceId } from "../types.js";

/** Longest connection string we look at when finding one inside a larger text. */
export const MAX_CONNECTION_STRING = 4096;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One `key=value` field. Offsets are absolute offsets into the text that was parsed. */
export interface ConnectionStringField {
  /** The key as written, surrounding whitespace trimmed (e.g. "AccountKey", "User ID"). */
  readonly key: string;
  /** The value as written, surrounding whitespace trimmed (may contain `=`). */
  readonly value: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Offset of the first character of the value (where a finding for a secret value starts). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface ConnectionString extends Span {
  /** Fields in source order; segments without `=` are skipped. */
  readonly fields: readonly ConnectionStringField[];
  /** First field whose key equals `key`, ignoring case and inner/outer whitespace differences. */
  get(key: string): ConnectionStringField | undefined;
  /** Value of the first field named `key` (case-insensitive), or undefined. */
  value(key: string): string | undefined;
  has(key: string): boolean;
}

const normKey = (key: string): string => key.replace(/\s+/g, " ").trim().toLowerCase();

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

function makeConnectionString(start: number, end: number, fields: ConnectionStringField[]): ConnectionString {
  const index = new Map<string, ConnectionStringField>();
  for (const f of fields) {
    const k = normKey(f.key);
    if (!index.has(k)) index.set(k, f);
  }
  return {
    start,
    end,
    fields,
    get: (key) => index.get(normKey(key)),
    value: (key) => index.get(normKey(key))?.value,
    has: (key) => index.has(normKey(key)),
  };
}

/**
 * Parse `text[start, end)` as `key=value;key=value;...`. Segments are split on `;`, the key ends at
 * the first `=`, the value keeps any further `=` (base64 padding, SAS query strings). Whitespace
 * around keys and values is trimmed; empty segments and segments without `=` are skipped.
 */
export function parseConnectionString(text: string, start = 0, end = text.length): ConnectionString {
  const from = clamp(start, 0, text.length);
  const to = clamp(end, from, text.length);
  const fields: ConnectionStringField[] = [];
  let seg = from;
  while (seg <= to) {
    // Bounded scans: indexOf would search past the segment to the end of the text (quadratic).
    let semi = seg;
    while (semi < to && text.charCodeAt(semi) !== 59 /* ; */) semi++;
    let eq = seg;
    while (eq < semi && text.charCodeAt(eq) !== 61 /* = */) eq++;
    if (eq < semi) {
      let ks = seg;
      let ke = eq;
      while (ks < ke && isSpace(text.charCodeAt(ks))) ks++;
      while (ke > ks && isSpace(text.charCodeAt(ke - 1))) ke--;
      let vs = eq + 1;
      let ve = semi;
      while (vs < ve && isSpace(text.charCodeAt(vs))) vs++;
      while (ve > vs && isSpace(text.charCodeAt(ve - 1))) ve--;
      if (ke > ks) {
        fields.push({
          key: text.slice(ks, ke),
          value: text.slice(vs, ve),
          keyStart: ks,
          keyEnd: ke,
          valueStart: vs,
          valueEnd: ve,
        });
      }
    }
    seg = semi + 1;
  }
  return makeConnectionString(from, to, fields);
}

function clamp(n: number, lo: number, hi: number): number {
  if (!Number.isFinite(n)) return n > 0 ? hi : lo;
  const i = Math.trunc(n);
  return i < lo ? lo : i > hi ? hi : i;
}

/**
 * Keys that may begin a connection string. When a connection string sits right after an assignment
 * (`AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;...`, `conn: AccountName=...`),
 * the literal starts at the last of these keys before the first `;`.
 */
export const CONNECTION_STRING_KEYS: readonly string[] = [
  "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix", "BlobEndpoint", "QueueEndpoint",
  "FileEndpoint", "TableEndpoint", "SharedAccessSignature", "UseDevelopmentStorage", "DevelopmentStorageProxyUri",
  "AccountEndpoint", "Endpoint", "SharedAccessKeyName", "SharedAccessKey", "EntityPath", "UseDevelopmentEmulator",
  "HostName", "DeviceId", "ModuleId", "GatewayHostName", "Id", "Secret", "AccessKey", "Version", "Port",
  "ClientEndpoint", "AuthType", "InstrumentationKey", "IngestionEndpoint", "Server", "Data Source",
  "Initial Catalog", "Database", "User ID", "UID", "Password", "PWD", "Authentication", "Host", "Username",
];
const STARTER = new Set(CONNECTION_STRING_KEYS.map((k) => k.toLowerCase()));

/** Characters that end a connection string literal in surrounding text. */
const isStop = (c: number): boolean =>
  c === 34 /* " */ || c === 39 /* ' */ || c === 96 /* ` */ || c === 10 || c === 13 || c === 60 /* < */ ||
  c === 62 /* > */ || c === 92 /* \ */ || c === 0;

/**
 * Find the connection string literal around offset `at` (typically a keyword such as `AccountKey=`
 * found by the prefilter) inside `[from, to)` and parse it. The literal ends at a quote, backtick,
 * line break, `<`, `>` or backslash, and at whitespace outside a key or a `SharedAccessSignature`
 * value. At most MAX_CONNECTION_STRING characters are examined on either side. A value containing
 * spaces (a SQL password) therefore ends at its first space: when the literal's bounds are known
 * (a string literal, an XML attribute), parse exactly that span with parseConnectionString instead.
 */
export function findConnectionString(text: string, at: number, from = 0, to = text.length): ConnectionString {
  const lo = Math.max(clamp(from, 0, text.length), clamp(at, 0, text.length) - MAX_CONNECTION_STRING);
  const hi = Math.min(clamp(to, 0, text.length), clamp(at, 0, text.length) + MAX_CONNECTION_STRING);
  const pos = clamp(at, lo, hi);

  // Left edge: back to a stop character.
  let start = pos;
  while (start > lo && !isStop(text.charCodeAt(start - 1))) start--;
  // Right edge: forward to a stop character or a whitespace that is not inside a key or a SAS.
  let end = pos;
  let segStart = start;
  let segHasEq = false;
  for (let i = start; i < pos; i++) {
    const c = text.charCodeAt(i);
    if (c === 59) {
      segStart = i + 1;
      segHasEq = false;
    } else if (c === 61) segHasEq = true;
  }
  while (end < hi) {
    const c = text.charCodeAt(end);
    if (isStop(c)) break;
    if (c === 59) {
      segStart = end + 1;
      segHasEq = false;
    } else if (c === 61) segHasEq = true;
    else if (isSpace(c) && segHasEq && !inSasValue(text, segStart, end)) break;
    end++;
  }
  start = trimLeadingAssignment(text, start, Math.max(start, Math.min(pos, end)));
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 44 /* , */)) end--;
  return parseConnectionString(text, start, end);
}

/** True when the segment at `segStart` is `SharedAccessSignature=SharedAccessSignature sr=...`. */
function inSasValue(text: string, segStart: number, at: number): boolean {
  if (at - segStart > 64) return false;
  const seg = text.slice(segStart, at).trim().toLowerCase().replace(/\s*=\s*/, "=");
  return seg === "sharedaccesssignature=sharedaccesssignature";
}

/**
 * `X=Key=value;...` or `name: Key=value;...`: move the start to the connection-string key. Looks at
 * the first segment only (up to the first `;` at or before `limit`).
 */
function trimLeadingAssignment(text: string, start: number, limit: number): number {
  let semi = start;
  while (semi < limit && text.charCodeAt(semi) !== 59 /* ; */) semi++;
  semi = Math.max(semi, start);
  const first = text.slice(start, semi);
  // Candidate key starts: after whitespace, `=`, `:`, `(`, `,`, `[`, `{` or at the very start.
  let best = -1;
  const re = /(?:^|[\s=:(,[{])([A-Za-z][A-Za-z ]{0,30}?)\s*=/g;
  for (let m = re.exec(first); m !== null; m = re.exec(first)) {
    const key = m[1]!;
    const keyAt = m.index + m[0].indexOf(key);
    if (STARTER.has(normKey(key))) {
      best = keyAt;
      break;
    }
    // Continue right after the key's first character so that later keys are tried too.
    re.lastIndex = keyAt + 1;
  }
  if (best > 0) return start + best;
  if (best === 0) return start;
  // Unknown first key: strip a leading `name: ` or `export NAME=` only when what follows has its own
  // `key=`, i.e. the first segment holds two `=` before its value.
  const m = /^\s*(?:export\s+|set\s+|\$env:)?[A-Za-z_][\w.-]{0,80}\s*[:=]\s*(?=[A-Za-z][\w ]{0,40}=)/.exec(first);
  return m ? start + m[0].length : start;
}

// ---------------------------------------------------------------------------------------------
// Services from hosts

/** Host suffix -> service (most specific first). */
const HOST_SUFFIXES: ReadonlyArray<readonly [string, ServiceId]> = [
  [".table.cosmos.azure.com", "cosmos-db"],
  [".table.cosmosdb.azure.com", "cosmos-db"],
  [".documents.azure.com", "cosmos-db"],
  [".documents.azure.us", "cosmos-db"],
  [".documents.azure.cn", "cosmos-db"],
  [".cosmos.azure.com", "cosmos-db"],
  [".mongo.cosmos.azure.com", "cosmos-db"],
  [".redis.cache.windows.net", "redis"],
  [".redis.azure.net", "redis"],
  [".postgres.database.azure.com", "postgresql"],
  [".mysql.database.azure.com", "mysql"],
  [".database.windows.net", "sql"],
  [".database.usgovcloudapi.net", "sql"],
  [".database.chinacloudapi.cn", "sql"],
  [".servicebus.windows.net", "service-bus"],
  [".servicebus.usgovcloudapi.net", "service-bus"],
  [".servicebus.chinacloudapi.cn", "service-bus"],
  [".vault.azure.net", "key-vault"],
  [".azconfig.io", "app-configuration"],
  [".service.signalr.net", "signalr"],
  [".webpubsub.azure.com", "web-pubsub"],
  [".communication.azure.com", "communication-services"],
  [".azure-devices.net", "iot-hub"],
  [".azure-devices-provisioning.net", "iot-hub"],
  [".applicationinsights.azure.com", "application-insights"],
  [".azurecr.io", "container-registry"],
  [".search.windows.net", "search"],
  [".openai.azure.com", "ai-services"],
  [".cognitiveservices.azure.com", "ai-services"],
  [".services.ai.azure.com", "ai-services"],
  [".eventgrid.azure.net", "event-grid"],
  [".azurewebsites.net", "functions"],
  [".batch.azure.com", "batch"],
  [".azure-api.net", "api-management"],
  [".azuredatabricks.net", "databricks"],
  [".atlas.microsoft.com", "maps"],
  [".core.windows.net", "storage"],
  [".core.usgovcloudapi.net", "storage"],
  [".core.chinacloudapi.cn", "storage"],
  [".core.cloudapi.de", "storage"],
];

/** The host of a URL-ish value (`sb://ns.servicebus.windows.net/`, `https://x:443/`, `x.host`). */
export function hostOf(value: string): string | undefined {
  let v = value.trim();
  const scheme = v.indexOf("://");
  if (scheme >= 0 && scheme < 16) v = v.slice(scheme + 3);
  else if (v.toLowerCase().startsWith("tcp:")) v = v.slice(4);
  const m = /^(?:[^@/\s]{0,256}@)?([A-Za-z0-9.-]{1,253})/.exec(v);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase().replace(/\.+$/, "");
  return host.length > 0 && validHost(host) ? host : undefined;
}

/** A host name that URL parsers accept as it is (not `1.2.3.4.5`, not `0` read as 0.0.0.0). */
function validHost(host: string): boolean {
  try {
    return new URL(`https://${host}/`).hostname === host;
  } catch {
    return false;
  }
}

/**
 * `url` when it is an http(s) URL that URL parsers accept and that holds nothing that could break
 * out of a string literal in generated code (quotes, backslashes, whitespace, control characters).
 */
function validHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined || /["'`\\\s\u0000-\u001f]/.test(url)) return undefined;
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The Azure service a host name belongs to (`x.blob.core.windows.net` -> storage), if known. */
export function serviceFromHost(host: string): ServiceId | undefined {
  const h = `.${host.toLowerCase()}`;
  for (const [suffix, service] of HOST_SUFFIXES) if (h.endsWith(suffix)) return service;
  return undefined;
}

/** Storage endpoint suffixes of the sovereign clouds (EndpointSuffix values). */
const STORAGE_SUFFIXES = ["core.windows.net", "core.usgovcloudapi.net", "core.chinacloudapi.cn", "core.cloudapi.de"];

/** Keys whose value is an endpoint URL or host, in the order we trust them to name the service. */
const ENDPOINT_KEYS = [
  "AccountEndpoint", "Endpoint", "HostName", "Server", "Data Source", "BlobEndpoint", "QueueEndpoint",
  "TableEndpoint", "FileEndpoint", "IngestionEndpoint",
];

/**
 * The service a connection string belongs to: from its endpoint hosts first, then from its field
 * names (AccountName/AccountKey without endpoint -> storage, SharedAccessKeyName -> service-bus, ...).
 */
export function connectionStringService(cs: ConnectionString): ServiceId | undefined {
  for (const key of ENDPOINT_KEYS) {
    const v = cs.value(key);
    if (v === undefined) continue;
    const host = hostOf(v);
    const s = host ? serviceFromHost(host) : undefined;
    if (s) return s;
  }
  const suffix = cs.value("EndpointSuffix")?.toLowerCase();
  if (suffix && STORAGE_SUFFIXES.includes(suffix)) return "storage";
  if (cs.has("AccountEndpoint")) return "cosmos-db";
  if (cs.has("DefaultEndpointsProtocol") || (cs.has("AccountName") && cs.has("AccountKey"))) return "storage";
  if (cs.has("UseDevelopmentStorage")) return "storage";
  if (cs.has("InstrumentationKey")) return "application-insights";
  if (cs.has("HostName") && (cs.has("DeviceId") || cs.has("SharedAccessKeyName"))) return "iot-hub";
  if (cs.has("SharedAccessKeyName") || cs.has("EntityPath")) return "service-bus";
  if (cs.has("Endpoint") && cs.has("Id") && cs.has("Secret")) return "app-configuration";
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Storage

export interface StorageEndpoints {
  readonly accountName?: string;
  readonly protocol: string;
  readonly endpointSuffix?: string;
  readonly blob?: string;
  readonly queue?: string;
  readonly file?: string;
  readonly table?: string;
  readonly dfs?: string;
}

/** An endpoint without its query (a SAS pasted into an endpoint stays out of fields) and trailing `/`. */
const stripSlash = (url: string): string => url.replace(/[?#].*$/s, "").replace(/\/+$/, "");

/**
 * Storage endpoints: an explicit `<Service>Endpoint` wins; otherwise
 * `<protocol>://<AccountName>.<service>.<EndpointSuffix>` (EndpointSuffix defaults to
 * core.windows.net, as in the .NET SDK). The Data Lake (dfs) endpoint is derived from the blob one.
 * The account name comes from AccountName, else from the first host label of an explicit endpoint.
 */
export function storageEndpoints(cs: ConnectionString): StorageEndpoints {
  // Only values that make valid URLs: a hostile or broken connection string must not put junk into
  // the endpoints that fixes write into code.
  const protocol = (cs.value("DefaultEndpointsProtocol") || "https").toLowerCase() === "http" ? "http" : "https";
  const rawSuffix = cs.value("EndpointSuffix") || undefined;
  const suffix = rawSuffix && /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,10}$/.test(rawSuffix) ? rawSuffix : undefined;
  let account = cs.value("AccountName") || undefined;
  const explicit = (key: string): string | undefined => {
    const v = cs.value(key);
    return v ? validHttpUrl(stripSlash(v)) : undefined;
  };
  const derive = (svc: string): string | undefined =>
    account && /^[A-Za-z0-9-]{1,63}$/.test(account) && (rawSuffix === undefined || suffix !== undefined) ? validHttpUrl(`${protocol}://${account}.${svc}.${suffix ?? "core.windows.net"}`) : undefined;
  if (!account) {
    for (const key of ["BlobEndpoint", "QueueEndpoint", "FileEndpoint", "TableEndpoint"]) {
      const v = cs.value(key);
      const host = v ? hostOf(v) : undefined;
      if (!host) continue;
      // Emulator-style URLs carry the account in the path: http://127.0.0.1:10000/devstoreaccount1
      const path = /^[a-z]+:\/\/[^/]+\/([a-z0-9]{3,24})(?:[/?]|$)/i.exec(v!.trim());
      if (/^(?:\d{1,3}(?:\.\d{1,3}){3}|localhost)$/.test(host) && path) account = path[1];
      else if (host.includes(".")) account = host.slice(0, host.indexOf("."));
      if (account) break;
    }
  }
  const blob = explicit("BlobEndpoint") ?? derive("blob");
  const dfs = blob && /\.blob\./i.test(blob) ? blob.replace(/\.blob\./i, ".dfs.") : derive("dfs");
  const out: { -readonly [K in keyof StorageEndpoints]: StorageEndpoints[K] } = { protocol };
  if (account) out.accountName = account;
  if (suffix) out.endpointSuffix = suffix;
  if (blob) out.blob = blob;
  const queue = explicit("QueueEndpoint") ?? derive("queue");
  if (queue) out.queue = queue;
  const file = explicit("FileEndpoint") ?? derive("file");
  if (file) out.file = file;
  const table = explicit("TableEndpoint") ?? derive("table");
  if (table) out.table = table;
  if (dfs) out.dfs = dfs;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Service Bus / Event Hubs / Relay / Notification Hubs

export interface MessagingInfo {
  /** `ns.servicebus.windows.net` from `Endpoint=sb://ns.servicebus.windows.net/`. */
  readonly fullyQualifiedNamespace?: string;
  readonly endpoint?: string;
  readonly entityPath?: string;
  readonly sharedAccessKeyName?: string;
}

export function messagingInfo(cs: ConnectionString): MessagingInfo {
  const out: { -readonly [K in keyof MessagingInfo]: MessagingInfo[K] } = {};
  const endpoint = cs.value("Endpoint");
  if (endpoint) {
    out.endpoint = endpoint;
    const m = /^[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/([^/;?#\s]{1,253})/.exec(endpoint);
    const host = m ? m[1]! : hostOf(endpoint);
    if (host) out.fullyQualifiedNamespace = host.toLowerCase();
  }
  const entity = cs.value("EntityPath");
  if (entity) out.entityPath = entity;
  const rule = cs.value("SharedAccessKeyName");
  if (rule) out.sharedAccessKeyName = rule;
  return out;
}

// ---------------------------------------------------------------------------------------------
// SAS query strings

export interface SasParam {
  /** Parameter name as written (`sig`, `sv`, ...). */
  readonly name: string;
  /** Raw (still percent-encoded) value. */
  readonly value: string;
  readonly nameStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface SasQuery extends Span {
  readonly params: readonly SasParam[];
  /** First parameter with this name (case-insensitive). */
  get(name: string): SasParam | undefined;
  value(name: string): string | undefined;
  has(name: string): boolean;
}

/** Characters that end a query string inside surrounding text. */
const isQueryStop = (c: number): boolean =>
  isStop(c) || isSpace(c) || c === 59 /* ; */ || c === 35 /* # */ || c === 44 /* , */ || c === 41 /* ) */ ||
  c === 93 /* ] */ || c === 125 /* } */;

/**
 * Parse `text[start, end)` as a query string: `[?]name=value&name=value...`. A leading `?` or the
 * `SharedAccessSignature ` prefix of messaging SAS tokens is skipped. Parsing stops at the end or at
 * a character that cannot be part of a query string (whitespace, quote, `;`, `#`, ...); the returned
 * `end` says where.
 */
export function parseSasQuery(text: string, start = 0, end = text.length): SasQuery {
  const from = clamp(start, 0, text.length);
  const to = clamp(end, from, text.length);
  let i = from;
  if (text.startsWith("SharedAccessSignature ", i) || text.slice(i, i + 22).toLowerCase() === "sharedaccesssignature ") i += 22;
  if (text.charCodeAt(i) === 63 /* ? */) i++;
  const params: SasParam[] = [];
  let stop = i;
  while (stop < to) {
    const c = text.charCodeAt(stop);
    if (isQueryStop(c) && !(c === 59 && stop >= 4 && text.startsWith("&amp", stop - 4)) && !(c === 92 && text.startsWith("\\u0026", stop))) break;
    stop++;
  }
  let seg = i;
  while (seg < stop) {
    // Bounded scans (not indexOf, which would search past `stop` to the end of the text: quadratic
    // over many segments or many calls).
    let amp = seg;
    while (amp < stop && text.charCodeAt(amp) !== 38 /* & */ && !(text.charCodeAt(amp) === 92 && text.startsWith("\\u0026", amp))) amp++;
    // `&amp;` in XML/HTML attributes and `\u0026` in JSON strings separate parameters too.
    let next = amp + 1;
    if (text.charCodeAt(amp) === 92) next = amp + 6;
    else if (text.startsWith("amp;", amp + 1)) next = amp + 5;
    let eq = seg;
    while (eq < amp && text.charCodeAt(eq) !== 61 /* = */) eq++;
    if (eq > seg && eq < amp) {
      params.push({ name: text.slice(seg, eq), value: text.slice(eq + 1, amp), nameStart: seg, valueStart: eq + 1, valueEnd: amp });
    }
    seg = next;
  }
  const index = new Map<string, SasParam>();
  for (const p of params) {
    const k = p.name.toLowerCase();
    if (!index.has(k)) index.set(k, p);
  }
  return {
    start: from,
    end: stop,
    params,
    get: (name) => index.get(name.toLowerCase()),
    value: (name) => index.get(name.toLowerCase())?.value,
    has: (name) => index.has(name.toLowerCase()),
  };
}

/** Percent-decode, returning the input unchanged when it is not valid percent-encoding. */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type SasKind = "storage-account" | "storage-service" | "storage-user-delegation" | "messaging" | "unknown";

/**
 * What kind of SAS a parsed query string is. Storage SAS: `sig` plus `sv` and at least one of
 * `se`/`sp`; account SAS has `ss`+`srt`; user-delegation SAS has `skoid`. Messaging SAS (Service
 * Bus, Event Hubs, Relay, Notification Hubs, IoT Hub): `sr`, `sig`, `se` and usually `skn`.
 */
export function sasKind(q: SasQuery): SasKind {
  if (!q.has("sig")) return "unknown";
  if (q.has("sv") && (q.has("se") || q.has("sp") || q.has("si"))) {
    if (q.has("skoid")) return "storage-user-delegation";
    if (q.has("ss") && q.has("srt")) return "storage-account";
    return "storage-service";
  }
  if (q.has("sr") && q.has("se") && !q.has("sv")) return "messaging";
  return "unknown";
}

/** The decoded HMAC-SHA256 signature length check: `sig` decodes to 32 bytes of base64. */
export function sasSignatureLooksReal(sig: string): boolean {
  const decoded = percentDecode(sig);
  return /^[A-Za-z0-9+/]{43}=$/.test(decoded) || /^[A-Za-z0-9+/]{43}$/.test(decoded);
}
