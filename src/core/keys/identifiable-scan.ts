/**
 * Find identifiable keys (HIS v1) by their 4-character signature inside a window: the signature
 * sits at a fixed offset, so each occurrence gives exactly one candidate span to check. Linear in
 * the window; the checksum (identifiable.ts) is the validator.
 */
import { identifiableSeed, signatureOffset } from "./identifiable.js";

const isB64 = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;

export interface IdentifiableHit {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  /** The seed whose checksum matched, or undefined when only the shape matched. */
  readonly seed: string | undefined;
}

/**
 * Every `bytes`-long standard-base64 key with `signature` at its place in [from, to). With
 * `shapeOnly`, keys whose checksum fails are returned too (seed undefined).
 */
export function findIdentifiable(
  text: string,
  from: number,
  to: number,
  signature: string,
  bytes: number,
  seeds: readonly string[],
  shapeOnly = false,
): IdentifiableHit[] {
  const length = Math.ceil(bytes / 3) * 4;
  const padding = (3 - (bytes % 3)) % 3;
  const offset = signatureOffset(length, padding);
  const out: IdentifiableHit[] = [];
  const hay = text.slice(from, to);
  for (let i = hay.indexOf(signature); i !== -1; i = hay.indexOf(signature, i + 1)) {
    const at = from + i;
    const start = at - offset;
    const end = start + length;
    if (start < 0 || end > text.length) continue;
    if (start > 0 && isB64(text.charCodeAt(start - 1))) continue;
    if (end < text.length && (isB64(text.charCodeAt(end)) || text.charCodeAt(end) === 61)) continue;
    let ok = true;
    for (let i = start; i < end - padding; i++) if (!isB64(text.charCodeAt(i))) ok = false;
    for (let i = end - padding; i < end; i++) if (text.charCodeAt(i) !== 61) ok = false;
    if (!ok) continue;
    const key = text.slice(start, end);
    const seed = identifiableSeed(key, seeds);
    if (seed !== undefined || shapeOnly) out.push({ start, end, key, seed });
  }
  return out;
}
