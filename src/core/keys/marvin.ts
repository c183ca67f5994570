/**
 * Marvin32, the .NET string-hash function Microsoft uses for the checksums of its identifiable
 * key formats. Operates on 32-bit little-endian words; all arithmetic is mod 2^32.
 */

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

/** Seed from 8 ASCII characters read as a big-endian unsigned 64-bit integer ("Default0"). */
export function seedFromAscii(chars: string): bigint {
  if (chars.length !== 8) throw new RangeError("a Marvin seed is 8 ASCII characters");
  let seed = 0n;
  for (let i = 0; i < 8; i++) seed = (seed << 8n) | BigInt(chars.charCodeAt(i) & 0xff);
  return seed;
}

/** The 64-bit Marvin hash as [hi32, lo32]. */
export function marvin64(data: Uint8Array, seed: bigint): [number, number] {
  let p0 = Number(seed & 0xffffffffn) >>> 0;
  let p1 = Number((seed >> 32n) & 0xffffffffn) >>> 0;
  const block = (): void => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) {
    p0 = (p0 + view.getUint32(i, true)) >>> 0;
    block();
  }
  const rest = data.byteLength - whole;
  let final: number;
  if (rest === 0) final = 0x80;
  else if (rest === 1) final = 0x8000 | data[whole]!;
  else if (rest === 2) final = 0x800000 | data[whole]! | (data[whole + 1]! << 8);
  else final = (0x80000000 | data[whole]! | (data[whole + 1]! << 8) | (data[whole + 2]! << 16)) >>> 0;
  p0 = (p0 + final) >>> 0;
  block();
  block();
  return [p1, p0];
}

/** The 32-bit Marvin hash: hi32 XOR lo32, unsigned. */
export function marvin32(data: Uint8Array, seed: bigint): number {
  const [hi, lo] = marvin64(data, seed);
  return (hi ^ lo) >>> 0;
}
