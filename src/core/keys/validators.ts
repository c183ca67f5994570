/**
 * Shared validators: cheap structural checks that turn pattern matches into findings.
 * Order of use: shape (length, alphabet, decoding) -> checksum -> placeholder -> entropy.
 */
import { decodeBase64 } from "../text/base64.js";

const PLACEHOLDER_MARKERS = [
  "<", ">", "${", "$(", "{{", "}}", "#{", "%", "@microsoft.keyvault", "your", "placeholder", "replace",
  "changeme", "qwerty", "change_me", "change-me", "redacted", "example", "sample", "dummy", "fake", "insert",
  "secret_here", "key_here", "todo", "****", "xxxx", "....", "____", "----", "0000", "1234567",
  "abcdef", "process.env", "env.", "listkeys(", "getenv", "sas_key_value", "...", "…",
];

/**
 * True when `value` is a template, reference or dummy rather than a real secret: `<your-key>`,
 * `${VAR}`, `$(Var)`, `{{ x }}`, `#{Key}#`, `%KEY%`, `xxxx`, `***`, Key Vault references, ...
 */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  for (const m of PLACEHOLDER_MARKERS) if (v.includes(m)) return true;
  return distinctChars(value) < Math.min(8, Math.ceil(value.length / 4));
}

export function distinctChars(value: string): number {
  return new Set(value).size;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** True when `value` is valid base64 decoding to exactly `bytes` bytes. */
export function isBase64OfLength(value: string, bytes: number): boolean {
  const decoded = decodeBase64(value);
  return decoded !== undefined && decoded.length === bytes;
}

/**
 * A plausible random key: not a placeholder, mixed character classes, enough entropy. Used as the
 * last filter for formats without structure (legacy keys, passwords near strong context).
 */
export function looksRandom(value: string, minEntropy = 3.5): boolean {
  if (isPlaceholder(value)) return false;
  return entropy(value) >= minEntropy;
}

/** Characters that may surround a secret inside quotes, URLs, key=value lists. */
export const isBoundary = (code: number | undefined): boolean =>
  code === undefined || !((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 43 || code === 47 || code === 61);
