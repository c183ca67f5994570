import { fakeFromAlphabet, fakeHex, fakeIdentifiable } from "../keys/fake.js";
import { hostServices, keyShape, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { findIdentifiable } from "../keys/identifiable-scan.js";
import type { Candidate, Detector } from "../types.js";

const SEEDS = { Tenant00: "direct management", IoTHub00: "subscription", Gatewy00: "gateway", GitKey00: "repository" } as const;
/** The management Git repository credential: `git&<yyyyMMddHHmm>&<86 base64>==`. */
const GIT_KEY = /(?<![A-Za-z0-9])git&\d{12}&[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g;
const HEADER = /(?<![\w-])ocp-apim-subscription-key(?![\w-])/gi;
/** Names that say API Management: `APIM_SUBSCRIPTION_KEY`, `apimKey`, `ApiManagement:SubscriptionKey`. */
const NAMES = /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,2}(?:apim|api_?management)(?:_?(?:primary|secondary|subscription|gateway|access)){0,2}_?key(?![\w-])/gi;
/** `?subscription-key=` on an `.azure-api.net` URL. */
const QUERY_KEY = /\.azure-api\.net\/[^\s"'`?#]{0,200}\?(?:[^\s"'`#&]{0,200}&){0,8}subscription-key=([A-Za-z0-9]{32})(?![A-Za-z0-9])/gi;

export const apiManagementKey: Detector = {
  id: "api-management-key",
  service: "api-management",
  title: "Azure API Management key",
  description:
    "An Azure API Management credential: an identifiable 88-character key (`APIM` signature; Marvin32 checksum with the Tenant00 direct-management, IoTHub00 subscription, Gatewy00 gateway or GitKey00 repository seed), the management Git credential `git&<timestamp>&<key>`, or a 32-character subscription key sent in an `Ocp-Apim-Subscription-Key` header or `subscription-key` query parameter, or assigned to a name that says API Management (`APIM_SUBSCRIPTION_KEY`, `apimPrimaryKey`), of an `.azure-api.net` API (a header next to an AI services, Search or Maps host belongs to that service instead).",
  keywords: ["apim", "git&", "azure-api.net", "api_management", "apimanagement"],
  window: { before: 300, after: 400 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    for (const k of findIdentifiable(text, from, to, "APIM", 64, Object.keys(SEEDS))) {
      out.push({ start: k.start, end: k.end, fields: { format: "identifiable", keyKind: SEEDS[k.seed as keyof typeof SEEDS] } });
    }
    for (const m of matchesIn(GIT_KEY, text, from, to)) {
      if (keyShape(m[0].slice(17), ["b64-88"])) out.push({ start: m.index, end: m.index + m[0].length, fields: { format: "git", keyKind: "repository" } });
    }
    for (const { value } of namedValues(HEADER, text, from, to)) {
      const v = trimValue(value);
      if (!keyShape(v.value, ["alnum32"])) continue;
      const hosts = hostServices(text, v.start, v.end);
      // Another service's host nearby: that service's detector owns the header.
      if (hosts.includes("api-management") || hosts.length === 0) {
        out.push({ start: v.start, end: v.end, fields: { format: "subscription-key", context: "header" } });
      }
    }
    for (const { value } of namedValues(NAMES, text, from, to)) {
      const v = trimValue(value);
      if (keyShape(v.value, ["alnum32"])) out.push({ start: v.start, end: v.end, fields: { format: "subscription-key", context: "setting" } });
    }
    for (const m of matchesIn(QUERY_KEY, text, from, to, 2400)) {
      const key = m[1]!;
      const start = m.index + m[0].length - key.length;
      if (keyShape(key, ["alnum32"])) out.push({ start, end: start + key.length, fields: { format: "subscription-key", context: "query" } });
    }
    return out;
  },
  samples() {
    const tenant = fakeIdentifiable(64, "APIM", "Tenant00", "apim-tenant");
    const sub = fakeIdentifiable(64, "APIM", "IoTHub00", "apim-sub");
    const hex = fakeHex(32, "apim-legacy");
    const git = `git&202511281200&${fakeIdentifiable(64, "APIM", "GitKey00", "apim-git")}`;
    const broken = `${tenant.slice(0, 30)}${tenant[30] === "Z" ? "Y" : "Z"}${tenant.slice(31)}`;
    return {
      positive: [
        `const res = await fetch("https://contoso.azure-api.net/orders/v1/list", {\n  headers: { "Ocp-Apim-Subscription-Key": "${hex}" },\n});`,
        `APIM_DIRECT_ACCESS_KEY=${tenant}`,
        `<set-header name="Ocp-Apim-Subscription-Key" exists-action="override">\n  <value>${sub}</value>\n</set-header>`,
        `git clone "https://apim:${git}@contoso.scm.azure-api.net/"`,
        `GET https://contoso.azure-api.net/echo/resource?param1=sample&subscription-key=${fakeHex(32, "apim-q")}`,
        `APIM_ENDPOINT=https://contoso.azure-api.net\nAPIM_SUBSCRIPTION_KEY=${fakeHex(32, "apim-env")}`,
        `{ "ApiManagement": { "apimPrimaryKey": "${fakeFromAlphabet(32, "0123456789abcdefghijklmnopqrstuvwxyz", "apim-json")}" } }`,
        `# call the API through the gateway\ncurl -H "Ocp-Apim-Subscription-Key: ${fakeFromAlphabet(32, "0123456789abcdef", "apim-curl")}" https://api.contoso.com/orders`,
      ],
      negative: [
        // Ocp-Apim-Subscription-Key next to a Cognitive Services host: an AI services key.
        `curl -H "Ocp-Apim-Subscription-Key: ${hex}" https://westeurope.api.cognitive.microsoft.com/text/analytics/v3.1/languages`,
        `headers: { "Ocp-Apim-Subscription-Key": process.env.APIM_KEY }`,
        `Ocp-Apim-Subscription-Key: <your-subscription-key>`,
        `APIM_KEY=${broken}`,
        `"Ocp-Apim-Subscription-Key": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"`,
        `https://contoso.azure-api.net/echo?subscription-key={{apimKey}}`,
        `APIM_SUBSCRIPTION_KEY=\${{ secrets.APIM_SUBSCRIPTION_KEY }}`,
        `apimKey: "00000000000000000000000000000000"`,
      ],
    };
  },
};
