/**
 * JSON's optional `\/` escape: PHP's json_encode, some .NET and Java serializers and exported
 * settings write every `/` as `\/`, so a base64 key reads `AccountKey=A\/uQn2...`. The engine scans
 * the text with the escapes undone and maps what it finds back to file offsets.
 */

export interface Unescaped {
  /** The text with every `\/` replaced by `/`. */
  readonly text: string;
  /** Offsets in `text` of the slashes that were escaped, ascending. */
  readonly slashes: readonly number[];
}

/** Cheap test: is there an escaped slash at all? */
export const hasSlashEscapes = (text: string): boolean => text.includes("\\/");

export function unescapeSlashes(text: string): Unescaped {
  const slashes: number[] = [];
  let out = "";
  let last = 0;
  for (let i = text.indexOf("\\/"); i !== -1; i = text.indexOf("\\/", i + 2)) {
    // `\\/` is an escaped backslash followed by a plain slash: count the backslashes before it.
    let n = 0;
    while (i - n - 1 >= last && text.charCodeAt(i - n - 1) === 92) n++;
    if (n % 2 === 1) continue;
    out += text.slice(last, i);
    slashes.push(out.length);
    out += "/";
    last = i + 2;
  }
  return { text: out + text.slice(last), slashes };
}

/** Escaped slashes before `offset` in the unescaped text (binary search). */
function before(u: Unescaped, offset: number): number {
  let lo = 0;
  let hi = u.slashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u.slashes[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Map an offset in the unescaped text (start or exclusive end) to the file offset. */
export const toFileOffset = (u: Unescaped, offset: number): number => offset + before(u, offset);

/** Whether [start, end) of the unescaped text holds an escaped slash. */
export const spansEscape = (u: Unescaped, start: number, end: number): boolean => before(u, end) > before(u, start);
