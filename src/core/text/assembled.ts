/**
 * Strings assembled at run time from parts written in the file, beyond the `"a" + "b"` chains of
 * concat.ts:
 *
 * - array joins: `["a", "b"].join("")` (JS/TS, Python, Ruby), Python `"".join(["a", "b"])`,
 *   `String.join("", "a", "b")`, `string.Concat("a", "b")`;
 * - builder chains: `.append("a").append("b")` (Java, C# `Append`);
 * - adjacent literals, which Python and C concatenate: `("a"\n "b")`;
 * - `+` chains and template literals over constants bound once in the file
 *   (`const head = "..."; const tail = "..."; head + tail`, `` `${head}${tail}` ``).
 *
 * Each is a Chain: the parts in order, with a map back to file offsets (a separator is a part too,
 * mapped to its own literal). Only literals and constants bound to literals take part: an operand
 * that is anything else ends the run, so a joined value never holds text the file does not.
 *
 * Every reader is bounded (MAX_PARTS parts, literals of at most 4096 characters) and each scan
 * resumes after what it read, so the work is linear in the text.
 */
import { constDeclarationAt, constStrings, identifierAt } from "./code-values.js";
import { findChains, mayHaveChains, type Chain, type Piece } from "./concat.js";
import { stringLiteralAt, type ValueSpan } from "./literal-context.js";

export interface Assembled extends Chain {
  /** How the parts are put together, for the finding's note. */
  readonly form: "concatenation" | "join" | "builder" | "adjacent literals" | "template";
}

/** Constants bound to literals, by name (computed on first use: most files need none). */
interface Consts {
  get(name: string): ValueSpan | undefined;
}

const MAX_PARTS = 64;
/** How much code before the first part names the assembled value (scan-all reads the same span). */
export const LEAD_IN = 160;
const MAX_LITERAL = 4096;

function chainOf(pieces: readonly Piece[], form: Assembled["form"]): Assembled {
  const starts: number[] = [];
  let joined = "";
  for (const p of pieces) {
    starts.push(joined.length);
    joined += p.value;
  }
  return { pieces, joined, starts, form };
}

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
function skipWs(text: string, i: number): number {
  const max = Math.min(text.length, i + 400);
  while (i < max && isWs(text.charCodeAt(i))) i++;
  return i;
}

const piece = (lit: ValueSpan): Piece => ({ start: lit.start, value: lit.value });

/** A literal or a constant's literal at `at`: the piece and where the operand ends. */
function operandAt(text: string, at: number, consts: Consts | undefined): { piece: Piece; end: number; isConst: boolean } | undefined {
  const lit = stringLiteralAt(text, at, MAX_LITERAL);
  if (lit) return { piece: piece(lit), end: lit.end + 1, isConst: false };
  if (!consts) return undefined;
  const id = identifierAt(text, at);
  const bound = id && consts.get(id.name);
  if (!id || !bound) return undefined;
  // `name.x`, `name(`, `name[`: not the constant's value.
  const next = text.charCodeAt(skipWs(text, id.end));
  if (next === 46 || next === 40 || next === 91) return undefined;
  return { piece: piece(bound), end: id.end, isConst: true };
}

/**
 * Comma-separated operands from `at` up to the closing bracket `close`; undefined unless every
 * operand is a literal or constant. Returns the pieces and the offset after the bracket.
 */
function operandList(text: string, at: number, close: number, consts: Consts | undefined): { pieces: Piece[]; end: number } | undefined {
  const pieces: Piece[] = [];
  let i = skipWs(text, at);
  while (pieces.length < MAX_PARTS) {
    if (text.charCodeAt(i) === close) return { pieces, end: i + 1 };
    const op = operandAt(text, i, consts);
    if (!op) return undefined;
    pieces.push(op.piece);
    i = skipWs(text, op.end);
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) i = skipWs(text, i + 1);
    else if (c !== close) return undefined;
  }
  return undefined;
}

