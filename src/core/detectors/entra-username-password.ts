import { fakeFromAlphabet } from "../keys/fake.js";
import { isPlausiblePassword } from "../detect/host-secrets.js";
import { callArgument, isReference, stringLiteralAt, valueAfterKey } from "../text/literal-context.js";
import type { Candidate, Detector } from "../types.js";

const CALL = /UsernamePasswordCredential|acquireTokenByUsernamePassword/gi;
const PASSWORD_KEY = /\bpassword\b/gi;
const PW_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+-=?@";

/** End of the call whose `(` is at `open` (the matching `)`), within `limit` characters. */
function callEnd(text: string, open: number, limit: number): number {
  const max = Math.min(text.length, open + limit);
  let depth = 0;
  for (let i = open; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return max;
}

const usable = (v: string): boolean => isPlausiblePassword(v) && !isReference(v);

export const entraUsernamePassword: Detector = {
  id: "entra-username-password",
  service: "entra-id",
  title: "Microsoft Entra ID user password in a token request",
  description:
    "A literal user password passed to `new UsernamePasswordCredential(tenantId, clientId, username, password)` or MSAL `acquireTokenByUsernamePassword({ username, password })`. This is a real person's (or a shared account's) password, and the resource-owner password flow it uses is deprecated and fails under multi-factor authentication.",
  keywords: ["usernamepasswordcredential", "acquiretokenbyusernamepassword"],
  window: { before: 0, after: 700 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    const hay = text.slice(from, to);
    CALL.lastIndex = 0;
    for (let c = CALL.exec(hay); c !== null; c = CALL.exec(hay)) {
      const m = { index: from + c.index, 0: c[0] };
      let open = m.index + m[0].length;
      while (open < text.length && (text[open] === " " || text[open] === "\t")) open++;
      if (text[open] !== "(") continue;
      const end = callEnd(text, open, 700);
      // Positional: new UsernamePasswordCredential(tenantId, clientId, username, "password")
      if (/^UsernamePasswordCredential$/i.test(m[0])) {
        const arg = callArgument(text, open, 3, 700);
        const lit = arg === undefined ? undefined : stringLiteralAt(text, arg);
        if (lit && usable(lit.value)) {
          out.push({ start: lit.start, end: lit.end, fields: { context: m[0] } });
          continue;
        }
      }
      // Named: password="..." (Python keyword argument) or { password: "..." } (MSAL request).
      const call = text.slice(open, end);
      PASSWORD_KEY.lastIndex = 0;
      for (let p = PASSWORD_KEY.exec(call); p !== null; p = PASSWORD_KEY.exec(call)) {
        const v = valueAfterKey(text, open + p.index + p[0].length);
        if (v && v.quoted && v.end <= end && usable(v.value)) out.push({ start: v.start, end: v.end, fields: { context: m[0] } });
      }
    }
    return out;
  },
  samples() {
    const pw1 = fakeFromAlphabet(14, PW_ALPHABET, "entra-upw-1");
    const pw2 = fakeFromAlphabet(12, PW_ALPHABET, "entra-upw-2");
    const pw3 = fakeFromAlphabet(16, PW_ALPHABET, "entra-upw-3");
    return {
      positive: [
        `const credential = new UsernamePasswordCredential(\n  tenantId,\n  clientId,\n  "svc-reports@contoso.com",\n  "${pw1}",\n);`,
        `credential = UsernamePasswordCredential(client_id=CLIENT_ID, username="ops@contoso.com", password="${pw2}")`,
        `const result = await pca.acquireTokenByUsernamePassword({\n  scopes: ["User.Read"],\n  username: "kiosk@contoso.com",\n  password: '${pw3}',\n});`,
      ],
      negative: [
        "const credential = new UsernamePasswordCredential(tenantId, clientId, username, password);",
        "new UsernamePasswordCredential(tenantId, clientId, process.env.AAD_USER!, process.env.AAD_PASSWORD!)",
        `await pca.acquireTokenByUsernamePassword({ scopes, username, password: "<password>" });`,
        "// UsernamePasswordCredential is deprecated: use ManagedIdentityCredential",
        // Prose about the call, with the parameter name quoted.
        'Positional: new UsernamePasswordCredential(tenantId, clientId, username, "password")',
      ],
    };
  },
};
