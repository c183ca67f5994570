/**
 * Azure Event Grid (@azure/eventgrid, @azure/eventgrid-namespaces): the publisher's and the
 * namespace clients' credential slots (their key credentials are in key-credentials.ts).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { slot } from "../sink.js";

const NAMESPACES = ["@azure/eventgrid-namespaces"];

export const eventGrid: RecipeFamily = {
  family: "event-grid",
  sinks: [],
  credentialSlots: [
    slot(["@azure/eventgrid"], "EventGridPublisherClient", "event-grid", 2),
    slot(NAMESPACES, "EventGridSenderClient", "event-grid", 1),
    slot(NAMESPACES, "EventGridReceiverClient", "event-grid", 1),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Event Grid publisher client",
    before: `import { AzureKeyCredential, EventGridPublisherClient } from "@azure/eventgrid";

export const grid = new EventGridPublisherClient(
  "https://contoso-orders.westus2-1.eventgrid.azure.net/api/events",
  "EventGrid",
  new AzureKeyCredential("${s.eventGridKey}"),
);
`,
    after: `import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";

export const grid = new EventGridPublisherClient(
  "https://contoso-orders.westus2-1.eventgrid.azure.net/api/events",
  "EventGrid",
  new DefaultAzureCredential(),
);
`,
  }),
];
