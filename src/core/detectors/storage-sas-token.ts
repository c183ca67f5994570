import {
  hostOf,
  parseSasQuery,
  percentDecode,
  sasKind,
  sasSignatureLooksReal,
  serviceFromHost,
} from "../keys/connection-string.js";
import { fakeBase64 } from "../keys/fake.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import { STORAGE_EMULATOR_NOTE, isEmulatorSignedAccountSas, isLocalHost } from "../keys/well-known.js";

/** `sig=` as a parameter name: after a separator, `&amp;` or a JSON `\u0026` (Next.js page data). */
const SIG = /(?:(?<![A-Za-z0-9_-])|(?<=\\u0026))sig=/g;
const EMULATOR_SAS_NOTE = `${STORAGE_EMULATOR_NOTE} This SAS targets the local emulator or is signed with its published key.`;
/** Storage service versions are dates (`sv=2022-11-02`); Logic Apps trigger URLs use `sv=1.0`. */
const STORAGE_VERSION = /^\d{4}-\d{2}-\d{2}$/;
const MAX_QUERY = 1500;
const MAX_URL = 400;

/** Characters that cannot occur inside a URL or query string written in code or config. */
const isUrlStop = (c: number): boolean =>
  c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 40 || c === 41 || c === 44 ||
  c === 123 || c === 125 || c === 91 || c === 93 || c === 124 || c === 92 || c === 35 || c === 127;

/**
 * Start of the query string holding the parameter at `at`: just after `?`, or after a character
 * that cannot be in a query; an enclosing assignment (`SAS_TOKEN=sv=...`) is skipped.
 */
function queryStart(text: string, at: number): number {
  const lo = Math.max(0, at - MAX_QUERY);
  let i = at;
  while (i > lo) {
    const c = text.charCodeAt(i - 1);
    if (c === 63 /* ? */) return i;
    // A JSON-escaped `&` (`\u0026`) inside the query.
    if (c === 54 /* 6 */ && i >= 6 && text.startsWith("\\u0026", i - 6)) {
      i -= 6;
      continue;
    }
    if (isUrlStop(c) || (c === 59 /* ; */ && !text.startsWith("&amp", i - 5))) break;
    i--;
  }
  // `name=sv=2022-...&...`: the first segment holds two `=`; the query starts after the first.
  // Bounded by `at` (indexOf would search to the end of the text for every `sig=`: quadratic).
  let firstEnd = i;
  while (firstEnd < at && text.charCodeAt(firstEnd) !== 38 /* & */) firstEnd++;
  let eq1 = i;
  while (eq1 < firstEnd && text.charCodeAt(eq1) !== 61 /* = */) eq1++;
  if (eq1 < firstEnd) {
    let eq2 = eq1 + 1;
    while (eq2 < firstEnd && text.charCodeAt(eq2) !== 61) eq2++;
    if (eq2 < firstEnd && /^[a-z]{1,8}$/.test(text.slice(eq1 + 1, eq2))) return eq1 + 1;
  }
  return i;
}

/** The URL just before a `?` at `q` (scheme://host/path), if any. */
function urlBefore(text: string, q: number): { start: number; url: string } | undefined {
  const lo = Math.max(0, q - MAX_URL);
  let i = q;
  while (i > lo && !isUrlStop(text.charCodeAt(i - 1))) i--;
  const seg = text.slice(i, q);
  const s = seg.indexOf("://");
  if (s < 0) return undefined;
  let b = s;
  while (b > 0 && /[A-Za-z]/.test(seg[b - 1]!)) b--;
  return { start: i + b, url: seg.slice(b) };
}

