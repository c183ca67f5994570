import { fakeBase64, fakeIdentifiable } from "../keys/fake.js";
import { identifiableSeed } from "../keys/identifiable.js";
import { matchesIn, namedValues, trimValue } from "../detect/key-context.js";
import type { Candidate, Detector } from "../types.js";
import { distinctChars, entropy, isPlaceholder } from "../keys/validators.js";
import { isReference } from "../text/literal-context.js";

/**
 * Identifiable Functions keys: 40 bytes, URL-safe, 56 characters, `AzFu` at 44, last data character
 * `[AQgw]`, then `==` (percent-encoded as `%3D%3D` in URLs).
 */
const IDENTIFIABLE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw](?:==|%3D%3D)(?![A-Za-z0-9_=%-])/gi;
const SEEDS = { Functi00: "function", Master00: "master", System00: "system" } as const;
/** `https://<app>.azurewebsites.net/api/<fn>?...code=<key>`, Durable Functions' `/runtime/webhooks/...` status URLs, `/admin/...` */
const CODE_URL = /\b[a-z0-9-]{1,60}\.azurewebsites\.net\/(?:api|runtime\/webhooks|admin)\/[^\s"'`?#]{0,200}\?(?:[^\s"'`#&]{0,200}&){0,8}code=/gi;
const HEADER = /(?<![\w-])x-functions-key(?![\w-])/gi;
const NAMES = /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}(?:azure_?)?functions?_?(?:app_?)?(?:host_?|master_?|default_?|api_?|access_?)?key(?![\w-])/gi;

/** Percent-decode the few escapes a key can carry (`%2B`, `%2F`, `%3D`). */
const unescape = (value: string): string => value.replace(/%2B/gi, "+").replace(/%2F/gi, "/").replace(/%3D/gi, "=");

/** A Functions key: identifiable, or a legacy key (base64 of 40 bytes, or a long random token). */
function keyKind(value: string, allowLegacy: boolean): string | undefined {
  const v = unescape(value);
  if (v.length >= 56 && /AzFu[A-Za-z0-9_-]{5}[AQgw]==$/.test(v)) {
    const seed = identifiableSeed(v, Object.keys(SEEDS));
    if (seed) return SEEDS[seed as keyof typeof SEEDS];
  }
  if (!allowLegacy) return undefined;
  if (v.length < 30 || v.length > 120 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return undefined;
  if (isPlaceholder(v) || isReference(value)) return undefined;
  if (distinctChars(v) < 16 || entropy(v) < 4.0 || !/[0-9]/.test(v)) return undefined;
  return "legacy";
}

export const functionsKey: Detector = {
  id: "functions-key",
  service: "functions",
  title: "Azure Functions key",
  description:
    "An Azure Functions function, host, master or system key: the identifiable 56-character URL-safe format (`AzFu` signature, Marvin32 checksum with the Functi00/Master00/System00 seeds) anywhere, or any key in a `?code=` parameter of an `*.azurewebsites.net/api/...` URL, an `x-functions-key` header, or a Functions key name. Managed Identity is not a drop-in replacement for callers' keys: move the key to Key Vault or put App Service Authentication in front of the function.",
  keywords: ["azfu", "azurewebsites.net", "x-functions-key", "function_key", "functionkey", "functions_key", "functionskey", "function_app_key", "functionappkey", "functions_host_key", "function_host_key"],
  window: { before: 80, after: 400 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const add = (start: number, end: number, value: string, context: string): void => {
      const kind = keyKind(value, context !== "signature");
      if (kind) out.push({ start, end, fields: { format: kind === "legacy" ? "legacy" : "identifiable", keyKind: kind, context } });
    };
    for (const m of matchesIn(IDENTIFIABLE, text, from, to)) add(m.index, m.index + m[0].length, m[0], "signature");
    for (const m of matchesIn(CODE_URL, text, from, to, 2400)) {
      const at = m.index + m[0].length;
      // Stop at the next query parameter or fragment; keep percent escapes.
      const raw = /^[A-Za-z0-9+/_%=-]+/.exec(text.slice(at, at + 160));
      if (raw) add(at, at + raw[0].length, raw[0], "code query parameter");
    }
    for (const { value } of [...namedValues(HEADER, text, from, to), ...namedValues(NAMES, text, from, to)]) {
      const v = trimValue(value);
      add(v.start, v.end, v.value, "header or name");
    }
    return out;
  },
  samples() {
    const fn = fakeIdentifiable(40, "AzFu", "Functi00", "functions-1", true);
    const master = fakeIdentifiable(40, "AzFu", "Master00", "functions-2", true);
    const legacy = fakeBase64(40, "functions-legacy");
    const broken = `${fn.slice(0, 8)}${fn[8] === "x" ? "y" : "x"}${fn.slice(9)}`;
    return {
      positive: [
        `const url = "https://contoso-fn.azurewebsites.net/api/HttpTrigger1?code=${legacy}";`,
        `await fetch(url, { headers: { "x-functions-key": "${master}" } });`,
        `FUNCTION_KEY=${legacy}`,
        `GET https://contoso-fn.azurewebsites.net/api/orders?id=42&code=${fn.replace(/==$/, "%3D%3D")}`,
        `# the default host key\n${fn}`,
        `GET https://contoso-fn.azurewebsites.net/runtime/webhooks/durabletask/instances/abc123?taskHub=OrdersHub&connection=Storage&code=${legacy}`,
      ],
      negative: [
        "https://contoso-fn.azurewebsites.net/api/HttpTrigger1?code=${FUNCTION_KEY}",
        `curl -H "x-functions-key: $FUNCTIONS_KEY" https://contoso-fn.azurewebsites.net/api/orders`,
        `https://contoso.azurewebsites.net/login?code=${"a".repeat(40)}`,
        `const k = "${broken}";`,
        `https://contoso-fn.azurewebsites.net/api/HttpTrigger1?code=<your-function-key>`,
        `https://contoso-fn.azurewebsites.net/api/oauth/callback?state=abc&code=0.AAAA`,
      ],
    };
  },
};
