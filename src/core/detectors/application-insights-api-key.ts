import { fakeFromAlphabet, fakeHex } from "../keys/fake.js";
import { looksLikeRandomKey, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { stringLiteralAt, type ValueSpan } from "../text/literal-context.js";
import type { Candidate, Detector } from "../types.js";

/**
 * Application Insights API keys: the keys of the REST API (`https://api.applicationinsights.io/v1/
 * apps/<app-id>/...`), sent as an `x-api-key` header or an `api_key=` query parameter. Unlike the
 * connection string (an ingestion address, reported at info by its own detector), an API key
 * reads the application's telemetry. Keys are 40 lower-case letters and digits; 32 to 64
 * alphanumeric characters are accepted.
 */
const KEY = /^[A-Za-z0-9]{32,64}$/;
const API_HOST = "api.applicationinsights.io";
const HEADER = /(?<![\w-])x-api-key(?![\w-])/gi;
const QUERY = /[?&]api_key=([A-Za-z0-9]{32,64})(?![A-Za-z0-9])/g;
/** `APPINSIGHTS_API_KEY`, `applicationInsightsApiKey`, Grafana's `appInsightsApiKey`, .NET `ApplicationInsights__ApiKey` / `ApplicationInsights:ApiKey`. */
const NAMES = /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}app(?:lication)?_?insights?(?:_{0,2}|:)api_?key(?![\w-])/gi;
/** `"ApplicationInsights": { ..., "ApiKey": "..." }` (appsettings.json sections). */
const SECTION = /(?<![\w-])["']?(?:Azure_?)?Application_?Insights["']?[ \t]*[:=][ \t]*\{/gi;
const SECTION_KEY = /["']?api_?key["']?[ \t]*[:=][ \t]*(?=["'])/i;
/** How far from the API host an `x-api-key` header may be (same request, script or call). */
const NEAR = 600;

const isApiKey = (v: string): boolean => KEY.test(v) && looksLikeRandomKey(v, 3.5, 14);

export const applicationInsightsApiKey: Detector = {
  id: "application-insights-api-key",
  service: "application-insights",
  title: "Application Insights API key",
  description:
    "An Application Insights API key: an `x-api-key` header or `api_key=` query parameter of a request to the Application Insights REST API (`api.applicationinsights.io`), or a setting named for it (`APPINSIGHTS_API_KEY`, `ApplicationInsights:ApiKey`, Grafana `appInsightsApiKey`). Unlike the connection string, which only says where telemetry goes (reported at info), an API key reads the application's telemetry. Query with a Microsoft Entra token (a managed identity with Monitoring Reader) instead, and delete the key.",
  keywords: ["applicationinsights", "appinsights", "app_insights", "application_insights"],
  window: { before: NEAR, after: NEAR },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const add = (v: ValueSpan | undefined, context: string): void => {
      if (!v || seen.has(v.start) || !isApiKey(v.value)) return;
      seen.add(v.start);
      out.push({ start: v.start, end: v.end, fields: { context } });
    };
    const lower = text.slice(from, to).toLowerCase();
    // Requests to the REST API: the header or query parameter within the same request.
    let scannedTo = -1;
    for (let i = lower.indexOf(API_HOST); i !== -1; i = lower.indexOf(API_HOST, i + API_HOST.length)) {
      const at = from + i;
      const lo = Math.max(scannedTo, at - NEAR, 0);
      const hi = Math.min(text.length, at + NEAR);
      if (lo < hi) for (const { value } of namedValues(HEADER, text, lo, hi)) add(trimValue(value), "x-api-key header");
      scannedTo = Math.max(scannedTo, hi);
      for (const m of matchesIn(QUERY, text, at, Math.min(text.length, at + 400), 80)) {
        const start = m.index + m[0].length - m[1]!.length;
        add({ start, end: start + m[1]!.length, value: m[1]!, quoted: false }, "api_key query parameter");
      }
    }
    for (const { value } of namedValues(NAMES, text, from, to)) add(trimValue(value), "name");
    for (const m of matchesIn(SECTION, text, from, to)) {
      const open = m.index + m[0].length - 1;
      const body = text.slice(open, Math.min(text.length, open + 800));
      const close = body.indexOf("}");
      const k = SECTION_KEY.exec(close < 0 ? body : body.slice(0, close));
      if (k) add(stringLiteralAt(text, open + k.index + k[0].length), "ApplicationInsights section");
    }
    return out;
  },
  samples() {
    const key = (n: string) => fakeFromAlphabet(40, "abcdefghijklmnopqrstuvwxyz0123456789", `appi-api-key-${n}`);
    const h = fakeHex(32, "appi-api-app-id");
    const app = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-9${h.slice(17, 20)}-${h.slice(20)}`;
    return {
      positive: [
        `curl -H "x-api-key: ${key("1")}" "https://api.applicationinsights.io/v1/apps/${app}/query?query=requests"`,
        `GET https://api.applicationinsights.io/v1/apps/${app}/metrics/requests/count\nx-api-key: ${key("2")}`,
        `const url = "https://api.applicationinsights.io/v1/apps/${app}/query?api_key=${key("3")}&query=exceptions";`,
        `APPINSIGHTS_APP_ID=${app}\nAPPINSIGHTS_API_KEY=${key("4")}`,
        `az webapp config appsettings set -g rg -n dashboard --settings ApplicationInsights__ApiKey=${key("7")}`,
        `{\n  "ApplicationInsights": {\n    "ApplicationId": "${app}",\n    "ApiKey": "${key("5")}"\n  }\n}`,
      ],
      negative: [
        // The public demo application of the API documentation.
        `curl -H "x-api-key: DEMO_KEY" "https://api.applicationinsights.io/v1/apps/DEMO_APP/query?query=requests"`,
        `GET https://api.applicationinsights.io/v1/apps/{{appId}}/query\nx-api-key: {{apiKey}}`,
        `APPINSIGHTS_API_KEY=\${APPINSIGHTS_API_KEY}`,
        // An x-api-key of another API, with no Application Insights request in sight.
        `curl -H "x-api-key: ${key("6")}" https://api.example.com/v1/items`,
        `{ "ApplicationInsights": { "ConnectionString": "InstrumentationKey=${app};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/" } }`,
      ],
    };
  },
};
