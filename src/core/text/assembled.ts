/**
 * Strings assembled at run time from parts written in the file, beyond the `"a" + "b"` chains of
 * concat.ts:
 *
 * - array joins: `["a", "b"].join("")` (JS/TS, Ruby), Python `"".join(["a", "b"])`,
 *   `String.join("", "a", "b")`, `string.Concat("a", "b")`, `"a".concat("b")`;
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
import { constStrings, identifierAt } from "./code-values.js";
import { findChains, mayHaveChains, type Chain, type Piece } from "./concat.js";
import { stringLiteralAt, type ValueSpan } from "./literal-context.js";

export interface Assembled extends Chain {
  /** How the parts are put together, for the finding's note. */
  readonly form: "concatenation" | "join" | "builder" | "adjacent literals" | "template";
}

const MAX_PARTS = 64;
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
function operandAt(text: string, at: number, consts: ReadonlyMap<string, ValueSpan> | undefined): { piece: Piece; end: number; isConst: boolean } | undefined {
  const lit = stringLiteralAt(text, at, MAX_LITERAL);
  if (lit) return { piece: piece(lit), end: lit.end + 1, isConst: false };
  if (!consts || consts.size === 0) return undefined;
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
function operandList(text: string, at: number, close: number, consts: ReadonlyMap<string, ValueSpan> | undefined): { pieces: Piece[]; end: number } | undefined {
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

const ARRAY_OPEN = /\[(?=[ \t\r\n]*["'\x60A-Za-z_$])/g;
const JOIN_CALL = /^[ \t\r\n]*\.join[ \t]*\(/;

/** `["a", "b"].join(sep)` and `[A, B].join(sep)` over constants. */
function arrayJoins(text: string, consts: ReadonlyMap<string, ValueSpan> | undefined, out: Assembled[]): void {
  ARRAY_OPEN.lastIndex = 0;
  for (let m = ARRAY_OPEN.exec(text); m !== null; m = ARRAY_OPEN.exec(text)) {
    const list = operandList(text, m.index + 1, 93 /* ] */, consts);
    if (!list || list.pieces.length < 2) continue;
    ARRAY_OPEN.lastIndex = list.end;
    const call = JOIN_CALL.exec(text.slice(list.end, list.end + 40));
    if (!call) continue;
    const sep = joinSeparator(text, list.end + call[0].length - 1);
    if (sep) out.push(chainOf(withSeparator(list.pieces, sep.sep), "join"));
  }
}

/** Python `sep.join([...])` / `sep.join((...))`. */
const PY_JOIN = /(["'])((?:[^"'\\\n]|\\.){0,16})\1[ \t]*\.join\([ \t\r\n]*([[(])/g;
/** `String.join(sep, ...)`, `string.Join(sep, ...)`, `String.Concat(...)`, `string.Concat(...)`, `"a".concat("b")`. */
const CALL_JOIN = /\b[Ss]tring[ \t]*\.[ \t]*([Jj]oin|[Cc]oncat)[ \t]*\(/g;

function callJoins(text: string, consts: ReadonlyMap<string, ValueSpan> | undefined, out: Assembled[]): void {
  PY_JOIN.lastIndex = 0;
  for (let m = PY_JOIN.exec(text); m !== null; m = PY_JOIN.exec(text)) {
    const sep: Piece = { start: m.index + 1, value: m[2]! };
    const list = operandList(text, m.index + m[0].length, m[3] === "[" ? 93 : 41, consts);
    if (!list || list.pieces.length < 2) continue;
    PY_JOIN.lastIndex = list.end;
    out.push(chainOf(withSeparator(list.pieces, sep), "join"));
  }
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

/** `"a".concat("b", "c")` (JS). */
const CONCAT_METHOD = /\.concat[ \t]*\(/g;

function concatMethods(text: string, consts: ReadonlyMap<string, ValueSpan> | undefined, out: Assembled[]): void {
  if (!text.includes(".concat")) return;
  CONCAT_METHOD.lastIndex = 0;
  for (let m = CONCAT_METHOD.exec(text); m !== null; m = CONCAT_METHOD.exec(text)) {
    const b = m.index - 1;
    const c = text.charCodeAt(b);
    const head = c === 34 || c === 39 || c === 96 ? literalEndingAt(text, b) : undefined;
    if (!head) continue;
    const list = operandList(text, m.index + m[0].length, 41, consts);
    if (!list || list.pieces.length < 1) continue;
    CONCAT_METHOD.lastIndex = list.end;
    out.push(chainOf([piece(head), ...list.pieces], "concatenation"));
  }
}

/** `.append("a").append("b")` (Java StringBuilder, C# `Append`). */
const APPEND = /\.[Aa]ppend[ \t]*\(/g;
const NEXT_APPEND = /^[ \t\r\n]*\.[Aa]ppend[ \t]*\(/;

function builderChains(text: string, consts: ReadonlyMap<string, ValueSpan> | undefined, out: Assembled[]): void {
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
const ADJACENT_PATHS = /\.(?:py|pyi|c|h|cc|cpp|hpp|cxx|m)$/i;

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

function constantChains(text: string, consts: ReadonlyMap<string, ValueSpan>, out: Assembled[]): void {
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

function templates(text: string, consts: ReadonlyMap<string, ValueSpan>, out: Assembled[]): void {
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
 * Every assembled string of `text`: the `+` chains of literals (concat.ts) and the forms above.
 * `path` chooses the language-specific forms (adjacent literals in Python and C).
 */
export function findAssembled(text: string, path = ""): Assembled[] {
  const out: Assembled[] = [];
  if (mayHaveChains(text)) for (const c of findChains(text)) out.push({ ...c, form: "concatenation" });
  // Constants only where a form can use them (a `+`, a `${`, a join or builder call).
  const hasJoin = text.includes(".join") || /\b[Ss]tring[ \t]*\.[ \t]*(?:[Jj]oin|[Cc]oncat)\(/.test(text);
  const hasAppend = text.includes(".append(") || text.includes(".Append(");
  const hasTemplate = text.includes("${");
  const hasPlus = text.includes("+");
  const consts = hasJoin || hasAppend || hasTemplate || hasPlus ? constStrings(text) : undefined;
  if (hasJoin) {
    arrayJoins(text, consts, out);
    callJoins(text, consts, out);
  }
  concatMethods(text, consts, out);
  if (hasAppend) builderChains(text, consts, out);
  if (ADJACENT_PATHS.test(path)) adjacentLiterals(text, out);
  if (consts && consts.size > 0) {
    if (hasPlus) constantChains(text, consts, out);
    if (hasTemplate) templates(text, consts, out);
  }
  return out;
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
