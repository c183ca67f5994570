import { fakeBase64 } from "../keys/fake.js";
import { callArgument, isReference, stringLiteralAt, valueAfterKey, type ValueSpan } from "../text/literal-context.js";
import { isBase64OfLength, isPlaceholder } from "../keys/validators.js";
import type { Candidate, Detector } from "../types.js";

const HOSTS = [".eventgrid.azure.net", ".eventgrid.azure.us", ".eventgrid.azure.cn"];
const NEAR = 600;
/** Longest setting name read back from a `key` suffix (`EVENTGRID_TOPIC_KEY`, `topicKey`, `"AccessKey"`). */
const MAX_NAME = 64;
const isNameChar = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

const isTopicKey = (v: string): boolean => v.length === 44 && isBase64OfLength(v, 32) && !isPlaceholder(v) && !isReference(v);

function candidate(span: ValueSpan | undefined, context: string): Candidate | undefined {
  return span && isTopicKey(span.value) ? { start: span.start, end: span.end, fields: { context } } : undefined;
}

export const eventGridAccessKey: Detector = {
  id: "event-grid-access-key",
  service: "event-grid",
  title: "Azure Event Grid access key in a header or next to its endpoint",
  description:
    "A 44-character Event Grid access key sent in the `aeg-sas-key` header, passed to `new AzureKeyCredential(\"...\")` or assigned to a key setting within a few lines of an `*.eventgrid.azure.net` endpoint.",
  keywords: ["aeg-sas-key", ...HOSTS],
  window: { before: NEAR, after: NEAR },
  severity: "error",
  priority: 75,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const lower = text.slice(from, to).toLowerCase();
    // Header: aeg-sas-key: <key>, { "aeg-sas-key": "<key>" }, -H "aeg-sas-key: <key>"
    for (let i = lower.indexOf("aeg-sas-key"); i !== -1; i = lower.indexOf("aeg-sas-key", i + 11)) {
      const c = candidate(valueAfterKey(text, from + i + 11), "aeg-sas-key");
      if (c) out.push(c);
    }
    // Near an endpoint: AzureKeyCredential("<key>") or SOME_KEY=<key>.
    const hasHost = HOSTS.some((h) => lower.includes(h));
    if (!hasHost) return out;
    for (let i = lower.indexOf("azurekeycredential"); i !== -1; i = lower.indexOf("azurekeycredential", i + 18)) {
      let open = from + i + 18;
      while (text[open] === " ") open++;
      const arg = callArgument(text, open, 0);
      const c = candidate(arg === undefined ? undefined : stringLiteralAt(text, arg), "AzureKeyCredential");
      if (c) out.push(c);
    }
    // Setting names ending in `key`: found from each `key` (a regex like /[a-z_]*key/ would
    // backtrack quadratically over long letter runs), the name read back a bounded distance.
    for (let i = lower.indexOf("key"); i !== -1; i = lower.indexOf("key", i + 3)) {
      const end = from + i + 3;
      if (end < text.length && isNameChar(text.charCodeAt(end))) continue; // "keys", "keyVault"
      let start = from + i;
      while (start > from && end - start < MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
      const name = text.slice(start, end);
      if (text[start - 1] === "-") continue; // aeg-sas-key, handled above
      const c = candidate(valueAfterKey(text, end), name);
      if (c) out.push(c);
    }
    return out;
  },
  samples() {
    const k = (n: string) => fakeBase64(32, `eg-key-${n}`);
    const endpoint = "https://contoso-orders.westus2-1.eventgrid.azure.net/api/events";
    return {
      positive: [
        `const client = new EventGridPublisherClient(\n  "${endpoint}",\n  "EventGrid",\n  new AzureKeyCredential("${k("1")}"),\n);`,
        `curl -X POST -H "aeg-sas-key: ${k("2")}" -d @event.json ${endpoint}`,
        `EVENTGRID_ENDPOINT=${endpoint}\nEVENTGRID_KEY=${k("3")}\n`,
        `await fetch(url, { method: "POST", headers: { "aeg-sas-key": "${k("4")}" } });`,
      ],
      negative: [
        `const client = new EventGridPublisherClient("${endpoint}", "EventGrid", new DefaultAzureCredential());`,
        `const client = new EventGridPublisherClient("${endpoint}", "EventGrid", new AzureKeyCredential(process.env.EVENTGRID_KEY!));`,
        `curl -H "aeg-sas-key: $EVENTGRID_KEY" ${endpoint}`,
        // A 44-character key with no Event Grid context.
        `const client = new SearchClient(searchEndpoint, "hotels", new AzureKeyCredential("${k("5")}"));`,
      ],
    };
  },
};
