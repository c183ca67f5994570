/**
 * Shared finder for the Service Bus family (Service Bus, Event Hubs, Relay, Notification Hubs):
 * they share one connection-string grammar (`Endpoint=sb://ns.servicebus.windows.net/;
 * SharedAccessKeyName=...;SharedAccessKey=...[;EntityPath=...]`), one key shape (32 bytes of base64)
 * and one SAS token format, so one finder parses a window once and decides the service per key:
 *
 * 1. the SAS rule name (`DefaultFullSharedAccessSignature` / `DefaultListenSharedAccessSignature`
 *    are Notification Hubs' default rules);
 * 2. the identifiable signature (`+ASb` Service Bus, `+AEh` Event Hubs, `+ARm` Relay);
 * 3. a service word in the name the credential is assigned to (same line, before it), else the
 *    nearest service word around it (SDK client names, variable names, the namespace name, Kafka);
 * 4. `EntityPath` (hub-level connection strings are the common Event Hubs form);
 * 5. otherwise Service Bus.
 *
 * The per-service detectors (service-bus-key, event-hubs-key, relay-key, notification-hubs-key) call
 * `findMessagingKeys` with the same windows; results are cached per window (see below).
 * messaging-sas-token uses `classifyMessaging` for signed SAS tokens of the family.
 */
import { findConnectionString, hostOf, messagingInfo, serviceFromHost, type ConnectionString } from "../keys/connection-string.js";
import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { ASSIGN_TAIL, BASE64_32_BYTES, base64KeysIn, identifiableAt, identifierAround, matchesIn, prefixBefore, sticky } from "../keys/key-shapes.js";
import type { Candidate, Detector, DetectorInput, ServiceId } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import { isLocalHost } from "../keys/well-known.js";

export type MessagingService = Extract<ServiceId, "service-bus" | "event-hubs" | "relay" | "notification-hubs">;

export interface MessagingCandidate extends Candidate {
  service: MessagingService;
}

/** Identifiable signatures of the family and the seeds their checksums use. */
export const MESSAGING_SIGNATURES: Readonly<Record<string, MessagingService>> = {
  "+ASb": "service-bus",
  "+AEh": "event-hubs",
  "+ARm": "relay",
};
export const MESSAGING_SEEDS = ["Send0000", "Listen00", "Manage00", "System00", "Unknown0"] as const;

/** Keywords shared by the four key detectors (identical, so their windows are identical). */
export const MESSAGING_KEYWORDS = ["sharedaccesskey", "azurenamedkeycredential", "+asb", "+aeh", "+arm", "sas_key", "saskey", "sas-key"] as const;
export const MESSAGING_WINDOW = { before: 600, after: 600 } as const;

const NH_RULES = /^default(?:full|listen)sharedaccesssignature$/i;
const CONTEXT: ReadonlyArray<readonly [MessagingService, RegExp]> = [
  ["notification-hubs", /notification[\s_-]?hubs?|\bnhub|\bnh[_-]/g],
  ["relay", /\brelay|hybrid[\s_-]?connection/g],
  // Kafka clients (`$ConnectionString` as SASL user, port 9093) talk to Event Hubs, never to Service Bus.
  ["event-hubs", /event[\s_-]?hubs?|eventprocessor|\beh[_-]|kafka|\$connectionstring|:9093/g],
  ["service-bus", /service[\s_-]?bus|\bsb[_-]|\bqueue|\btopic/g],
];
const CONTEXT_SPAN = 400;

/** Classify a key of the family. `at`/`end` bound the credential (connection string or key). */
export function classifyMessaging(
  text: string,
  at: number,
  end: number,
  opts: { key?: string; rule?: string; entityPath?: string },
): { service: MessagingService; reason: string } {
  if (opts.rule && NH_RULES.test(opts.rule)) return { service: "notification-hubs", reason: "rule-name" };
  if (opts.key) {
    const sig = identifiableAt(opts.key, Object.keys(MESSAGING_SIGNATURES), MESSAGING_SEEDS);
    if (sig !== undefined) {
      const service = MESSAGING_SIGNATURES[opts.key.slice(33, 37)];
      if (service) return { service, reason: "signature" };
    }
  }
  // The name the credential is assigned to (same line, before it) speaks first: the last service
  // word there wins. Then the nearest service word around it.
  const line = prefixBefore(text, at).replace(/\.servicebus\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)/g, ".x");
  let named: { service: MessagingService; index: number } | undefined;
  for (const [service, re] of CONTEXT) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      if (!named || m.index > named.index) named = { service, index: m.index };
    }
  }
  if (named) return { service: named.service, reason: "context" };
  const lo = Math.max(0, at - CONTEXT_SPAN);
  const hi = Math.min(text.length, end + CONTEXT_SPAN);
  // The host suffix says "Service Bus" for the whole family: remove it before looking for words.
  const around = text
    .slice(lo, hi)
    .toLowerCase()
    .replace(/\.servicebus\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)/g, ".x")
    .replace(/sb:\/\//g, "x://");
  const mid = (at + end) / 2 - lo;
  let best: { service: MessagingService; distance: number } | undefined;
  for (const [service, re] of CONTEXT) {
    re.lastIndex = 0;
    for (let m = re.exec(around); m !== null; m = re.exec(around)) {
      const d = Math.abs(m.index - mid);
      if (!best || d < best.distance) best = { service, distance: d };
    }
  }
  if (best) return { service: best.service, reason: "context" };
  if (opts.entityPath) return { service: "event-hubs", reason: "entity-path" };
  return { service: "service-bus", reason: "default" };
}

