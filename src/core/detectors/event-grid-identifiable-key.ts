import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import type { Candidate, Detector } from "../types.js";

export const EVENT_GRID_SEEDS = ["SendRecv"] as const;

export const eventGridIdentifiableKey: Detector = {
  id: "event-grid-identifiable-key",
  service: "event-grid",
  title: "Azure Event Grid identifiable access key",
  description:
    "A 44-character Event Grid topic, domain or namespace access key with the `AZEG` signature and a valid Marvin32 checksum. It publishes (and for namespaces, receives) events as the topic.",
  keywords: ["azeg"],
  window: { before: 33, after: 11 },
  severity: "error",
  priority: 75,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const hit of findIdentifiable(text, from, to, "AZEG", 32, EVENT_GRID_SEEDS)) {
      out.push({ start: hit.start, end: hit.end, fields: { seed: hit.seed! } });
    }
    return out;
  },
  samples() {
    const k = (n: string) => fakeIdentifiable(32, "AZEG", "SendRecv", `eg-id-${n}`);
    return {
      positive: [
        `const client = new EventGridPublisherClient(endpoint, "EventGrid", new AzureKeyCredential("${k("1")}"));`,
        `EVENTGRID_TOPIC_KEY=${k("2")}\n`,
        `resource "azurerm_function_app" "f" {\n  app_settings = { TopicKey = "${k("3")}" }\n}`,
      ],
      negative: [
        `EVENTGRID_TOPIC_KEY=${fakeIdentifiable(32, "AZEG", "Access00", "eg-id-4")}`,
        `EVENTGRID_TOPIC_KEY=${fakeBase64(32, "eg-id-5")}`,
        `// Event Grid keys carry the AZEG signature`,
      ],
    };
  },
};
