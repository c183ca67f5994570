import { findConnectionString } from "../keys/connection-string.js";
import { MIN_HIT_GAP } from "../detect/connection-string-detector.js";
import { valueAfterKey } from "../text/literal-context.js";
import { isPlaceholder } from "../keys/validators.js";
import type { Candidate, Detector } from "../types.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTE =
  "Not a secret: an instrumentation key only lets a sender write telemetry. To stop anyone from sending data, require Microsoft Entra authentication for ingestion (DisableLocalAuth) and send with a managed identity.";

export const applicationInsightsConnectionString: Detector = {
  id: "application-insights-connection-string",
  service: "application-insights",
  title: "Application Insights connection string (not a secret)",
  description:
    "An Application Insights instrumentation key (`InstrumentationKey=<guid>;IngestionEndpoint=...`). Microsoft documents it as an identifier, not a credential, so it is reported at `info` only: anyone who has it can send telemetry, which Entra-authenticated ingestion prevents.",
  keywords: ["instrumentationkey"],
  window: { before: 1024, after: 1024 },
  severity: "info",
  priority: 40,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const lower = text.slice(from, to).toLowerCase();
    let lastAt = -MIN_HIT_GAP;
    let lastEnd = -1;
    for (let i = lower.indexOf("instrumentationkey"); i !== -1; i = lower.indexOf("instrumentationkey", i + 18)) {
      const at = from + i;
      // An instrumentation key is 36 characters: a hit closer than that to the previous one is
      // inside its value; skipping it keeps dense input linear.
      if (at < lastEnd || at - lastAt < MIN_HIT_GAP) continue;
      lastAt = at;
      const cs = findConnectionString(text, at, from, to);
      lastEnd = cs.end;
      const field = cs.get("InstrumentationKey");
      if (field && field.keyStart === at) {
        if (!GUID.test(field.value) || isPlaceholder(field.value)) continue;
        const ingestion = cs.value("IngestionEndpoint");
        out.push({
          start: field.valueStart,
          end: field.valueEnd,
          fields: { field: "InstrumentationKey", ...(ingestion ? { ingestion } : {}) },
          note: NOTE,
          container: { start: cs.start, end: cs.end },
        });
        continue;
      }
      // "InstrumentationKey": "<guid>" (appsettings.json, classic SDK setup)
      const v = valueAfterKey(text, at + 18);
      if (v && GUID.test(v.value) && !isPlaceholder(v.value)) {
        out.push({ start: v.start, end: v.end, fields: { field: "InstrumentationKey" }, note: NOTE });
      }
    }
    return out;
  },
  samples() {
    const ikey = "5f1c3a0e-8b7d-4c2a-9e6f-1d2b3c4a5e6f";
    const cs = `InstrumentationKey=${ikey};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/`;
    return {
      positive: [
        `APPLICATIONINSIGHTS_CONNECTION_STRING="${cs}"`,
        `useAzureMonitor({ azureMonitorExporterOptions: { connectionString: "${cs}" } });`,
        `{\n  "ApplicationInsights": {\n    "InstrumentationKey": "${ikey}"\n  }\n}`,
      ],
      negative: [
        "APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000",
        "APPLICATIONINSIGHTS_CONNECTION_STRING=${APPINSIGHTS_CS}",
        `"InstrumentationKey": "<instrumentation-key>"`,
        "// set InstrumentationKey in the portal",
      ],
    };
  },
};
