/**
 * Azure Maps (@azure-rest/maps-search): `MapsSearch(new AzureKeyCredential(key))` becomes
 * `MapsSearch(credential, clientId)`; the Maps account's client id (not a secret) is read from
 * AZURE_MAPS_CLIENT_ID.
 */
import type { RecipeFamily, SampleMaker } from "../family.js";
import { callOf } from "../sink.js";


export const maps: RecipeFamily = {
  family: "maps",
  sinks: [],
  credentialSlots: [
    {
      modules: ["@azure-rest/maps-search"],
      callee: callOf("default"),
      service: "maps",
      arg: 0,
      insertAfter: [{ from: "env", name: "AZURE_MAPS_CLIENT_ID" }],
      caveat: "MapsSearch with a TokenCredential needs the Maps account's client id (not a secret): set AZURE_MAPS_CLIENT_ID.",
    },
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "Azure Maps search client",
    before: `import MapsSearch from "@azure-rest/maps-search";
import { AzureKeyCredential } from "@azure/core-auth";

export const maps = MapsSearch(new AzureKeyCredential("${s.mapsKey}"));
`,
    after: `import MapsSearch from "@azure-rest/maps-search";
import { DefaultAzureCredential } from "@azure/identity";

export const maps = MapsSearch(new DefaultAzureCredential(), process.env["AZURE_MAPS_CLIENT_ID"] ?? "");
`,
  }),
];
