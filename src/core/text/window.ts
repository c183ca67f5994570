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
  re.lastIndex = from - lo;
  for (let m = re.exec(slice); m !== null && m.index + lo < to; m = re.exec(slice)) {
    const next = re.lastIndex + (m[0].length === 0 ? 1 : 0);
    m.index += lo;
    yield m;
    re.lastIndex = next;
  }
}
