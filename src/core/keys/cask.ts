/**
 * CASK-legacy ("Common Annotated Security Key") keys, the 84-character (63-byte) and 88-character
 * (64-byte, long form) base62 keys that newer Azure services issue (AI services / Azure OpenAI,
 * DevOps PATs, App Configuration, Maps, Communication Services, Event Grid, ...).
 *
 * Layout (0-based character offsets, credential-formats.md "CASK"):
 *   0-51   random base62
 *   52-56  `JQQJ9`
 *   57     kind: `9` standard, `D` derived, `H` hashed data
 *   58     year (`A` = 2024), 59 month `A`-`L`
 *   60-71  platform-reserved, 72-75 provider-reserved (e.g. `AAAB` = Azure OpenAI for `ACOG`)
 *   76-79  provider signature (`ACOG`, `AZDO`, `AZAC`, `AZMP`, `AZCS`, `AZEG`, ...)
 *   80-83  checksum (short form); 80-87 with `==` (long form)
 *
 * Checksum: Marvin32 (seed `Default0`) over the 60 bytes the first 80 characters decode to.
 * Short form: the last 4 characters are the first 4 characters of that 32-bit value's
 * little-endian bytes written in base62 (digits `0-9A-Za-z`, the bytes read as one big-endian
 * number, a `0` per leading zero byte), or, as a fallback, in standard base64.
 * Long form: the 64 decoded bytes are an HIS v1 identifiable key (checksum = last 4 bytes).
 */
import { decodeBase64, encodeBase64 } from "../text/base64.js";
import { identifiableSeed } from "./identifiable.js";
import { marvin32, seedFromAscii } from "./marvin.js";

export const CASK_LENGTH = 84;
export const CASK_LONG_LENGTH = 88;
export const CASK_FIXED_OFFSET = 52;
export const CASK_PROVIDER_RESERVED_OFFSET = 72;
export const CASK_PROVIDER_OFFSET = 76;

const CHECKSUM_SEED = seedFromAscii("Default0");
const BASE62_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_RANDOM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The fixed structure, anchored: 52 base62, `JQQJ9`, kind, year, month, 16 reserved, provider
 * (first character a letter), 4 checksum characters, optionally 2 more and `==` (long form).
 */
const STRUCTURE = /^[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}[A-Za-z][A-Za-z0-9]{3}[A-Za-z0-9+/]{4}(?:[A-Za-z0-9+/]{2}==)?$/;

export type CaskKind = "standard" | "derived" | "hashed";

export interface CaskParts {
  readonly kind: CaskKind;
  /** Creation year and month (from the two date characters). */
  readonly year: number;
  readonly month: number;
  readonly platformReserved: string;
  readonly providerReserved: string;
  /** Provider signature, e.g. `ACOG`; upper-case means customer-managed. */
  readonly provider: string;
  readonly longForm: boolean;
}

/** Parse the fixed structure (no checksum check). */
export function parseCask(key: string): CaskParts | undefined {
  if (!STRUCTURE.test(key)) return undefined;
  return {
    kind: key[57] === "D" ? "derived" : key[57] === "H" ? "hashed" : "standard",
    year: 2024 + key.charCodeAt(58) - 65,
    month: key.charCodeAt(59) - 64,
    platformReserved: key.slice(60, 72),
    providerReserved: key.slice(CASK_PROVIDER_RESERVED_OFFSET, CASK_PROVIDER_OFFSET),
    provider: key.slice(CASK_PROVIDER_OFFSET, CASK_PROVIDER_OFFSET + 4),
    longForm: key.length === CASK_LONG_LENGTH,
  };
}

/** Base62 text of a byte string read as one big-endian number, one `0` per leading zero byte. */
export function base62OfBytes(bytes: Uint8Array): string {
  let leadingZeros = 0;
  while (leadingZeros < bytes.length - 1 && bytes[leadingZeros] === 0) leadingZeros++;
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  let digits = "";
  do {
    digits = BASE62_DIGITS[Number(value % 62n)]! + digits;
    value /= 62n;
  } while (value > 0n);
  return "0".repeat(leadingZeros) + digits;
}

function checksumBytes(first80: string): Uint8Array | undefined {
  const body = decodeBase64(first80);
  if (!body || body.length !== 60) return undefined;
  const sum = marvin32(body, CHECKSUM_SEED);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, sum, true);
  return out;
}

