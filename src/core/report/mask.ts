/**
 * Masking of free text that did not come from a finding: error messages, debug stack traces, file
 * paths echoed back, test names. Two passes:
 * 1. the engine scans the text; every secret it finds is replaced by redact();
 * 2. any remaining long random-looking token (24+ characters of a key alphabet, `/` included, with
 *    upper case, lower case, digits and high entropy: a bare key pasted as a path or a flag, where
 *    no keyword gives the engine its context) is replaced by redact() too. Ordinary paths and
 *    camelCase names stay readable (their entropy is lower).
 */
import { scanText } from "../engine/scan-all.js";
import { redact } from "./redact.js";
import { entropy } from "../keys/validators.js";

const TOKEN = /[A-Za-z0-9+/=_~%-]{24,}/g;
const RANDOM = (t: string): boolean =>
  /[A-Z]/.test(t) && /[a-z]/.test(t) && /[0-9]/.test(t) && entropy(t) >= Math.min(4.3, Math.log2(t.length) - 0.5);

export function maskSecrets(text: string): string {
  const findings = scanText(text).sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const f of findings) {
    if (f.start < pos) continue;
    out += text.slice(pos, f.start) + redact(f.secret);
    pos = f.end;
  }
  out += text.slice(pos);
  return out.replace(TOKEN, (t) => (RANDOM(t) ? redact(t) : t));
}
