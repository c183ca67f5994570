import {
  ENTRA_SECRET_ALPHABET,
  hasEntraV7Shape,
  hasEntraV8Shape,
  isEntraSecretChar,
  isValidEntraSecret,
} from "../keys/entra-secret.js";
import { fakeBase64, fakeFromAlphabet, fakeHex } from "../keys/fake.js";
import {
  callArgument,
  continuesWithConcat,
  isCodePath,
  isIdentChar,
  isReference,
  looksLikeExpression,
  stringLiteralAt,
  valueAfterKey,
  type ValueSpan,
} from "../text/literal-context.js";
import { isBase64OfLength, isPlaceholder, looksRandom } from "../keys/validators.js";
import type { Candidate, Detector, Severity } from "../types.js";

/**
 * `client_secret`, `clientSecret`, `ClientSecret`, `client-secret`, `AZURE_CLIENT_SECRET`, MSAL
 * Python's `client_credential`, builder calls `.clientSecret("...")` / `.WithClientSecret("...")`.
 */
const KEY = /client[_-]?secret|client_credential/gi;
/** Text before a key that makes a free-form value an Entra secret rather than some other OAuth one. */
const AZURE_CONTEXT = /azure|microsoftonline|entra|\baad|msal|tenant|arm_client|ClientSecretCredential/i;
const CONTEXT_BEFORE = 400;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Shape = "8Q~" | "8Q~-bad-checksum" | "7Q~" | "legacy-34" | "base64-32" | "free-form";

/** The shape of a client-secret value, or undefined when it is not a plausible secret. */
export function entraSecretShape(value: string): Shape | undefined {
  if (isPlaceholder(value) || isReference(value)) return undefined;
  // A GUID under a client-secret name is the secret's ID (or a client ID), not its value.
  if (GUID.test(value)) return undefined;
  if (hasEntraV8Shape(value)) return isValidEntraSecret(value) ? "8Q~" : "8Q~-bad-checksum";
  if (hasEntraV7Shape(value)) return "7Q~";
  if (value.length === 34 && [...value].every((ch) => isEntraSecretChar(ch.charCodeAt(0))) && looksRandom(value, 3.8))
    return "legacy-34";
  if (value.length === 44 && isBase64OfLength(value, 32)) return "base64-32";
  if (value.length >= 16 && value.length <= 200 && !/\s/.test(value) && looksRandom(value, 3.5) && /[\d~.+/=_-]/.test(value))
    return "free-form";
  return undefined;
}

function accept(text: string, span: ValueSpan, path: string, azure: boolean, context: string): Candidate | undefined {
  const v = span.value;
  if (!span.quoted && (isCodePath(path) || looksLikeExpression(v))) return undefined;
  // The first piece of `"abc" + "def"`: the engine scans the joined value separately.
  if (span.quoted && continuesWithConcat(text, span.end + 1)) return undefined;
  if (v.startsWith("GOCSPX-")) return undefined; // a Google OAuth client secret
  const shape = entraSecretShape(v);
  if (!shape) return undefined;
  // Generic `client_secret` keys also hold other providers' OAuth secrets: free-form and base64
  // values count only with an Azure/Entra hint nearby.
  if ((shape === "free-form" || shape === "base64-32") && !azure) return undefined;
  const severity: Severity = shape === "free-form" || shape === "8Q~-bad-checksum" ? "warning" : "error";
  return {
    start: span.start,
    end: span.end,
    severity,
    fields: { format: shape, context },
    ...(shape === "free-form" ? { note: "A value of no known Entra secret shape, assigned to a client-secret name." } : {}),
  };
}