const REASONS: Record<string, string> = {
  "rule-name": "the SAS rule name",
  signature: "the key's identifiable signature",
  context: "the code around it",
  "entity-path": "its EntityPath (hub-level connection strings are the usual Event Hubs form; a Service Bus queue-level one looks the same)",
  default: "nothing more specific (Service Bus, Event Hubs, Relay and Notification Hubs share this format)",
};
export const reasonNote = (reason: string): string | undefined =>
  reason === "signature" || reason === "rule-name" ? undefined : `Service inferred from ${REASONS[reason] ?? reason}.`;

const KEY44 = sticky(BASE64_32_BYTES);
const ANCHOR = /sharedaccesskey\s{0,8}=/gi;
/** `new AzureNamedKeyCredential(rule, "...")`, legacy `TokenProvider.CreateSharedAccessSignatureTokenProvider(rule, "...")`. */
const NAMED_CALL = /(?:azurenamedkeycredential|sharedaccesssignaturetokenprovider|sharedaccesskeytokenprovider)\s*\(\s*(?:"([^"\n]{0,100})"|'([^'\n]{0,100})'|`([^`\n]{0,100})`|[\w.$]{1,100})\s*,\s*["'`]$/;
const KEY_NAME = new RegExp(String.raw`(?:sharedaccess|sas|servicebus|service_bus|eventhubs?|event_hubs?|relay|notificationhubs?)[a-z0-9_.-]{0,20}key[a-z0-9_]{0,10}` + ASSIGN_TAIL);
const OTHER = /iot|device|storage|account|cosmos|redis|signalr|pubsub|search|grid|aeg|apim|function/;

const isEmulator = (cs: ConnectionString): boolean =>
  /^true$/i.test(cs.value("UseDevelopmentEmulator") ?? "") || isLocalHost(hostOf(cs.value("Endpoint") ?? ""));

function connectionStringKeys(text: string, from: number, to: number, out: MessagingCandidate[]): void {
  ANCHOR.lastIndex = from;
  for (let m = ANCHOR.exec(text); m !== null && m.index < to; m = ANCHOR.exec(text)) {
    const cs = findConnectionString(text, m.index, Math.max(0, m.index - 1024), Math.min(text.length, m.index + 1024));
    // Every SharedAccessKey of this connection string is handled now; continue after it.
    ANCHOR.lastIndex = Math.max(m.index + 1, cs.end);
    for (const field of cs.fields) {
      if (field.key.toLowerCase() !== "sharedaccesskey") continue;
      // IoT Hub (HostName=..., DeviceId=...) has its own detector; so do other hosts.
      if (cs.has("HostName") || cs.has("DeviceId")) continue;
      const endpoint = cs.value("Endpoint");
      const host = endpoint ? hostOf(endpoint) : undefined;
      const hostService = host ? serviceFromHost(host) : undefined;
      if (hostService && hostService !== "service-bus") continue;
      if (!endpoint && !cs.has("SharedAccessKeyName")) continue;
      if (isEmulator(cs)) continue;
      KEY44.lastIndex = field.valueStart;
      const k = KEY44.exec(text);
      if (!k) continue;
      const key = k[0];
      const identifiable = identifiableAt(key, Object.keys(MESSAGING_SIGNATURES), MESSAGING_SEEDS) !== undefined;
      if (!identifiable && isPlaceholder(key)) continue;
      const info = messagingInfo(cs);
      const { service, reason } = classifyMessaging(text, cs.start, cs.end, {
        key,
        ...(info.sharedAccessKeyName ? { rule: info.sharedAccessKeyName } : {}),
        ...(info.entityPath ? { entityPath: info.entityPath } : {}),
      });
      const fields: Record<string, string> = { keyFormat: identifiable ? "identifiable" : "legacy", serviceFrom: reason };
      if (info.endpoint) fields.Endpoint = info.endpoint;
      if (info.fullyQualifiedNamespace) fields.fullyQualifiedNamespace = info.fullyQualifiedNamespace;
      if (info.entityPath) fields.EntityPath = info.entityPath;
      if (info.sharedAccessKeyName) fields.SharedAccessKeyName = info.sharedAccessKeyName;
      const note = reasonNote(reason);
      out.push({ start: k.index, end: k.index + key.length, service, fields, container: { start: cs.start, end: cs.end }, ...(note ? { note } : {}) });
    }
  }
}

