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
): Generator<RegExpExecArray> {
  const lo = Math.max(0, from - 16);
  const hi = Math.min(text.length, to + maxLength);
  const slice = lo === 0 && hi === text.length ? text : text.slice(lo, hi);
  const gate = GATES.get(re);
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
const REGISTERED: Array<{ readonly re: RegExp; readonly gate: RegExp }> = [];

export function anchorAtEnd(re: RegExp, words: string, tail = ""): RegExp {
  if (!re.source.endsWith(tail)) throw new Error(`anchorAtEnd: /${re.source}/ does not end with ${tail}`);
  const body = re.source.slice(0, re.source.length - tail.length);
  const gate = new RegExp(`(?:${words})(?<=${body})${tail}`, re.flags.replace(/[gy]/g, ""));
  GATES.set(re, gate);
  REGISTERED.push({ re, gate });
  return re;
}

/** The pre-check registered for `re`, if any. */
export const gateOf = (re: RegExp): RegExp | undefined => GATES.get(re);

/** Every registered pattern with its pre-check (for the equivalence test). */
export const anchoredPatterns = (): ReadonlyArray<{ readonly re: RegExp; readonly gate: RegExp }> => REGISTERED;
