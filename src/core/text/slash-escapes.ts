/**
 * JSON string escapes that hide a secret from the detectors:
 * - `\/`: PHP's json_encode, some .NET and Java serializers and exported settings write every `/`
 *   as `\/`, so a base64 key reads `AccountKey=A\/uQn2...` and a URL `postgres:\/\/user:pw@host`;
 * - `\"` in JSON files: code kept in JSON strings (notebook cells, task definitions) quotes its
 *   literals as `os.environ[\"KEY\"] = \"value\"`.
 * The engine scans the text with the escapes undone and maps what it finds back to file offsets.
 */

export interface Unescaped {
  /** The text with the escapes undone. */
  readonly text: string;
  /** Offsets in `text` of the characters that were escaped, ascending. */
  readonly slashes: readonly number[];
}

/** Cheap test: is there an escape to undo? `quotes` also undoes `\"` (JSON files only). */
export const hasSlashEscapes = (text: string, quotes = false): boolean =>
  text.includes("\\/") || (quotes && text.includes('\\"'));

export function unescapeSlashes(text: string, quotes = false): Unescaped {
  const slashes: number[] = [];
  const parts: string[] = [];
  let last = 0;
  let outLength = 0;
  for (let i = text.indexOf("\\"); i !== -1 && i < text.length - 1; i = text.indexOf("\\", i + 2)) {
    const c = text.charCodeAt(i + 1);
    // Any other escape, `\\` included, is skipped whole: `\\/` is a backslash pair and a plain slash.
    if (c !== 47 /* / */ && !(quotes && c === 34) /* " */) continue;
    parts.push(text.slice(last, i));
    outLength += i - last;
    slashes.push(outLength);
    last = i + 1; // drop the backslash, keep the escaped character
  }
  parts.push(text.slice(last));
  return { text: parts.join(""), slashes };
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
