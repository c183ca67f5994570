/**
 * Bounded regex search inside a detector window. `re.exec` from `from` would scan to the end of
 * the text when nothing matches, which makes many windows quadratic; searching a slice bounded by
 * the window (plus `maxLength` for a match that starts inside it, and a little lookbehind room)
 * keeps the total work linear in the text size.
 */
export function* matchesInWindow(
  re: RegExp,
  text: string,
  from: number,
  to: number,
  maxLength = 256,
  words?: WordsAt,
): Generator<RegExpExecArray> {
  const lo = Math.max(0, from - 16);
  const hi = Math.min(text.length, to + maxLength);
  const known = words !== undefined && words.found !== undefined;
  if (known && !gateHoldsAt(re, text, words.found!, words.table, from, hi)) return;
  const slice = lo === 0 && hi === text.length ? text : text.slice(lo, hi);
  const gate = known ? undefined : GATES.get(re);
  if (gate !== undefined && !gate.test(slice)) return;
  re.lastIndex = from - lo;
  for (let m = re.exec(slice); m !== null && m.index + lo < to; m = re.exec(slice)) {
    const next = re.lastIndex + (m[0].length === 0 ? 1 : 0);
    m.index += lo;
    yield m;
    re.lastIndex = next;
  }
}

/**
 * Performance: a pattern such as `\b(?:docker|podman|...)[ \t]+login\b` or a name list with an
 * optional prefix is tried by the regex engine at nearly every character of a window, which is
 * slow for alternations that start with optional parts. When every match of `re` ends with one of
 * a few words, searching for those words and checking backwards (a look-behind holding `re`
 * itself) whether a match ends there gives the same yes/no answer several times faster.
 * `anchorAtEnd(re, words, tail)` registers that check: `words` is a regex source for the last
 * words of the part of every match before `tail`, the end of `re.source` (kept after the check,
 * e.g. `(?![\w-])`, `\b` or `[ \t]*(?=\()`). matchesInWindow (and namedValues) then skip a window
 * where it fails.
 * A test checks every registered pattern against its check on generated texts.
 */
const GATES = new WeakMap<RegExp, RegExp>();
/** The same checks, sticky: tried at one offset, where one of the last words starts. */
const STICKY = new WeakMap<RegExp, RegExp>();
/** `\b`, `\B` or one look-ahead group without nested groups. */
const ZERO_WIDTH = /^(?:\\[bB]|\(\?[=!][^()]*\))$/;
const REGISTERED: Array<{ readonly re: RegExp; readonly gate: RegExp }> = [];

export function anchorAtEnd(re: RegExp, words: string, tail = ""): RegExp {
  if (!re.source.endsWith(tail)) throw new Error(`anchorAtEnd: /${re.source}/ does not end with ${tail}`);
  const body = re.source.slice(0, re.source.length - tail.length);
  // A tail that consumes nothing (`\b`, `(?![\w-])`, `(?=[ \t=])`) holds at the same position as
  // the look-behind, so it is checked first: it turns most near misses (`path` for `pat`) away
  // before the look-behind runs.
  const source = ZERO_WIDTH.test(tail) ? `(?:${words})${tail}(?<=${body})` : `(?:${words})(?<=${body})${tail}`;
  const gate = new RegExp(source, re.flags.replace(/[gy]/g, ""));
  GATES.set(re, gate);
  STICKY.set(re, new RegExp(source, `${gate.flags}y`));
  REGISTERED.push({ re, gate });
  return re;
}

/**
 * The index in `found` of the first occurrence that starts at or after `lo` (a binary search:
 * found is in order of start). Readers walk on from there in steps of 2 until a start passes
 * their range; nothing is allocated per window.
 */
export function firstStartAt(found: readonly number[], lo: number): number {
  let a = 0;
  let b = found.length >> 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (found[2 * m + 1]! < lo) a = m + 1;
    else b = m;
  }
  return 2 * a;
}

/**
 * Where a pattern's last words occur: the engine's anchor occurrences (DetectorInput.found, pairs
 * [anchor, start] in order of start; undefined when unknown) and the table of the anchors that are
 * the pattern's last words (keyword-bits.ts wordTable).
 */
export interface WordsAt {
  readonly found: readonly number[] | undefined;
  readonly table: Uint8Array;
}

/**
 * The pre-check where the positions of the last words are known: the check is tried at the
 * offsets where one of them starts, in the whole text, instead of searched for in the window:
 * true when it holds at one in [from, hi), where the last words of a match that starts in
 * [from, to) must start. Without a registered check: true.
 */
function gateHoldsAt(re: RegExp, text: string, found: readonly number[], table: Uint8Array, from: number, hi: number): boolean {
  const sticky = STICKY.get(re);
  if (sticky === undefined) return true;
  for (let k = firstStartAt(found, from); k < found.length && found[k + 1]! < hi; k += 2) {
    if (table[found[k]!] !== 1) continue;
    sticky.lastIndex = found[k + 1]!;
    if (sticky.test(text)) return true;
  }
  return false;
}

/** The pre-check registered for `re`, if any. */
export const gateOf = (re: RegExp): RegExp | undefined => GATES.get(re);

/** Every registered pattern with its pre-check (for the equivalence test). */
export const anchoredPatterns = (): ReadonlyArray<{ readonly re: RegExp; readonly gate: RegExp }> => REGISTERED;