/** Interleave a separator piece between parts (`.join(";")`). */
function withSeparator(parts: readonly Piece[], sep: Piece | undefined): Piece[] {
  if (!sep || sep.value === "") return [...parts];
  const out: Piece[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(p);
  });
  return out;
}

/** The literal argument of `.join(` at `open` (the `(`), or an empty separator for `.join()`. */
function joinSeparator(text: string, open: number): { sep: Piece | undefined; end: number } | undefined {
  const i = skipWs(text, open + 1);
  if (text.charCodeAt(i) === 41) return { sep: undefined, end: i + 1 };
  const lit = stringLiteralAt(text, i, 16);
  if (!lit) return undefined;
  const close = skipWs(text, lit.end + 1);
  return text.charCodeAt(close) === 41 ? { sep: piece(lit), end: close + 1 } : undefined;
}

/** `["a", "b"].join(sep)` and `[A, B].join(sep)` over constants, read back from each `.join(`. */
function arrayJoins(text: string, consts: Consts | undefined, out: Assembled[]): void {
  for (let j = text.indexOf(".join"); j >= 0; j = text.indexOf(".join", j + 5)) {
    let b = j - 1;
    while (b > j - 400 && b > 0 && isWs(text.charCodeAt(b))) b--;
    if (text.charCodeAt(b) !== 93 /* ] */) continue;
    const lo = Math.max(0, b - MAX_LITERAL);
    const call = /^\.join[ \t]*\(/.exec(text.slice(j, j + 20));
    if (!call) continue;
    // The `[` that opens the array: one of the last few before it (a `[` inside a literal is skipped by trying the next).
    const before = text.slice(lo, b);
    let at = before.length;
    for (let tries = 0; tries < 8; tries++) {
      at = before.lastIndexOf("[", at - 1);
      if (at < 0) break;
      const list = operandList(text, lo + at + 1, 93, consts);
      if (!list || list.end !== b + 1) continue;
      const sep = list.pieces.length >= 2 ? joinSeparator(text, j + call[0].length - 1) : undefined;
      if (sep) out.push(chainOf(withSeparator(list.pieces, sep.sep), "join"));
      break;
    }
  }
}

/** Python `sep.join([...])` / `sep.join((...))`. */
const PY_JOIN = /(["'])((?:[^"'\\\n]|\\.){0,16})\1[ \t]*\.join\([ \t\r\n]*([[(])/g;
/** `String.join(sep, ...)`, `string.Join(sep, ...)`, `String.Concat(...)`, `string.Concat(...)`, `"a".concat("b")`. */
const CALL_JOIN = /\b[Ss]tring[ \t]*\.[ \t]*([Jj]oin|[Cc]oncat)[ \t]*\(/g;

function pythonJoins(text: string, consts: Consts | undefined, out: Assembled[]): void {
  if (!text.includes(".join(")) return;
  PY_JOIN.lastIndex = 0;
  for (let m = PY_JOIN.exec(text); m !== null; m = PY_JOIN.exec(text)) {
    const sep: Piece = { start: m.index + 1, value: m[2]! };
    const list = operandList(text, m.index + m[0].length, m[3] === "[" ? 93 : 41, consts);
    if (!list || list.pieces.length < 2) continue;
    PY_JOIN.lastIndex = list.end;
    out.push(chainOf(withSeparator(list.pieces, sep), "join"));
  }
}

function callJoins(text: string, consts: Consts | undefined, out: Assembled[]): void {
  CALL_JOIN.lastIndex = 0;
  for (let m = CALL_JOIN.exec(text); m !== null; m = CALL_JOIN.exec(text)) {
    const list = operandList(text, m.index + m[0].length, 41 /* ) */, consts);
    if (!list) continue;
    CALL_JOIN.lastIndex = list.end;
    const join = /^[Jj]oin$/.test(m[1]!);
    const sep = join ? list.pieces[0] : undefined;
    const parts = join ? list.pieces.slice(1) : list.pieces;
    if (parts.length >= 2) out.push(chainOf(withSeparator(parts, sep), "join"));
  }
}

/** The literal that ends with the quote at `close` (read backwards, bounded), or undefined. */
function literalEndingAt(text: string, close: number): ValueSpan | undefined {
  const q = text[close]!;
  const lo = Math.max(0, close - MAX_LITERAL - 1);
  const open = text.slice(lo, close).lastIndexOf(q);
  if (open < 0) return undefined;
  const lit = stringLiteralAt(text, lo + open, MAX_LITERAL);
  return lit && lit.end === close ? lit : undefined;
}

/** `.append("a").append("b")` (Java StringBuilder, C# `Append`). */
const APPEND = /\.[Aa]ppend[ \t]*\(/g;
const NEXT_APPEND = /^[ \t\r\n]*\.[Aa]ppend[ \t]*\(/;

function builderChains(text: string, consts: Consts | undefined, out: Assembled[]): void {
  APPEND.lastIndex = 0;
  for (let m = APPEND.exec(text); m !== null; m = APPEND.exec(text)) {
    const pieces: Piece[] = [];
    let i = m.index + m[0].length;
    while (pieces.length < MAX_PARTS) {
      const op = operandAt(text, skipWs(text, i), consts);
      if (!op) break;
      const close = skipWs(text, op.end);
      if (text.charCodeAt(close) !== 41) break;
      pieces.push(op.piece);
      i = close + 1;
      const next = NEXT_APPEND.exec(text.slice(i, i + 400));
      if (!next) break;
      i += next[0].length;
    }
    APPEND.lastIndex = Math.max(APPEND.lastIndex, i);
    if (pieces.length >= 2) out.push(chainOf(pieces, "builder"));
  }
}

/** Adjacent literals (Python, C): `"a" "b"`, `("a"\n    "b")`. Double and single quotes only. */
const ADJACENT_LITERAL = String.raw`(?:"(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}')`;
/** Parts on their own lines (`"a"\n    "b"`), the usual layout; `"a" "b"` on one line is too easily a misread. */
const ADJACENT = new RegExp(`${ADJACENT_LITERAL}(?:[ \\t]*(?:\\\\?\\r?\\n[ \\t]*)+${ADJACENT_LITERAL})+`, "g");
const ADJACENT_ONE = new RegExp(ADJACENT_LITERAL, "g");
const C_PATHS = /\.(?:c|h|cc|cpp|hpp|cxx|m)$/i;

function adjacentLiterals(text: string, out: Assembled[]): void {
  ADJACENT.lastIndex = 0;
  for (let m = ADJACENT.exec(text); m !== null; m = ADJACENT.exec(text)) {
    // The first part opens an expression (`(`, `=`, `,`, `[`, `:` or a line start before it):
    // otherwise the match may have started at a closing quote.
    let b = m.index - 1;
    while (b >= 0 && b > m.index - 200 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
    if (b >= 0 && !"(=,[:\n\r".includes(text[b]!)) continue;
    const pieces: Piece[] = [];
    ADJACENT_ONE.lastIndex = 0;
    for (let p = ADJACENT_ONE.exec(m[0]); p !== null && pieces.length < MAX_PARTS; p = ADJACENT_ONE.exec(m[0])) {
      pieces.push({ start: m.index + p.index + 1, value: p[0].slice(1, -1) });
    }
    if (pieces.length >= 2) out.push(chainOf(pieces, "adjacent literals"));
  }
}

/** `+` chains whose operands are literals and constants, with at least one constant. */
const PLUS = /\+(?!\+|=)/g;

function constantChains(text: string, consts: Consts, out: Assembled[]): void {
  PLUS.lastIndex = 0;
  for (let m = PLUS.exec(text); m !== null; m = PLUS.exec(text)) {
    // The operand before the first `+`: walk back over spaces to an identifier or a closing quote.
    let b = m.index - 1;
    const lo = Math.max(0, m.index - 400);
    while (b > lo && isWs(text.charCodeAt(b))) b--;
    let first: { piece: Piece; end: number; isConst: boolean } | undefined;
    const c = text.charCodeAt(b);
    if (c === 34 || c === 39 || c === 96) {
      const lit = literalEndingAt(text, b);
      if (lit) first = { piece: piece(lit), end: b + 1, isConst: false };
    } else {
      let s = b;
      while (s > lo && b - s < 81 && /[\w$]/.test(text[s - 1]!)) s--;
      if (s > 0 && text.charCodeAt(s - 1) === 46) continue;
      first = operandAt(text, s, consts);
      if (first && first.end !== b + 1) first = undefined;
    }
    if (!first) continue;
    const pieces = [first.piece];
    let consts_ = first.isConst ? 1 : 0;
    let i = m.index + 1;
    while (pieces.length < MAX_PARTS) {
      const op = operandAt(text, skipWs(text, i), consts);
      if (!op) break;
      pieces.push(op.piece);
      if (op.isConst) consts_++;
      i = skipWs(text, op.end);
      if (text.charCodeAt(i) !== 43 || text.charCodeAt(i + 1) === 43 || text.charCodeAt(i + 1) === 61) break;
      i++;
    }
    PLUS.lastIndex = Math.max(PLUS.lastIndex, i);
    if (pieces.length >= 2 && consts_ > 0) out.push(chainOf(pieces, "concatenation"));
  }
}

/** Template literals with `${NAME}` of constants: the text runs and the constants' values. */
const TEMPLATE = /\x60/g;

function templates(text: string, consts: Consts, out: Assembled[]): void {
  TEMPLATE.lastIndex = 0;
  for (let m = TEMPLATE.exec(text); m !== null; m = TEMPLATE.exec(text)) {
    const max = Math.min(text.length, m.index + 1 + MAX_LITERAL);
    let pieces: Piece[] = [];
    let resolved = 0;
    let runStart = m.index + 1;
    let i = runStart;
    const flush = (): void => {
      if (pieces.length >= 2 && resolved > 0) out.push(chainOf(pieces, "template"));
      pieces = [];
      resolved = 0;
    };
    for (; i < max; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i++;
        continue;
      }
      if (c === 96) break;
      if (c !== 36 || text.charCodeAt(i + 1) !== 123) continue;
      if (i > runStart) pieces.push({ start: runStart, value: text.slice(runStart, i) });
      let close = i + 2;
      while (close < max && text.charCodeAt(close) !== 125) close++;
      if (close >= max) {
        i = max;
        break;
      }
      const name = text.slice(i + 2, close).trim();
      const bound = /^[A-Za-z_$][\w$]*$/.test(name) ? consts.get(name) : undefined;
      if (bound) {
        pieces.push(piece(bound));
        resolved++;
      } else flush();
      i = close;
      runStart = close + 1;
    }
    if (i > runStart && i < max) pieces.push({ start: runStart, value: text.slice(runStart, i) });
    flush();
    TEMPLATE.lastIndex = Math.min(text.length, i + 1);
  }
}

/**
 * Whether some keyword occurrence lies inside the literal of a constant declaration
 * (`const X = "...keyword..."`): one check per line, no allocation (the character loops visit each
 * character of a line with keywords once).
 */
const DECL_PREFIX_Y = /[ \t]*(?:export[ \t]+)?(?:(?:public|private|protected|internal|static)[ \t]+)*(?=const[ \t]|final[ \t]|readonly[ \t])/y;

function hotConstLine(text: string, keywordEnds: readonly number[]): boolean {
  let lineEnd = -1;
  for (const e of keywordEnds) {
    if (e <= lineEnd) continue;
    let start = e - 1;
    let quote = false;
    const lo = Math.max(0, e - 200);
    while (start > lo && text.charCodeAt(start - 1) !== 10) {
      const c = text.charCodeAt(--start);
      if (c === 34 || c === 39 || c === 96) quote = true;
    }
    let end = e;
    const hi = Math.min(text.length, e + 4096);
    while (end < hi && text.charCodeAt(end) !== 10) end++;
    lineEnd = end;
    if (!quote || (start === lo && lo > 0 && text.charCodeAt(lo - 1) !== 10)) continue;
    // The declaration word at the start of the line, then the literal right after `=`: the keyword must be inside it.
    DECL_PREFIX_Y.lastIndex = start;
    if (!DECL_PREFIX_Y.test(text)) continue;
    const decl = constDeclarationAt(text, DECL_PREFIX_Y.lastIndex);
    if (decl && decl.start < e && e <= decl.end) return true;
  }
  return false;
}

const JS = /\.(?:[cm]?[jt]sx?|vue|svelte)$/i;
const PY = /\.pyi?$/i;
const RB = /\.rb$/i;
const JVM_NET = /\.(?:java|cs|kt|kts|scala|groovy|ps1|psm1|vb)$/i;

/**
 * Every assembled string of `text` that holds a detector keyword: the `+` chains of literals
 * (concat.ts) and the forms above, as the language of `path` writes them (every form when the path
 * is unknown). `keywordEnds` are the end offsets of the keyword occurrences in `text`, in order
 * (from the engine's prefilter): a part holding none cannot make a finding by itself, so strings
 * with no such part are not returned, and the forms over constants run only when some constant
 * holds one. Without it every assembled string is returned.
 */
export function findAssembled(text: string, path = "", keywordEnds?: readonly number[]): Assembled[] {
  const hot = (start: number, end: number): boolean => {
    if (!keywordEnds) return true;
    // The first keyword end after `start`.
    let lo = 0;
    let hi = keywordEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keywordEnds[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < keywordEnds.length && keywordEnds[lo]! <= end;
  };
  const all: Assembled[] = [];
  const any = path === "";
  const js = any || JS.test(path);
  const py = any || PY.test(path);
  const jvmNet = any || JVM_NET.test(path);
  // `"a" + "b"` chains of literals: all of them, as before (short keywords such as `dapi` mark nothing).
  const plain: Assembled[] = mayHaveChains(text) ? findChains(text).map((c) => ({ ...c, form: "concatenation" })) : [];
  const withConsts = js || jvmNet;
  let map: Map<string, ValueSpan> | undefined;
  const consts: Consts | undefined = withConsts ? { get: (name) => (map ??= constStrings(text)).get(name) } : undefined;
  // Each form looks for its own syntax (one indexOf pass each, and only in its languages).
  if (js || py || RB.test(path)) arrayJoins(text, consts, all);
  if (py) pythonJoins(text, consts, all);
  if (jvmNet) {
    if (/[Ss]tring[ \t]*\.[ \t]*(?:[Jj]oin|[Cc]oncat)\(/.test(text)) callJoins(text, consts, all);
    if (text.includes(".append(") || text.includes(".Append(")) builderChains(text, consts, all);
  }
  if (py || (path !== "" && C_PATHS.test(path))) adjacentLiterals(text, all);
  // `+` and templates over constants: only when a constant holds a keyword.
  if (consts && (keywordEnds ? hotConstLine(text, keywordEnds) : true)) {
    map ??= constStrings(text);
    if ([...map.values()].some((c) => hot(c.start, c.end))) {
      if (text.includes("+")) constantChains(text, consts, all);
      if (js && text.includes("${")) templates(text, consts, all);
    }
  }
  return [...plain, ...all];
}

/**
 * The file span of joined offsets [start, end): from the earliest to the latest file offset of the
 * parts it covers (parts of constants may lie anywhere in the file).
 */
export function fileSpan(chain: Chain, start: number, end: number): { start: number; end: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < chain.pieces.length; i++) {
    const pStart = chain.starts[i]!;
    const p = chain.pieces[i]!;
    const pEnd = pStart + p.value.length;
    if (pEnd <= start || pStart >= end) continue;
    lo = Math.min(lo, p.start + Math.max(0, start - pStart));
    hi = Math.max(hi, p.start + Math.min(p.value.length, end - pStart));
  }
  return lo === Infinity ? { start: chain.pieces[0]!.start, end: chain.pieces[0]!.start } : { start: lo, end: hi };
}
