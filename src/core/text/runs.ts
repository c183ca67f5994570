/**
 * Fixed-length key shapes without a regex: `(?<![edge])[run]{length}tail(?![edge])` found by one
 * pass over the window with charCodeAt, looking only at maximal runs of the key's characters. A
 * lookbehind regex is tried at every position of a window; this probes one character per key
 * length where there is no long run (as in Boyer-Moore-Horspool), reads the runs it meets once, and
 * tests the exact shape only where a run of exactly the right length occurs.
 */

/** A 128-entry ASCII table of a character class written as in a regex class body: `a-z2-7_+/=-`. */
export function charClass(spec: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < spec.length; i++) {
    const lo = spec.charCodeAt(i);
    if (spec[i + 1] === "-" && i + 2 < spec.length) {
      const hi = spec.charCodeAt(i + 2);
      for (let c = lo; c <= hi; c++) table[c] = 1;
      i += 2;
    } else table[lo] = 1;
  }
  return table;
}

const has = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;

/** `(?<![before])[run]{length}tail(?![after])`. `before` must contain every `run` character. */
export interface RunShape {
  readonly run: Uint8Array;
  readonly length: number;
  readonly before: Uint8Array;
  readonly after: Uint8Array;
  readonly tail?: string;
}

/**
 * Start offsets in [from, to) of every match of `shape`: `length` characters of `run` followed by
 * `tail`, no `before` character right before and no `after` character right after the tail (as
 * `before` contains the run characters, a match is a whole maximal run). Reads at most
 * `length + tail.length + 1` characters past `to`.
 */
export function fixedRuns(text: string, from: number, to: number, shape: RunShape): number[] {
  const { run, length, before, after: edgeAfter } = shape;
  const tail = shape.tail ?? "";
  const out: number[] = [];
  const end = Math.min(to, text.length);
  let i = from;
  // A run that began before the window has no start inside it.
  if (i > 0) while (i < end && has(run, text.charCodeAt(i - 1)) && has(run, text.charCodeAt(i))) i++;
  // Invariant: text[i - 1] is not a run character. A run of `length` starting in
  // [i, i + length - 1] covers i + length - 1, so one probe there rules out `length` starts.
  while (i < end) {
    const probe = i + length - 1;
    if (probe >= text.length) break;
    if (!has(run, text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && has(run, text.charCodeAt(s - 1))) s--;
    if (s >= end) break;
    const limit = Math.min(text.length, s + length + 1);
    let e = probe + 1;
    while (e < limit && has(run, text.charCodeAt(e))) e++;
    if (e - s === length && (s === 0 || !has(before, text.charCodeAt(s - 1))) && text.startsWith(tail, e)) {
      const after = e + tail.length;
      if (after >= text.length || !has(edgeAfter, text.charCodeAt(after))) out.push(s);
    }
    // Skip the rest of this run: no match starts inside it.
    while (e < end && has(run, text.charCodeAt(e))) e++;
    i = e + 1;
  }
  return out;
}
