/**
 * Masking of free text that did not come from a finding: error messages, debug stack traces, file
 * paths echoed back. The engine scans the text; every secret it finds is replaced by redact().
 */
import { scanText } from "./index.js";
import { redact } from "./redact.js";

export function maskSecrets(text: string): string {
  const findings = scanText(text).sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const f of findings) {
    if (f.start < pos) continue;
    out += text.slice(pos, f.start) + redact(f.secret);
    pos = f.end;
  }
  return out + text.slice(pos);
}
