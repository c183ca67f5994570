import { firstStartAt } from "../text/window.js";

/**
 * Keyword bits: which of a detector's keywords occur in a window (DetectorInput.hits). A detector
 * made of several searches runs each one only in windows holding one of the keywords that every
 * match of that search contains: a window opened by `login` need not be searched for an
 * `.azurecr.io` config entry. The engine's windows are disjoint, and a hit opens a window that
 * reaches `window.before` characters back, so such a gate skips no match, provided each match
 * contains one of its keywords within `window.before` characters of the match's start.
 */

/** Bit 30 stands for every keyword from index 30 on (a detector may have more than 30). */
export const OVERFLOW_BIT = 30;

/** The bit of a detector's keyword (by its index in `keywords`). */
export const keywordBit = (index: number): number => 1 << Math.min(index, OVERFLOW_BIT);

/** The bits of `some` keywords in a detector's `keywords` (throws on a keyword it does not have). */
export function keywordBits(keywords: readonly string[], some: readonly string[]): number {
  const lower = keywords.map((k) => k.toLowerCase());
  let bits = 0;
  for (const k of some) {
    const i = lower.indexOf(k.toLowerCase());
    if (i < 0) throw new Error(`keywordBits: "${k}" is not one of the detector's keywords`);
    bits |= keywordBit(i);
  }
  return bits;
}

/** Whether the window may hold one of the keywords of `bits` (always, when the hits are unknown). */
export const mayHold = (hits: number | undefined, bits: number): boolean => hits === undefined || (hits & bits) !== 0;

/**
 * A lookup table of `some` words' indexes in a detector's `anchors`, the numbering of
 * DetectorInput.found (throws on a word that is not an anchor).
 */
export function wordTable(anchors: readonly string[], some: readonly string[]): Uint8Array {
  const words = anchors.map((w) => w.toLowerCase());
  const table = new Uint8Array(words.length);
  for (const w of some) {
    const i = words.indexOf(w.toLowerCase());
    if (i < 0) throw new Error(`wordTable: "${w}" is not one of the detector's anchors`);
    table[i] = 1;
  }
  return table;
}

/** Whether a word of `table` starts in [lo, hi); undefined when the occurrences are unknown. */
export function anyStartIn(found: readonly number[] | undefined, table: Uint8Array, lo: number, hi: number): boolean | undefined {
  if (found === undefined) return undefined;
  for (let k = firstStartAt(found, lo); k < found.length && found[k + 1]! < hi; k += 2) if (table[found[k]!] === 1) return true;
  return false;
}
