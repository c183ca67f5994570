import { fakeBase64, fakeHex } from "../keys/fake.js";
import { hasHostOf, matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import { isReference, stringLiteralAt } from "../text/literal-context.js";
import type { Candidate, Detector } from "../types.js";
import { distinctChars, entropy, isPlaceholder } from "../keys/validators.js";

/** `subscription-key=<key>` in an `atlas.microsoft.com` URL (query or the REST header). */
const QUERY_KEY = /\batlas\.microsoft\.com\/[^\s"'`?#]{0,200}\?(?:[^\s"'`#&]{0,200}&){0,12}subscription-key=/gi;
const NAMES = /(?<![\w-])(?:(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_?)?maps_?(?:subscription_?|primary_?|secondary_?|shared_?|api_?|account_?)?key|subscription_?key|subscription-key)(?![\w-])/gi;
const KEY_CREDENTIAL = /\bAzureKeyCredential\([ \t]*/g;
const MAPS_CLIENT = /\bMaps(?:Search|Route|Render|Geolocation|TimeZone|Weather|Traffic|Creator|Elevation)\b|\bMapsSearchClient\b|\bMapsRouteClient\b/;
/** The Azure Maps Web SDK's `authOptions: { authType: "subscriptionKey", subscriptionKey }`. */
const WEB_SDK_AUTH = /authType["']?\s*:\s*(?:["']subscriptionKey["']|atlas\.AuthenticationType\.subscriptionKey)/;

/** Azure Maps shared keys are long random base64url-like tokens (43 characters today). */
function isMapsKey(value: string): boolean {
  if (value.length < 32 || value.length > 100 || !/^[A-Za-z0-9_+/-]+={0,2}$/.test(value)) return false;
  if (isPlaceholder(value) || isReference(value)) return false;
  return distinctChars(value) >= 14 && entropy(value) >= 3.8 && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

const before = (text: string, at: number, n: number): string => text.slice(Math.max(0, at - n), at);

export const mapsKey: Detector = {
  id: "maps-key",
  service: "maps",
  title: "Azure Maps shared key",
  description:
    "An Azure Maps shared (subscription) key: a `subscription-key=` parameter of an `atlas.microsoft.com` request, a `subscriptionKey` of the Web SDK's `authOptions`, an `AzureKeyCredential` passed to a Maps client, or an `AZURE_MAPS_KEY`-style name. A shared key gives full access to the account's APIs; use Entra ID (a managed identity plus the account's client id) or short-lived tokens / SAS for browsers. Newer 84-character keys (`AZMP` provider) are found by cask-key.",
  keywords: ["atlas.microsoft.com", "subscription-key", "subscriptionkey", "subscription_key", "maps_key", "mapskey", "maps_subscription", "mapssubscription", "maps_primary", "mapsprimary", "azure_maps", "azuremaps", "mapssearch", "mapsroute", "mapsrender"],
  window: { before: 300, after: 400 },
  severity: "error",
  priority: 55,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const add = (start: number, end: number, value: string, context: string): void => {
      if (isMapsKey(value)) out.push({ start, end, fields: { format: "shared-key", context } });
    };
    for (const m of matchesIn(QUERY_KEY, text, from, to, 3000)) {
      const at = m.index + m[0].length;
      const raw = /^[A-Za-z0-9_+/%=-]+/.exec(text.slice(at, at + 120));
      if (raw) add(at, at + raw[0].length, raw[0].replace(/%3D/gi, "="), "query parameter");
    }
    for (const { name, value } of namedValues(NAMES, text, from, to)) {
      const v = trimValue(value);
      // Generic names (`subscriptionKey`, `subscription-key`) need Maps around them.
      const generic = /^subscription[_-]?key$/i.test(name);
      if (generic && !hasHostOf(text, v.start, v.end, "maps", 300) && !WEB_SDK_AUTH.test(before(text, v.start, 300)) && !/\bazure[-_]?maps|\batlas\b/i.test(before(text, v.start, 300))) continue;
      add(v.start, v.end, v.value, generic ? "Maps subscription key" : "name");
    }
    for (const m of matchesIn(KEY_CREDENTIAL, text, from, to)) {
      const lit = stringLiteralAt(text, m.index + m[0].length, 120);
      if (lit && (MAPS_CLIENT.test(before(text, m.index, 200)) || MAPS_CLIENT.test(text.slice(lit.end, lit.end + 200)))) {
        add(lit.start, lit.end, lit.value, "AzureKeyCredential");
      }
    }
    return out;
  },
  samples() {
    const k1 = fakeBase64(32, "maps-1", true).replace(/=$/, "");
    const k2 = fakeBase64(32, "maps-2", true).replace(/=$/, "");
    return {
      positive: [
        `const url = \`https://atlas.microsoft.com/search/address/json?api-version=1.0&subscription-key=${k1}&query=\${q}\`;`,
        `const map = new atlas.Map("map", {\n  authOptions: {\n    authType: "subscriptionKey",\n    subscriptionKey: "${k2}",\n  },\n});`,
        `NEXT_PUBLIC_AZURE_MAPS_SUBSCRIPTION_KEY=${k1}`,
        `const client = MapsSearch(new AzureKeyCredential("${k2}"));`,
        `curl "https://atlas.microsoft.com/route/directions/json?api-version=1.0&query=52.5,13.4:52.4,13.3" \\\n  -H "subscription-key: ${k1}"`,
      ],
      negative: [
        "https://atlas.microsoft.com/search/address/json?api-version=1.0&subscription-key={{mapsKey}}",
        `authOptions: { authType: "subscriptionKey", subscriptionKey: process.env.MAPS_KEY }`,
        `// unrelated API\nconst subscriptionKey = "${fakeHex(32, "maps-other")}";`,
        `AZURE_MAPS_CLIENT_ID=3f2504e0-4f89-11d3-9a0c-0305e82c3301`,
        "AZURE_MAPS_KEY=<your-azure-maps-key>",
        `"integrity": "sha512-${fakeBase64(64, "maps-sri")}" // azure-maps-control`,
      ],
    };
  },
};
