/**
 * Azure IoT Hub service SDK (azure-iothub): `X.fromConnectionString(cs[, transport])` becomes
 * `X.fromTokenCredential(host, credential[, transport])`. Device keys stay: devices do not have a
 * Managed Identity.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf, type Sink } from "../sink.js";

/** IoT Hub service clients: `X.fromConnectionString(cs[, transport])` to `X.fromTokenCredential(host, credential[, transport])`. */
function iotHubClient(cls: string): Sink {
  return {
    id: `iot-hub-${cls.toLowerCase()}-from-connection-string`,
    service: "iot-hub",
    modules: ["azure-iothub"],
    callee: callOf(cls, "fromConnectionString"),
    form: `${cls}.fromConnectionString(connectionString)`,
    secret: { kind: "connection-string", arg: 0 },
    keyless: `${cls}.fromTokenCredential("<hub>.azure-devices.net", credential)`,
    rewrite: {
      type: "construct",
      callee: callOf(cls, "fromTokenCredential"),
      args: [{ from: "endpoint", endpoint: "iot-hub-host" }, { from: "credential" }, { from: "rest", index: 1 }],
    },
  };
}

export const iotHub: RecipeFamily = {
  family: "iot-hub",
  sinks: [iotHubClient("Registry"), iotHubClient("Client"), iotHubClient("JobClient")],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "IoT Hub registry",
    before: `import { Registry } from "azure-iothub";

export const registry = Registry.fromConnectionString("${s.iotCs}");
`,
    after: `import { Registry } from "azure-iothub";
import { DefaultAzureCredential } from "@azure/identity";

export const registry = Registry.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "IoT Hub service client",
    before: `import { Client } from "azure-iothub";

export const service = Client.fromConnectionString("${s.iotCs}");
`,
    after: `import { Client } from "azure-iothub";
import { DefaultAzureCredential } from "@azure/identity";

export const service = Client.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "IoT Hub job client",
    before: `import { JobClient } from "azure-iothub";

export const jobs = JobClient.fromConnectionString("${s.iotCs}");
`,
    after: `import { JobClient } from "azure-iothub";
import { DefaultAzureCredential } from "@azure/identity";

export const jobs = JobClient.fromTokenCredential("contoso-hub.azure-devices.net", new DefaultAzureCredential());
`,
  }),
];
