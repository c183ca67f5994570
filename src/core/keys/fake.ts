/**
 * Deterministic generators of fake, format-correct credentials for detector samples, tests, the
 * example app and benchmarks. Nothing realistic is ever committed as a literal: it is made here.
 */
import { encodeBase64 } from "../text/base64.js";
import { makeIdentifiableKey } from "./identifiable.js";

/** A small seeded PRNG (mulberry32): the same label always yields the same fake. */
export function rng(label: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeBytes(n: number, label: string): Uint8Array {
  const r = rng(label);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 256);
  return out;
}

/** Random base64 of `n` bytes (88 chars for 64 bytes, 44 for 32). */
export const fakeBase64 = (n: number, label: string, urlSafe = false): string =>
  encodeBase64(fakeBytes(n, label), urlSafe, true);

export function fakeFromAlphabet(length: number, alphabet: string, label: string): string {
  const r = rng(label);
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
  return s;
}

export const HEX = "0123456789abcdef";
export const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const fakeHex = (length: number, label: string): string => fakeFromAlphabet(length, HEX, label);

export const fakeIdentifiable = (keyBytes: number, signature: string, seed: string, label: string, urlSafe = false): string =>
  makeIdentifiableKey(keyBytes, signature, seed, rng(label), urlSafe);
