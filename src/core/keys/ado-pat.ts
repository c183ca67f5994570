/**
 * Legacy Azure DevOps personal access tokens: 52 lower-case base32 characters (`[a-z2-7]{52}`)
 * decoding to 32 bytes, with an embedded CRC32 (credential-formats.md item 9):
 * CRC32 (IEEE) of 28 of the bytes (0-1, 3-6, 9-21, 23-31), XOR a magic number (user or
 * application PAT), equals the little-endian UInt32 made of bytes 22, 8, 7 and 2.
 */

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const BASE32_LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  BASE32_LOOKUP[BASE32.charCodeAt(i)] = i;
  BASE32_LOOKUP[BASE32.toUpperCase().charCodeAt(i)] = i;
}

/** The two magic numbers: user PATs and application PATs. */
export const ADO_PAT_MAGIC = { user: 0xe0b9692d, application: 0x1019f92e } as const;
export type AdoPatKind = keyof typeof ADO_PAT_MAGIC;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by zlib. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Base32 (RFC 4648 alphabet, either case, no padding), most significant bit first. Trailing bits are dropped. */
export function decodeBase32(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? BASE32_LOOKUP[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (o < out.length) out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(acc >> bits) & 31]!;
    }
  }
  if (bits > 0) out += BASE32[(acc << (5 - bits)) & 31]!;
  return out;
}

const CHECKSUMMED = [0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31];

function computed(bytes: Uint8Array): number {
  const body = new Uint8Array(CHECKSUMMED.length);
  CHECKSUMMED.forEach((from, i) => (body[i] = bytes[from]!));
  return crc32(body);
}

const embedded = (bytes: Uint8Array): number =>
  (bytes[22]! | (bytes[8]! << 8) | (bytes[7]! << 16) | (bytes[2]! << 24)) >>> 0;

/** Which kind of PAT the token's checksum says it is, or undefined when the checksum fails. */
export function adoPatKind(token: string): AdoPatKind | undefined {
  if (token.length !== 52) return undefined;
  const bytes = decodeBase32(token);
  if (!bytes || bytes.length !== 32) return undefined;
  const sum = embedded(bytes);
  const crc = computed(bytes);
  if (((crc ^ ADO_PAT_MAGIC.user) >>> 0) === sum) return "user";
  if (((crc ^ ADO_PAT_MAGIC.application) >>> 0) === sum) return "application";
  return undefined;
}

export const isValidAdoPat = (token: string): boolean => adoPatKind(token) !== undefined;

/** Generate a fake legacy PAT with a valid checksum (for samples and tests). */
export function makeAdoPat(random: () => number, kind: AdoPatKind = "user"): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Math.floor(random() * 256);
  const sum = (computed(bytes) ^ ADO_PAT_MAGIC[kind]) >>> 0;
  bytes[22] = sum & 0xff;
  bytes[8] = (sum >>> 8) & 0xff;
  bytes[7] = (sum >>> 16) & 0xff;
  bytes[2] = (sum >>> 24) & 0xff;
  return encodeBase32(bytes);
}
