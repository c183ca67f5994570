/**
 * Which Azure resource a fixed finding belongs to (the name in its connection string, or the
 * nearest service host name in the text), and which Storage data roles the rewritten code needs:
 * the inputs of the role-assignment commands (assignments.ts).
 */
import type { ServiceId } from "../../../core/types.js";

/** A resource name from the fields of a finding (account, namespace or host), if any. */
export function resourceNameOf(fields: Readonly<Record<string, string>>): string | undefined {
  const get = (k: string): string | undefined => {
    const hit = Object.keys(fields).find((x) => x.toLowerCase() === k.toLowerCase());
    return hit ? fields[hit] : undefined;
  };
  const account = get("AccountName");
  if (account) return account;
  for (const k of ["fullyQualifiedNamespace", "namespace", "host", "HostName", "Endpoint", "AccountEndpoint", "server", "Server", "url"]) {
    const v = get(k);
    if (!v) continue;
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([A-Za-z0-9-]{1,63})\./i.exec(v.trim());
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}

/** Host patterns whose first capture is the resource name, per service. */
const HOSTS: Partial<Record<ServiceId, RegExp>> = {
  storage: /\b([a-z0-9]{3,24})\.(?:blob|queue|table|file|dfs)\.core\.windows\.net/gi,
  "service-bus": /\b([a-z0-9-]{6,50})\.servicebus\.windows\.net/gi,
  "event-hubs": /\b([a-z0-9-]{6,50})\.servicebus\.windows\.net/gi,
  "cosmos-db": /\b([a-z0-9-]{3,44})\.documents\.azure\.com/gi,
  "event-grid": /\b([a-z0-9-]{3,50})\.[a-z0-9-]{1,30}\.eventgrid\.azure\.net/gi,
  search: /\b([a-z0-9-]{2,60})\.search\.windows\.net/gi,
  "ai-services": /\b([a-z0-9-]{2,64})\.(?:openai|cognitiveservices)\.azure\.com/gi,
  "app-configuration": /\b([a-z0-9-]{5,50})\.azconfig\.io/gi,
  "key-vault": /\b([a-z0-9-]{3,24})\.vault\.azure\.net/gi,
  "web-pubsub": /\b([a-z0-9-]{3,63})\.webpubsub\.azure\.com/gi,
  signalr: /\b([a-z0-9-]{3,63})\.service\.signalr\.net/gi,
  "communication-services": /\b([a-z0-9-]{1,63})\.communication\.azure\.com/gi,
  sql: /\b([a-z0-9-]{1,63})\.database\.windows\.net/gi,
  postgresql: /\b([a-z0-9-]{3,63})\.postgres\.database\.azure\.com/gi,
  mysql: /\b([a-z0-9-]{3,63})\.mysql\.database\.azure\.com/gi,
  redis: /\b([a-z0-9-]{1,63})\.redis\.cache\.windows\.net/gi,
  "iot-hub": /\b([a-z0-9-]{3,50})\.azure-devices\.net/gi,
  "container-registry": /\b([a-z0-9]{5,50})\.azurecr\.io/gi,
};

/**
 * The resource a finding's secret belongs to, from the nearest service host name in the text
 * around it (the endpoint the rewritten client uses), when the finding's fields do not say.
 */
export function resourceNameNear(text: string, service: ServiceId, start: number, end: number, span = 600): string | undefined {
  const re = HOSTS[service];
  if (!re) return undefined;
  const from = Math.max(0, start - span);
  const window = text.slice(from, Math.min(text.length, end + span));
  let best: { name: string; distance: number } | undefined;
  for (const m of window.matchAll(new RegExp(re.source, re.flags))) {
    const at = from + (m.index ?? 0);
    const distance = at < start ? start - at : at - end;
    if (!best || distance < best.distance) best = { name: m[1]!.toLowerCase(), distance };
  }
  return best?.name;
}

/** Storage data roles for the endpoints of `account` the rewritten code connects to (blob, queue, table, file, dfs). */
export function storageRolesInText(text: string, account: string): string[] {
  const roles = new Set<string>();
  const re = new RegExp(`\\b${account.replace(/[^a-z0-9]/gi, "")}\\.(blob|queue|table|file|dfs)\\.`, "gi");
  for (const m of text.matchAll(re)) {
    const kind = m[1]!.toLowerCase();
    roles.add(
      kind === "queue" ? "Storage Queue Data Contributor" : kind === "table" ? "Storage Table Data Contributor" : kind === "file" ? "Storage File Data Privileged Contributor" : "Storage Blob Data Contributor",
    );
  }
  return [...roles];
}
