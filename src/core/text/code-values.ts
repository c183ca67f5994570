/**
 * Bounded, linear readers for values in source code that the literal readers of literal-context
 * do not cover: string constants bound once in the file (`const KEY = "..."`, C# `const string`,
 * Java `static final String`), and a property of an object-literal argument
 * (`{ endpoint, key: "..." }`, `{ authentication: { options: { password: "..." } } }`).
 */
import { callArgument, isIdentChar, stringLiteralAt, type ValueSpan } from "./literal-context.js";

const IDENT = /^[A-Za-z_$][\w$]{0,80}$/;
/** `const NAME = "..."` (JS/TS), `const string NAME = "..."` (C#), `final String NAME = "..."` (Java). */
const CONST_DECL = /(?:const(?:[ \t]+string)?|final[ \t]+String|readonly[ \t]+string)[ \t]+([A-Za-z_$][\w$]{0,80})(?:[ \t]*:[ \t]*string)?[ \t]*=[ \t]*(?=["'\x60])/y;

/** After the literal: the end of the declaration (`;`, `,`, newline, `}`), not `+ more` or `.trim()`. */
function endsDeclaration(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  return i >= text.length || c === 59 || c === 44 || c === 10 || c === 13 || c === 125 || (c === 47 && text.charCodeAt(i + 1) === 47);
}

/** The literal of a constant declaration whose declaration word starts at `at`, if there is one. */
export function constDeclarationAt(text: string, at: number, limit = 4096): ValueSpan | undefined {
  if (at > 0 && /[\w$]/.test(text[at - 1]!)) return undefined;
  CONST_DECL.lastIndex = at;
  const m = CONST_DECL.exec(text);
  if (!m) return undefined;
  const lit = stringLiteralAt(text, at + m[0].length, limit);
  return lit && endsDeclaration(text, lit.end + 1) ? lit : undefined;
}

/**
 * Every name bound exactly once to a plain string literal in `text` (one regex pass). A name bound
 * twice (shadowing, two scopes) is ambiguous and left out.
 */
export function constStrings(text: string, limit = 4096): Map<string, ValueSpan> {
  const out = new Map<string, ValueSpan>();
  const twice = new Set<string>();
  // indexOf finds the few declaration words much faster than the regex would searching from every offset.
  const words = ["const", ...(text.includes("final") ? ["final"] : []), ...(text.includes("readonly") ? ["readonly"] : [])];
  const starts: number[] = [];
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) starts.push(i);
  if (words.length > 1) starts.sort((a, b) => a - b);
  for (const at of starts) {
    if (at > 0 && /[\w$]/.test(text[at - 1]!)) continue;
    CONST_DECL.lastIndex = at;
    const m = CONST_DECL.exec(text);
    if (!m) continue;
    const name = m[1]!;
    const lit = stringLiteralAt(text, m.index + m[0].length, limit);
    if (!lit || !endsDeclaration(text, lit.end + 1)) continue;
    if (out.has(name) || twice.has(name)) {
      out.delete(name);
      twice.add(name);
      continue;
    }
    out.set(name, lit);
  }
  return out;
}

/**
 * The string literal a name is bound to by a constant declaration within `span` characters before
 * `at` (or in the first `head` characters of the text, where module constants live). Undefined when
 * there is none, or more than one.
 */
export function constStringBefore(text: string, name: string, at: number, span = 16_384, head = 8192): ValueSpan | undefined {
  if (!IDENT.test(name)) return undefined;
  const lo = Math.max(0, at - span);
  const regions = lo <= head ? [[0, at]] : [[0, Math.min(head, at)], [lo, at]];
  let found: ValueSpan | undefined;
  for (const [from, to] of regions) {
    const part = text.slice(from!, to!);
    if (!part.includes(name)) continue;
    for (const [n, lit] of constStrings(part)) {
      if (n !== name) continue;
      if (found) return undefined;
      found = { ...lit, start: lit.start + from!, end: lit.end + from! };
    }
  }
  return found;
}

/** An identifier at `at` (a whole word), or undefined. */
export function identifierAt(text: string, at: number): { name: string; end: number } | undefined {
  if (at > 0 && isIdentChar(text.charCodeAt(at - 1))) return undefined;
  let i = at;
  while (i < text.length && i - at < 81 && isIdentChar(text.charCodeAt(i))) i++;
  const name = text.slice(at, i);
  return IDENT.test(name) && !/^\d/.test(name) ? { name, end: i } : undefined;
}

/** Skip spaces, tabs and newlines from `i`. */
const skipWs = (text: string, i: number, max: number): number => {
  while (i < max && /\s/.test(text[i]!)) i++;
  return i;
};

/**
 * A string literal written as the whole argument at `at` (`"x"` followed by `,` or `)`), or a
 * constant identifier bound to one (see constStringBefore). `via` says which.
 */
export function literalArgument(text: string, at: number, limit = 600): (ValueSpan & { via: "literal" | "const" }) | undefined {
  const lit = stringLiteralAt(text, at, limit);
  if (lit) {
    const next = skipWs(text, lit.end + 1, Math.min(text.length, lit.end + 200));
    const c = text.charCodeAt(next);
    return c === 44 || c === 41 || c === 125 ? { ...lit, via: "literal" } : undefined;
  }
  const id = identifierAt(text, at);
  if (!id) return undefined;
  const next = skipWs(text, id.end, Math.min(text.length, id.end + 200));
  const c = text.charCodeAt(next);
  if (!(c === 44 || c === 41 || c === 125)) return undefined;
  const bound = constStringBefore(text, id.name, at);
  return bound ? { ...bound, via: "const" } : undefined;
}

/**
 * The value at `path` (property names, outermost first) of the object literal whose `{` is at
 * `open`, within `limit` characters: `{ endpoint, key: "..." }` with path `["key"]`. Nested
 * objects are followed by name. Returns the offset of the value's first character.
 */
export function objectPropertyAt(text: string, open: number, path: readonly string[], limit = 1200): number | undefined {
  if (text.charCodeAt(open) !== 123 /* { */ || path.length === 0) return undefined;
  const max = Math.min(text.length, open + limit);
  const [name, ...rest] = path;
  let depth = 0;
  for (let i = open + 1; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96) {
      const lit = stringLiteralAt(text, i, max - i);
      if (!lit) return undefined;
      // A quoted property name: `"key": ...`.
      if (depth === 0 && lit.value === name && text.charCodeAt(skipWs(text, lit.end + 1, max)) === 58) {
        const v = skipWs(text, skipWs(text, lit.end + 1, max) + 1, max);
        return rest.length === 0 ? v : objectPropertyAt(text, v, rest, max - v);
      }
      i = lit.end;
      continue;
    }
    if (c === 123 || c === 91 || c === 40) depth++;
    else if (c === 125 || c === 93 || c === 41) {
      if (depth === 0) return undefined;
      depth--;
    } else if (depth === 0 && isIdentChar(c) && !isIdentChar(text.charCodeAt(i - 1))) {
      const id = identifierAt(text, i);
      if (!id) continue;
      const colon = skipWs(text, id.end, max);
      if (id.name === name && text.charCodeAt(colon) === 58 /* : */) {
        const v = skipWs(text, colon + 1, max);
        return rest.length === 0 ? v : objectPropertyAt(text, v, rest, max - v);
      }
      i = id.end - 1;
    }
  }
  return undefined;
}

/** Offset of the argument `index` of the call whose `(` is at `open` (re-exported for one import). */
export { callArgument };

/**
 * A keyword argument `name=value` of a Python call whose `(` is at `open` (`api_key="..."`),
 * returning the value's offset.
 */
export function keywordArgument(text: string, open: number, name: string, limit = 600): number | undefined {
  for (let index = 0; index < 12; index++) {
    const at = callArgument(text, open, index, limit);
    if (at === undefined) return undefined;
    const id = identifierAt(text, at);
    if (id && id.name === name) {
      const eq = skipWs(text, id.end, Math.min(text.length, id.end + 20));
      if (text.charCodeAt(eq) === 61 && text.charCodeAt(eq + 1) !== 61) return skipWs(text, eq + 1, Math.min(text.length, eq + 40));
    }
  }
  return undefined;
}