/** The value after a command-line flag ending just before `at`: quoted or up to whitespace. */
function flagValue(text: string, at: number): ValueSpan | undefined {
  let i = at;
  while (i < text.length && i - at < 8 && (text[i] === " " || text[i] === "\t" || text[i] === "=")) i++;
  const q = text[i];
  if (q === '"' || q === "'") return stringLiteralAt(text, i);
  let e = i;
  while (e < text.length && e - i < 256 && !/[\s"'`]/.test(text[e]!)) e++;
  return e > i ? { start: i, end: e, value: text.slice(i, e), quoted: true } : undefined;
}

/** One shell command around `at`: its line plus continuation lines ending in `\` or a backtick (bounded). */
function commandAround(text: string, at: number): { start: number; end: number } {
  const lo = Math.max(0, at - 600);
  const hi = Math.min(text.length, at + 600);
  /** True when the line ending at the newline `nl` ends with a continuation character. */
  const continues = (nl: number, floor: number): boolean => {
    let r = nl;
    if (r > floor && text[r - 1] === "\r") r--;
    while (r > floor && (text[r - 1] === " " || text[r - 1] === "\t")) r--;
    return text[r - 1] === "\\" || text[r - 1] === "`";
  };
  let s = at;
  while (s > lo && text[s - 1] !== "\n") s--;
  while (s > lo && continues(s - 1, lo)) {
    s--;
    while (s > lo && text[s - 1] !== "\n") s--;
  }
  let e = at;
  while (e < hi && !(text[e] === "\n" && !continues(e, s))) e++;
  return { start: s, end: e };
}

export const entraClientSecretAssignment: Detector = {
  id: "entra-client-secret-assignment",
  service: "entra-id",
  title: "Microsoft Entra ID client secret in code or configuration",
  description:
    "A literal assigned to a client-secret name (`AZURE_CLIENT_SECRET=`, `clientSecret:`, `\"ClientSecret\":`, `client_secret =`, MSAL `auth: { clientSecret }`, MSAL Python `client_credential=`, tedious service-principal options, builder calls `.clientSecret(\"...\")` / `.WithClientSecret(\"...\")`), passed as the third argument of `new ClientSecretCredential(tenantId, clientId, secret)`, or given on a command line (`--client-secret <value>`, `az login --service-principal -u <app> -p <secret>`). Covers the older 34-character secrets that have no fixed marker.",
  keywords: ["client_secret", "clientsecret", "client-secret", "client_credential", "--service-principal"],
  window: { before: CONTEXT_BEFORE, after: 600 },
  severity: "error",
  priority: 60,
  find({ text, from, to, path }) {
    const out: Candidate[] = [];
    const hay = text.slice(from, to);
    KEY.lastIndex = 0;
    for (let k = KEY.exec(hay); k !== null; k = KEY.exec(hay)) {
      const m = { index: from + k.index, 0: k[0] };
      const keyEnd = m.index + m[0].length;
      const azure = AZURE_CONTEXT.test(text.slice(Math.max(0, m.index - CONTEXT_BEFORE), m.index));
      // new ClientSecretCredential(tenantId, clientId, "secret")
      if (text.startsWith("Credential", keyEnd)) {
        let open = keyEnd + "Credential".length;
        while (open < to && (text[open] === " " || text[open] === "\t")) open++;
        const arg = callArgument(text, open, 2);
        const lit = arg === undefined ? undefined : stringLiteralAt(text, arg);
        // The value must look like a secret: samples write `"clientSecret"` or `"<secret>"` there.
        const shape = lit && !continuesWithConcat(text, lit.end + 1) ? entraSecretShape(lit.value) : undefined;
        if (lit && shape) {
          out.push({
            start: lit.start,
            end: lit.end,
            severity: shape === "8Q~-bad-checksum" ? "warning" : "error",
            fields: { format: shape, context: "ClientSecretCredential" },
          });
        }
        continue;
      }
      if (isIdentChar(text.charCodeAt(keyEnd)) || text.charCodeAt(keyEnd) === 45 /* - */) continue; // clientSecretName
      // A builder call: new ClientSecretCredentialBuilder().clientSecret("..."), .WithClientSecret("...")
      if (text[keyEnd] === "(") {
        const arg = callArgument(text, keyEnd, 0);
        const lit = arg === undefined ? undefined : stringLiteralAt(text, arg);
        if (lit && !continuesWithConcat(text, lit.end + 1)) {
          const c = accept(text, lit, path, true, m[0]);
          if (c) out.push(c);
        }
        continue;
      }
      // A command-line flag: --client-secret <value>
      const flag = text.startsWith("--", m.index - 2) && (text[keyEnd] === " " || text[keyEnd] === "\t");
      const span = flag ? flagValue(text, keyEnd) : valueAfterKey(text, keyEnd);
      if (!span) continue;
      const c = accept(text, span, path, azure || /^(?:azure|arm|aad)_/i.test(text.slice(Math.max(0, m.index - 6), m.index)), m[0]);
      if (c) out.push(c);
    }
    // az login --service-principal -u <app-id> -p <secret> --tenant <tenant>
    const lower = hay.toLowerCase();
    let cmdEnd = -1;
    for (let i = lower.indexOf("--service-principal"); i !== -1; i = lower.indexOf("--service-principal", i + 19)) {
      if (from + i < cmdEnd) continue; // this command was read already
      const cmd = commandAround(text, from + i);
      cmdEnd = cmd.end;
      const re = /(?:^|\s)(?:-p|--password|--secret)(?=[ \t=])[ \t=]+/g;
      const body = text.slice(cmd.start, cmd.end);
      for (let f = re.exec(body); f !== null; f = re.exec(body)) {
        const span = flagValue(text, cmd.start + f.index + f[0].length - 1);
        if (!span) continue;
        // `az ad sp create-for-rbac` used to issue GUID passwords: after -p a GUID is the secret.
        if (GUID.test(span.value) && !isPlaceholder(span.value)) {
          out.push({ start: span.start, end: span.end, fields: { format: "guid", context: "az login --service-principal" },
            note: "A GUID password, as older `az ad sp create-for-rbac` versions issued them." });
          continue;
        }
        const c = accept(text, span, "", true, "az login --service-principal");
        if (c) out.push(c);
      }
    }
    return out;
  },
  samples() {
    const legacy = fakeFromAlphabet(34, ENTRA_SECRET_ALPHABET, "entra-assign-legacy");
    const b64 = fakeBase64(32, "entra-assign-b64");
    const free = fakeFromAlphabet(24, ENTRA_SECRET_ALPHABET, "entra-assign-free");
    const h = fakeHex(32, "entra-assign-guid");
    const guidPassword = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
    return {
      positive: [
        `const cred = new ClientSecretCredential(\n  process.env.AZURE_TENANT_ID!,\n  config.get("clientId"),\n  "${free}",\n);`,
        `AZURE_CLIENT_SECRET=${legacy}\n`,
        `const msalConfig = {\n  auth: {\n    clientId: "4a1aa1d5-c567-49d0-ad0b-cd957a47f842",\n    authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com",\n    clientSecret: '${b64}',\n  },\n};`,
        `<appSettings>\n  <add key="ida:ClientSecret" value="${legacy}" />\n</appSettings>`,
        `provider "azurerm" {\n  features {}\n  client_secret = "${legacy}"\n}`,
        `authentication: {\n  type: "azure-active-directory-service-principal-secret",\n  options: { clientId, tenantId, clientSecret: "${legacy}" },\n}`,
        `"parameters": {\n  "aadClientSecret": {\n    "value": "${legacy}"\n  }\n}`,
        `const body = new URLSearchParams();\nbody.append("grant_type", "client_credentials");\nbody.append("client_id", clientId);\nbody.append("client_secret", "${legacy}");\nawait fetch("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", { method: "POST", body });`,
        `app = msal.ConfidentialClientApplication(\n    CLIENT_ID,\n    authority="https://login.microsoftonline.com/contoso.onmicrosoft.com",\n    client_credential="${legacy}",\n)`,
        `var app = ConfidentialClientApplicationBuilder.Create(clientId)\n    .WithClientSecret("${b64}")\n    .WithTenantId(tenantId)\n    .Build();`,
        `az login --service-principal \\\n  -u 4a1aa1d5-c567-49d0-ad0b-cd957a47f842 \\\n  -p '${legacy}' \\\n  --tenant contoso.onmicrosoft.com`,
        `az login --service-principal -u 4a1aa1d5-c567-49d0-ad0b-cd957a47f842 -p ${guidPassword} --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47`,
      ],
      negative: [
        "AZURE_CLIENT_SECRET=${{ secrets.AZURE_CLIENT_SECRET }}",
        "const cred = new ClientSecretCredential(tenantId, clientId, process.env.AZURE_CLIENT_SECRET!);",
        // Found in a public sample: words standing in for the values.
        'return new ClientSecretCredential("tenantId", "clientId", "clientSecret", options);',
        `auth: { clientId, clientSecret: config.clientSecret }`,
        `{ "ClientSecret": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sp-secret/)" }`,
        // A GitHub OAuth app's secret with no Azure hint nearby.
        `github:\n  client_secret: ${fakeFromAlphabet(40, "0123456789abcdef", "gh-oauth")}`,
        `clientSecretExpiry: "2026-01-01"`,
        `const clientSecret = await secretClient.getSecret("sp-secret");`,
        `client_secret: <client-secret>`,
        `app = msal.ConfidentialClientApplication(CLIENT_ID, client_credential={"thumbprint": THUMBPRINT, "private_key": key})`,
        `var app = ConfidentialClientApplicationBuilder.Create(clientId).WithClientSecret(config["AzureAd:ClientSecret"]).Build();`,
        'az login --service-principal -u "$AZURE_CLIENT_ID" -p "$AZURE_CLIENT_SECRET" --tenant "$AZURE_TENANT_ID"',
        "- uses: azure/login@v2\n  with:\n    client-id: ${{ secrets.AZURE_CLIENT_ID }}\n    client-secret: ${{ secrets.AZURE_CLIENT_SECRET }}",
        // The secret's ID from the portal, a GUID, is not the secret.
        `AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_SECRET_ID=0b4f3c2e-9a7d-4e61-8c35-2f1d6a9e7b40\n"ClientSecret": "0b4f3c2e-9a7d-4e61-8c35-2f1d6a9e7b40"`,
      ],
    };
  },
};
