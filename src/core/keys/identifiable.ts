/**
 * Microsoft's identifiable key formats ("HIS v1"): a 4-character signature followed by a Marvin32
 * checksum of everything before the checksum. See shared/reference/credential-formats.md.
 */
import { decodeBase64, encodeBase64 } from "../text/base64.js";
import { marvin32, seedFromAscii } from "./marvin.js";

const seedCache = new Map<string, bigint>();
const seedOf = (ascii: string): bigint => {
  let seed = seedCache.get(ascii);
  if (seed === undefined) seedCache.set(ascii, (seed = seedFromAscii(ascii)));
  return seed;
};

/**
 * Validate an identifiable key's checksum against any of the given seeds. Returns the seed that
 * matched, or undefined.
 */
export function identifiableSeed(key: string, seeds: readonly string[]): string | undefined {
  const bytes = decodeBase64(key);
  if (!bytes || bytes.length < 8) return undefined;
  const body = bytes.subarray(0, bytes.length - 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4);
  const checksum = view.getUint32(0, true);
  for (const s of seeds) if (marvin32(body, seedOf(s)) === checksum) return s;
  return undefined;
}

export const isIdentifiableKey = (key: string, seeds: readonly string[]): boolean =>
  identifiableSeed(key, seeds) !== undefined;

/** Offset of the 4-character signature in an encoded key of `encodedLength` with `padding` '='. */
export const signatureOffset = (encodedLength: number, padding: number): number => encodedLength - padding - 10;

/**
 * Generate a fake identifiable key (for samples and tests): `keyBytes` bytes, the signature at its
 * place, a valid checksum for `seed`. `random` supplies the random prefix characters.
 */
export function makeIdentifiableKey(
  keyBytes: number,
  signature: string,
  seed: string,
  random: () => number,
  urlSafe = false,
): string {
  const alphabet = urlSafe
    ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const encodedLength = Math.ceil(keyBytes / 3) * 4;
  const padding = (3 - (keyBytes % 3)) % 3;
  const sig = signatureOffset(encodedLength, padding);
  let draft = "";
  for (let i = 0; i < sig; i++) draft += alphabet[Math.floor(random() * 64)]!;
  draft += signature;
  draft += "A".repeat(encodedLength - padding - draft.length) + "=".repeat(padding);
  const bytes = decodeBase64(draft)!;
  const checksum = marvin32(bytes.subarray(0, keyBytes - 4), seedOf(seed));
  new DataView(bytes.buffer, bytes.byteOffset + keyBytes - 4, 4).setUint32(0, checksum, true);
  return encodeBase64(bytes, urlSafe, true);
}
