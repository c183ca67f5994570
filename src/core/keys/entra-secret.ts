/**
 * Microsoft Entra ID (Azure AD) application client secrets.
 *
 * Current secrets are 40 characters from the URL-unreserved alphabet `[A-Za-z0-9._~-]`: three random
 * characters, the version marker `8Q~`, 31 random characters and a 3-character checksum. The
 * checksum is Marvin32 (seed "AadPwd00") over the Latin-1 bytes of the first 37 characters,
 * written in base 66 with the alphabet `a-z A-Z 0-9 . - _ ~`, most significant digit first,
 * left-padded with `a` to six digits; the secret carries the first three of those six digits.
 * Older secrets use the marker `7Q~`, are 37 characters long and carry no checksum.
 * See shared/reference/credential-formats.md (item 8 of the checksum section).
 */
import { marvin32, seedFromAscii } from "./marvin.js";

export const ENTRA_SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~";
export const ENTRA_SECRET_SEED = seedFromAscii("AadPwd00");

/** Length of a current (`8Q~`) secret and of an older (`7Q~`) one. */
export const ENTRA_SECRET_LENGTH = 40;
export const ENTRA_SECRET_V7_LENGTH = 37;

/** True for a character of the secret alphabet (URL-unreserved). */
export const isEntraSecretChar = (code: number): boolean =>
  (code >= 48 && code <= 57) ||
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  code === 45 /* - */ ||
  code === 46 /* . */ ||
  code === 95 /* _ */ ||
  code === 126; /* ~ */

/** Encode an unsigned 32-bit value in base 66, most significant digit first, at least 6 digits. */
export function encodeEntraChecksum(value: number): string {
  let v = value >>> 0;
  let out = "";
  while (v > 0) {
    out = ENTRA_SECRET_ALPHABET[v % 66]! + out;
    v = Math.floor(v / 66);
  }
  return out.padStart(6, ENTRA_SECRET_ALPHABET[0]!);
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** The 3-character checksum an `8Q~` secret whose first 37 characters are `body` must end with. */
export function entraChecksum(body: string): string {
  return encodeEntraChecksum(marvin32(latin1(body), ENTRA_SECRET_SEED)).slice(0, 3);
}

/** The shape of a current secret: 40 alphabet characters with `8Q~` at offset 3. */
export function hasEntraV8Shape(secret: string): boolean {
  if (secret.length !== ENTRA_SECRET_LENGTH || !secret.startsWith("8Q~", 3)) return false;
  for (let i = 0; i < secret.length; i++) if (!isEntraSecretChar(secret.charCodeAt(i))) return false;
  return true;
}

/** The shape of an older secret: 37 alphabet characters with `7Q~` at offset 3 (no checksum). */
export function hasEntraV7Shape(secret: string): boolean {
  if (secret.length !== ENTRA_SECRET_V7_LENGTH || !secret.startsWith("7Q~", 3)) return false;
  for (let i = 0; i < secret.length; i++) if (!isEntraSecretChar(secret.charCodeAt(i))) return false;
  return true;
}

/** True when `secret` has the `8Q~` shape and its last 3 characters are the checksum of the rest. */
export function isValidEntraSecret(secret: string): boolean {
  return hasEntraV8Shape(secret) && entraChecksum(secret.slice(0, 37)) === secret.slice(37);
}

/**
 * Generate a fake, checksum-valid `8Q~` secret (samples, tests, the example app). `random` supplies
 * the 34 random characters.
 */
export function makeEntraSecret(random: () => number): string {
  let body = "";
  for (let i = 0; i < 3; i++) body += ENTRA_SECRET_ALPHABET[Math.floor(random() * 66)]!;
  body += "8Q~";
  for (let i = 0; i < 31; i++) body += ENTRA_SECRET_ALPHABET[Math.floor(random() * 66)]!;
  return body + entraChecksum(body);
}
