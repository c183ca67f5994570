/**
 * Azure Web PubSub (@azure/web-pubsub): `new WebPubSubServiceClient(cs, hub)` becomes
 * `new WebPubSubServiceClient(endpoint, credential, hub)`.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { newOf, slot } from "../sink.js";

const WEB_PUBSUB = ["@azure/web-pubsub"];

export const webPubsub: RecipeFamily = {
  family: "web-pubsub",
  sinks: [
    {
      id: "web-pubsub-from-connection-string",
      service: "web-pubsub",
      modules: WEB_PUBSUB,
      callee: newOf("WebPubSubServiceClient"),
      form: "new WebPubSubServiceClient(connectionString, hubName)",
      secret: { kind: "connection-string", arg: 0 },
      keyless: 'new WebPubSubServiceClient("https://<name>.webpubsub.azure.com", credential, hubName)',
      rewrite: {
        type: "construct",
        args: [{ from: "endpoint", endpoint: "web-pubsub" }, { from: "credential" }, { from: "arg", index: 1 }, { from: "rest", index: 2 }],
      },
    },
  ],
  credentialSlots: [slot(WEB_PUBSUB, "WebPubSubServiceClient", "web-pubsub", 1)],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Web PubSub service client",
    before: `import { WebPubSubServiceClient } from "@azure/web-pubsub";

export const pubsub = new WebPubSubServiceClient("${s.webPubSubCs}", "chat");
`,
    after: `import { WebPubSubServiceClient } from "@azure/web-pubsub";
import { DefaultAzureCredential } from "@azure/identity";

export const pubsub = new WebPubSubServiceClient("https://contoso-live.webpubsub.azure.com", new DefaultAzureCredential(), "chat");
`,
  }),
];