export const storageSasToken: Detector = {
  id: "storage-sas-token",
  service: "storage",
  title: "Azure Storage SAS token",
  description:
    "A Storage shared access signature (account SAS, service SAS or user-delegation SAS) in a query string or SAS URL: a `sig=` HMAC-SHA256 signature next to a date-shaped `sv=` version and `se=`/`sp=`/`si=`. Anyone holding it gets the granted permissions until it expires. User-delegation SAS (`skoid=`) is signed through Microsoft Entra ID but is still a bearer secret.",
  keywords: ["sig="],
  window: { before: MAX_QUERY, after: 80 },
  severity: "error",
  priority: 60,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    SIG.lastIndex = from;
    // One parse serves every `sig=` of the same query string (keeps adversarial input linear).
    let last: { qs: number; q: ReturnType<typeof parseSasQuery> } | undefined;
    for (let m = SIG.exec(text); m !== null && m.index < to; m = SIG.exec(text)) {
      const sigAt = m.index;
      if (!last || sigAt < last.q.start || sigAt >= last.q.end) {
        const start = queryStart(text, sigAt);
        last = { qs: start, q: parseSasQuery(text, start, Math.min(text.length, sigAt + MAX_QUERY)) };
      }
      const { qs, q } = last;
      const sig = q.params.find((p) => p.nameStart === sigAt);
      if (!sig) continue;
      const sv = q.value("sv");
      if (!sv || !STORAGE_VERSION.test(percentDecode(sv))) continue;
      if (!(q.has("se") || q.has("sp") || q.has("si"))) continue;
      if (!sasSignatureLooksReal(sig.value) || isPlaceholder(percentDecode(sig.value))) continue;
      const fields: Record<string, string> = { sasKind: sasKind(q) };
      for (const p of ["sv", "ss", "srt", "sp", "se", "st", "spr", "sr", "si"]) {
        const v = q.value(p);
        if (v) fields[p] = percentDecode(v);
      }
      let container = { start: qs, end: q.end };
      let local = false;
      if (text.charCodeAt(qs - 1) === 63) {
        const url = urlBefore(text, qs - 1);
        if (url) {
          const host = hostOf(url.url);
          const service = host ? serviceFromHost(host) : undefined;
          if (service && service !== "storage") continue;
          if (host) {
            fields.host = host;
            if (service === "storage") fields.AccountName = host.slice(0, host.indexOf("."));
          }
          fields.resourceUrl = url.url;
          local = isLocalHost(host);
          container = { start: url.start, end: q.end };
        }
      }
      const decoded = (name: string): string | undefined => {
        const v = q.value(name);
        return v === undefined ? undefined : percentDecode(v);
      };
      if (isEmulatorSignedAccountSas(decoded)) {
        local = true;
        fields.signedWith = "emulator-key";
      }
      const note =
        fields.sasKind === "storage-user-delegation"
          ? "A user-delegation SAS: signed with a key obtained through Microsoft Entra ID, but still a bearer secret until it expires."
          : undefined;
      out.push({
        start: sig.valueStart,
        end: sig.valueEnd,
        fields,
        container,
        ...(local ? { severity: "info" as const, note: EMULATOR_SAS_NOTE } : note ? { note } : {}),
      });
    }
    return out;
  },
  samples() {
    const sig = (label: string) => encodeURIComponent(fakeBase64(32, label));
    const account = `sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2030-06-30T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig("sas-1")}`;
    const service = `sp=r&st=2024-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=${sig("sas-2")}`;
    const delegation = `sp=r&st=2024-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2024-01-01T00:00:00Z&ske=2030-01-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=c&sig=${sig("sas-3")}`;
    return {
      positive: [
        `const url = "https://acct1.blob.core.windows.net/uploads/report.pdf?${service}";`,
        `AZURE_STORAGE_SAS_TOKEN=?${account}`,
        `{ "containerSasUrl": "https://acct1.blob.core.windows.net/data?${delegation}" }`,
        `sas: "${account}"`,
        `<add key="QueueSas" value="?${account.replace(/&/g, "&amp;")}" />`,
        `curl -X PUT -H "x-ms-blob-type: BlockBlob" "https://acct1.blob.core.windows.net/c/f.txt?${service}" --data-binary @f.txt`,
        `// temporary: https://acct2.file.core.windows.net/share?${account}`,
        `const sas = "sig=${sig("sas-7")}&sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z";`,
      ],
      negative: [
        `https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig("sas-4").replace(/%3D$/, "")}`,
        `AZURE_STORAGE_SAS_TOKEN=?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&sig=<signature>`,
        `const sas = \`?sv=2022-11-02&sp=r&se=\${expiry}&sig=\${signature}\`;`,
        `SharedAccessSignature sr=sb%3a%2f%2fns1.servicebus.windows.net%2fq1&sig=${sig("sas-5")}&se=1893456000&skn=RootManageSharedAccessKey`,
        `https://example.com/download?id=42&sig=${sig("sas-6")}`,
        `?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&sig=abc123`,
      ],
    };
  },
};
