/**
 * Azure App Configuration (@azure/app-configuration, @azure/app-configuration-provider): the store
 * endpoint and a TokenCredential.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf, endpointClient, slot } from "../sink.js";

const APP_CONFIGURATION = ["@azure/app-configuration"];

export const appConfiguration: RecipeFamily = {
  family: "app-configuration",
  sinks: [
    endpointClient("app-configuration-client-from-connection-string", "app-configuration", APP_CONFIGURATION, "AppConfigurationClient", "app-configuration", {
      keyless: 'new AppConfigurationClient("https://<store>.azconfig.io", credential)',
    }),
    {
      id: "app-configuration-provider-load",
      service: "app-configuration",
      modules: ["@azure/app-configuration-provider"],
      callee: callOf("load"),
      form: "load(connectionString)",
      secret: { kind: "connection-string", arg: 0 },
      keyless: 'load("https://<store>.azconfig.io", credential)',
      rewrite: { type: "construct", args: [{ from: "endpoint", endpoint: "app-configuration" }, { from: "credential" }, { from: "rest", index: 1 }] },
    },
  ],
  credentialSlots: [slot(APP_CONFIGURATION, "AppConfigurationClient", "app-configuration", 1)],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "app configuration client",
    before: `import { AppConfigurationClient } from "@azure/app-configuration";

export const settings = new AppConfigurationClient("${s.appConfigCs}");
`,
    after: `import { AppConfigurationClient } from "@azure/app-configuration";
import { DefaultAzureCredential } from "@azure/identity";

export const settings = new AppConfigurationClient("https://contoso-config.azconfig.io", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "app configuration provider load",
    before: `import { load } from "@azure/app-configuration-provider";

export const config = await load("${s.appConfigCs}", { selectors: [{ keyFilter: "app:*" }] });
`,
    after: `import { load } from "@azure/app-configuration-provider";
import { DefaultAzureCredential } from "@azure/identity";

export const config = await load("https://contoso-config.azconfig.io", new DefaultAzureCredential(), { selectors: [{ keyFilter: "app:*" }] });
`,
  }),
];
