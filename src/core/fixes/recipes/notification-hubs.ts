/**
 * Azure Notification Hubs (@azure/notification-hubs): no Managed Identity in the data plane, so no
 * rewrite; the finding explains the manual path (Key Vault, a Listen-only rule).
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { newOf } from "../sink.js";


export const notificationHubs: RecipeFamily = {
  family: "notification-hubs",
  sinks: [
    {
      id: "notification-hubs-from-connection-string",
      service: "notification-hubs",
      modules: ["@azure/notification-hubs"],
      callee: newOf("NotificationHubsClient"),
      form: "new NotificationHubsClient(connectionString, hubName)",
      secret: { kind: "connection-string", arg: 0 },
      keyless: "none: Notification Hubs accepts only SAS connection strings",
      manual:
        "Notification Hubs has no Managed Identity data plane: keep the connection string in Key Vault (read it with SecretClient and a Managed Identity) and use a Listen-only rule where possible.",
    },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Notification Hubs has no Managed Identity (no fix)",
    before: `import { NotificationHubsClient } from "@azure/notification-hubs";

export const hubs = new NotificationHubsClient("${s.sbCs.replace("RootManageSharedAccessKey", "DefaultFullSharedAccessSignature")}", "alerts");
`,
    manual: /Key Vault/,
  }),
];
