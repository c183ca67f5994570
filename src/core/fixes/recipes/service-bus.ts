/**
 * Azure Service Bus (@azure/service-bus): clients built from a connection string take the
 * namespace and a TokenCredential; an EntityPath in the string is named in the fix's notes.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { endpointClient, slot } from "../sink.js";

const SERVICE_BUS = ["@azure/service-bus"];

export const serviceBus: RecipeFamily = {
  family: "service-bus",
  sinks: [
    endpointClient("service-bus-client-from-connection-string", "service-bus", SERVICE_BUS, "ServiceBusClient", "amqp-namespace", {
      keyless: 'new ServiceBusClient("<namespace>.servicebus.windows.net", credential)',
    }),
    endpointClient("service-bus-admin-from-connection-string", "service-bus", SERVICE_BUS, "ServiceBusAdministrationClient", "amqp-namespace", {
      keyless: 'new ServiceBusAdministrationClient("<namespace>.servicebus.windows.net", credential)',
    }),
  ],
  credentialSlots: [slot(SERVICE_BUS, "ServiceBusClient", "service-bus", 1), slot(SERVICE_BUS, "ServiceBusAdministrationClient", "service-bus", 1)],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "service bus client",
    before: `import { ServiceBusClient } from "@azure/service-bus";

export const bus = new ServiceBusClient("${s.sbCs}");
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "service bus connection string with EntityPath",
    before: `import { ServiceBusClient } from "@azure/service-bus";

export const bus = new ServiceBusClient("${s.sbCs};EntityPath=orders");
export const sender = bus.createSender("orders");
`,
    after: `import { ServiceBusClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

export const bus = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
export const sender = bus.createSender("orders");
`,
  }),
  (s) => ({
    name: "service bus administration client",
    before: `import { ServiceBusAdministrationClient } from "@azure/service-bus";

export const admin = new ServiceBusAdministrationClient("${s.sbCs}");
`,
    after: `import { ServiceBusAdministrationClient } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";

export const admin = new ServiceBusAdministrationClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential());
`,
  }),
];