/** The short-form checksum characters for a key's first 80 characters (base62 encoding). */
export function caskChecksumChars(first80: string): string | undefined {
  const bytes = checksumBytes(first80);
  if (!bytes) return undefined;
  const text = base62OfBytes(bytes);
  return text.length >= 4 ? text.slice(0, 4) : undefined;
}

/** True when the checksum of a structurally valid CASK-legacy key matches. */
export function hasValidCaskChecksum(key: string): boolean {
  if (key.length === CASK_LONG_LENGTH) return identifiableSeed(key, ["Default0"]) !== undefined;
  if (key.length !== CASK_LENGTH) return false;
  const bytes = checksumBytes(key.slice(0, 80));
  if (!bytes) return false;
  const partial = key.slice(80);
  const b62 = base62OfBytes(bytes);
  if (b62.length >= 4 && b62.startsWith(partial)) return true;
  return encodeBase64(bytes).startsWith(partial);
}

/** Structure and checksum. Returns the parts of a valid key, or undefined. */
export function validateCask(key: string): CaskParts | undefined {
  const parts = parseCask(key);
  return parts && hasValidCaskChecksum(key) ? parts : undefined;
}

export interface MakeCaskOptions {
  /** Provider signature, 4 characters (e.g. `ACOG`). */
  readonly provider: string;
  /** Provider-reserved characters, 4 base62 characters (default `AAAA`). */
  readonly providerReserved?: string;
  readonly kind?: "9" | "D" | "H";
  /** Year and month characters (default `BF`: June 2025). */
  readonly date?: string;
  readonly longForm?: boolean;
}

/**
 * Generate a fake, checksum-valid CASK-legacy key (for samples and tests). `random` supplies the
 * random characters; generation retries (rarely) when the base62 checksum would be too short.
 */
export function makeCaskKey(options: MakeCaskOptions, random: () => number): string {
  const reserved = options.providerReserved ?? "AAAA";
  const pick = (n: number): string => {
    let s = "";
    for (let i = 0; i < n; i++) s += BASE62_RANDOM[Math.floor(random() * 62)]!;
    return s;
  };
  for (;;) {
    const first80 =
      pick(52) + "JQQJ9" + (options.kind ?? "9") + (options.date ?? "BF") + pick(12) + reserved + options.provider;
    const bytes = checksumBytes(first80)!;
    if (options.longForm) {
      const all = new Uint8Array(64);
      all.set(decodeBase64(first80)!, 0);
      all.set(bytes, 60);
      const key = encodeBase64(all);
      if (parseCask(key)) return key;
      continue;
    }
    const chars = caskChecksumChars(first80);
    if (chars) return first80 + chars;
  }
}

/** Product names behind the `ACOG` provider, by provider-reserved character `AAAx` (x = base64 index). */
const COGNITIVE_PRODUCTS = [
  "Azure AI services", "Azure OpenAI", "Anomaly Detector (EE)", "Anomaly Detector", "Cognitive Services",
  "Computer Vision", "Content Moderator", "Content Safety", "Custom Vision prediction", "Custom Vision training",
  "Face", "Form Recognizer", "Health Decision Support", "Health Insights", "Immersive Reader",
  "Internal all-in-one", "Knowledge", "LUIS authoring", "LUIS", "Metrics Advisor", "Personalizer", "QnA Maker",
  "QnA Maker v2", "Speaker Recognition", "Speech", "Speech Translation", "Text Analytics", "Translator",
  "Dummy (test key)", "Transcription Intelligence", "Video Intelligence", "Bing Autosuggest", "Bing Autosuggest v7",
  "Bing Custom Search", "Bing Custom Visual Search", "Bing Entity Search", "Bing Search", "Bing Search v7",
  "Bing Speech", "Bing Spell Check", "Bing Spell Check v7",
] as const;

/** The Dummy Cognitive Services provider (`AAAc` + `ACOG`): published test keys, not secrets. */
export const isDummyCask = (parts: CaskParts): boolean => parts.provider === "ACOG" && parts.providerReserved === "AAAc";

/** The product an `ACOG` key belongs to, from its provider-reserved characters. */
export function cognitiveProduct(parts: CaskParts): string | undefined {
  if (parts.provider !== "ACOG" || !parts.providerReserved.startsWith("AAA")) return undefined;
  return COGNITIVE_PRODUCTS[BASE64_STD.indexOf(parts.providerReserved[3]!)];
}