function looseKeys(text: string, from: number, to: number, out: MessagingCandidate[]): void {
  const taken = new Set(out.map((c) => c.start));
  for (const m of base64KeysIn(text, from, to, 32)) {
    if (taken.has(m.start)) continue;
    const identifiable = identifiableAt(m.value, Object.keys(MESSAGING_SIGNATURES), MESSAGING_SEEDS) !== undefined;
    let rule: string | undefined;
    if (!identifiable) {
      if (isPlaceholder(m.value)) continue;
      const prefix = prefixBefore(text, m.start);
      // `SharedAccessKey=` inside a connection string is decided by connectionStringKeys alone.
      if (/sharedaccesskey\s*=\s*$/.test(prefix)) continue;
      const wide = text.slice(Math.max(0, m.start - 300), m.start);
      const call = NAMED_CALL.exec(wide.toLowerCase());
      if (call) {
        const raw = wide.slice(call.index, call.index + call[0].length);
        rule = /\(\s*["'`]([^"'`\n]{1,100})["'`]/.exec(raw)?.[1];
      } else {
        const named = KEY_NAME.exec(prefix);
        if (!named || OTHER.test(identifierAround(prefix, named.index, named[0].length))) continue;
      }
    }
    const { service, reason } = classifyMessaging(text, m.start, m.end, { key: m.value, ...(rule ? { rule } : {}) });
    const fields: Record<string, string> = { keyFormat: identifiable ? "identifiable" : "legacy", serviceFrom: reason };
    if (rule) fields.SharedAccessKeyName = rule;
    const note = reasonNote(reason);
    out.push({ start: m.start, end: m.end, service, fields, ...(note ? { note } : {}) });
  }
}

/**
 * The four per-service detectors search the same windows, so each window's result is cached. The
 * engine hands each detector its own view of the text (a prefix ending a little past the window),
 * so the key is the offsets plus the text the result depends on: everything the finder reads lies
 * within REGION characters of the window (connection strings up to 1024 each way, context 400).
 * Equal regions give equal results; comparing them costs no more than the search itself.
 */
const REGION = 1600;
const CACHE_LIMIT = 64;
const cache = new Map<string, { region: string; result: MessagingCandidate[] }>();

/** Every Service Bus-family key in the window, each with the service it belongs to. */
export function findMessagingKeys({ text, from, to }: DetectorInput): MessagingCandidate[] {
  const lo = Math.max(0, from - REGION);
  const hi = Math.min(text.length, to + REGION);
  const id = `${from}:${to}:${lo}:${hi}`;
  const region = text.slice(lo, hi);
  const hit = cache.get(id);
  if (hit && hit.region === region) return hit.result;
  const out: MessagingCandidate[] = [];
  connectionStringKeys(text, from, to, out);
  looseKeys(text, from, to, out);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(id, { region, result: out });
  return out;
}

/** Fakes for samples: a legacy key and an identifiable key of the service. */
export function messagingFakes(service: MessagingService, label: string): { legacy: string; identifiable?: string } {
  const legacy = fakeBase64(32, `${label}-legacy`);
  const sig = Object.entries(MESSAGING_SIGNATURES).find(([, s]) => s === service)?.[0];
  return sig ? { legacy, identifiable: fakeIdentifiable(32, sig, "Manage00", `${label}-id`) } : { legacy };
}

/** Build one of the four per-service key detectors over the shared finder. */
export function messagingKeyDetector(spec: {
  id: string;
  service: MessagingService;
  title: string;
  description: string;
  samples: Detector["samples"];
}): Detector {
  return {
    id: spec.id,
    service: spec.service,
    title: spec.title,
    description: spec.description,
    keywords: MESSAGING_KEYWORDS,
    window: MESSAGING_WINDOW,
    severity: "error",
    // Above proximity-based detectors (a key next to some other service's host): the evidence here
    // is the connection-string grammar, a verified checksum or an explicit SAS-key name.
    priority: 78,
    find: (input) => findMessagingKeys(input).filter((c) => c.service === spec.service),
    samples: spec.samples,
  };
}
