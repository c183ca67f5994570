/**
 * Small, bounded readers for the syntax around a secret value, shared by detectors that find a
 * secret by its context (a property name, an SDK call argument, a host in the same object):
 *
 * - valueAfterKey: the value after `key = v`, `key: "v"`, `"key": "v"`, `<add key="k" value="v"/>`,
 *   `<Key>v</Key>`, `-e KEY=v`, in code, JSON, YAML, .env, XML, Bicep, Terraform and shell.
 * - callArgument: the n-th argument of a call, skipping nested brackets and strings.
 * - objectMembers: `name: "literal"` members near an offset, limited to the enclosing object (and
 *   its parent), for driver config objects such as `{ server, user, password }`.
 *
 * Every loop is bounded by an explicit limit, so the work is linear in the window.
 */

export interface ValueSpan {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** The value was written between quotes (a string literal), not bare. */
  readonly quoted: boolean;
}

const QUOTES = new Set([34 /* " */, 39 /* ' */, 96 /* ` */]);
const isSpaceOrTab = (c: number): boolean => c === 32 || c === 9;
export const isIdentChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/** Longest value we read. */
export const MAX_VALUE = 512;

/**
 * Read a string literal whose opening quote is at `at`. Escapes are skipped; the literal must close
 * on the same line (template literals may not contain `${`). Returns the inside span.
 */
export function stringLiteralAt(text: string, at: number, limit = MAX_VALUE): ValueSpan | undefined {
  const q = text.charCodeAt(at);
  if (!QUOTES.has(q)) return undefined;
  const max = Math.min(text.length, at + 1 + limit);
  for (let i = at + 1; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) return undefined;
    if (q === 96 && c === 36 && text.charCodeAt(i + 1) === 123) return undefined;
    if (c === q) return { start: at + 1, end: i, value: text.slice(at + 1, i), quoted: true };
  }
  return undefined;
}

/** Characters that end a bare (unquoted) value: whitespace, quotes, separators, brackets. */
const BARE_STOP = new Set([32, 9, 10, 13, 34, 39, 96, 44, 59, 125, 93, 41, 60, 62]);

/** Read a bare value starting at `at` (a .env, YAML, shell or XML-text value). */
export function bareValueAt(text: string, at: number, limit = MAX_VALUE, stops = BARE_STOP): ValueSpan | undefined {
  const max = Math.min(text.length, at + limit);
  let i = at;
  while (i < max && !stops.has(text.charCodeAt(i))) i++;
  if (i === at || (i === max && max < text.length && !stops.has(text.charCodeAt(max)))) return undefined;
  return { start: at, end: i, value: text.slice(at, i), quoted: false };
}

/** Read a quoted or bare value at `at`. */
export function valueAt(text: string, at: number, limit = MAX_VALUE): ValueSpan | undefined {
  return QUOTES.has(text.charCodeAt(at)) ? stringLiteralAt(text, at, limit) : bareValueAt(text, at, limit);
}

function skipSpaces(text: string, i: number, max: number): number {
  while (i < max && isSpaceOrTab(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The value assigned to a key that ends at `keyEnd` (just after the key's last character; a closing
 * quote of the key may follow). Recognises `=`, `:`, `:=`, `=>`, XML `key="k" value="v"` and
 * `<Key>v</Key>`, YAML `key: v`, ARM parameter files' `"key": { "value": "v" }`, index
 * assignments `env["key"] = "v"`, literal fallbacks `env.KEY ?? "v"` / `|| "v"`, name/value argument pairs `append("key", "v")`, and one-line
 * YAML block scalars (`key: |`) and PowerShell here-strings (`$key = @"`) on the next line.
 */
export function valueAfterKey(text: string, keyEnd: number, limit = MAX_VALUE): ValueSpan | undefined {
  const max = Math.min(text.length, keyEnd + 64);
  let i = keyEnd;
  const closing = text.charCodeAt(i);
  if (QUOTES.has(closing)) i++;
  // An index expression: process.env["AZURE_CLIENT_SECRET"] = "...", os.environ['X'] = '...'
  if (QUOTES.has(closing) && text.charCodeAt(i) === 93 /* ] */) i++;
  // XML element text: <ClientSecret>value</ClientSecret>
  if (text.charCodeAt(i) === 62 /* > */ && !QUOTES.has(closing)) {
    const v = bareValueAt(text, i + 1, limit, new Set([60, 10, 13]));
    return v && v.value.trim() === v.value ? v : undefined;
  }
  // A literal fallback after a lookup call: Environment.GetEnvironmentVariable("X") ?? "...".
  if (QUOTES.has(closing) && text.charCodeAt(i) === 41 /* ) */ && /^\)[ \t]*(?:\?\?|\|\|)/.test(text.slice(i, i + 8))) i++;
  i = skipSpaces(text, i, max);
  const c = text.charCodeAt(i);
  // A literal fallback: process.env.AZURE_STORAGE_KEY ?? "...", env.X || "...".
  if ((c === 63 /* ? */ || c === 124) /* | */ && text.charCodeAt(i + 1) === c) {
    const at = skipSpaces(text, i + 2, i + 10);
    return QUOTES.has(text.charCodeAt(at)) ? stringLiteralAt(text, at, limit) : undefined;
  }
  if (c === 58 /* : */ || c === 61 /* = */) {
    i++;
    if (text.charCodeAt(i) === 61 || (c === 61 && text.charCodeAt(i) === 62)) i++; // :=, ==, =>
  } else if (QUOTES.has(closing) && c === 44 /* , */) {
    // A name/value argument pair: params.append("client_secret", "..."),
    // Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", "..."). The value must be a literal.
    i = skipSpaces(text, i + 1, max);
    const lit = QUOTES.has(text.charCodeAt(i)) ? stringLiteralAt(text, i, limit) : undefined;
    return lit && isNameValuePair(text, keyEnd, lit) ? lit : undefined;
  } else if (QUOTES.has(closing) && (c === 118 || c === 86) /* v */) {
    // XML attribute pair: key="ClientSecret" value="..."
    const m = /^value[ \t]*=[ \t]*/i.exec(text.slice(i, i + 16));
    if (!m) return undefined;
    i += m[0].length;
  } else {
    return undefined;
  }
  i = skipSpaces(text, i, max + 16);
  const next = text.charCodeAt(i);
  if (next === 123 /* { */) {
    // ARM/Bicep parameter objects: "clientSecret": { "value": "..." }
    const m = /^\{[ \t\r\n]*["']?value["']?[ \t]*:[ \t]*/.exec(text.slice(i, i + 48));
    return m ? valueAt(text, i + m[0].length, limit) : undefined;
  }
  if (next === 10 || next === 13 || Number.isNaN(next)) return undefined;
  return blockValueAt(text, i, limit) ?? valueAt(text, i, limit);
}

/**
 * A one-line value written as a block on the next line: a YAML block scalar (`key: |` / `>-`) or a
 * PowerShell here-string (`$key = @"` ... `"@`). Returns that line without its indentation.
 */
function blockValueAt(text: string, at: number, limit: number): ValueSpan | undefined {
  const head = /^(?:[|>][-+0-9]{0,2}|@["'])[ \t]*\r?\n/.exec(text.slice(at, at + 8));
  if (!head) return undefined;
  const start = skipSpaces(text, at + head[0].length, at + head[0].length + 40);
  const v = bareValueAt(text, start, limit, new Set([10, 13]));
  if (!v) return undefined;
  const value = v.value.trimEnd();
  // Prose in a block is not a value; a connection string (`Server=...; User ID=...`) may have spaces.
  if (/\s/.test(value) && !/=[^;]*;/.test(value)) return undefined;
  return value.length > 0 ? { start, end: start + value.length, value, quoted: false } : undefined;
}

const nextNonSpace = (text: string, i: number, max: number): number => {
  while (i < max && /\s/.test(text[i]!)) i++;
  return i;
};

/**
 * Whether `"name", "value"` (the name's closing quote at `nameEnd`, the value literal `lit`) is a
 * name/value argument pair — `append("client_secret", "v")`, `SetEnvironmentVariable("X", "v", t)`,
 * `[["api-key", "v"]]`, `{ "k", "v" }` — rather than two items of a list of strings (a keyword
 * table `["acr_password", "registry_password", ...]`, Markdown prose `` `a`, `b`, `c` ``) or
 * `{ "name": "X", "value": "v" }`, whose second literal is the next member's name.
 */
export function isNameValuePair(text: string, nameEnd: number, lit: ValueSpan): boolean {
  const quote = text.charCodeAt(nameEnd);
  if (!QUOTES.has(quote)) return false;
  // The name's opening quote, on the same line.
  let open = nameEnd - 1;
  const lo = Math.max(0, nameEnd - 128);
  while (open >= lo && text.charCodeAt(open) !== quote && text.charCodeAt(open) !== 10) open--;
  if (open < lo || text.charCodeAt(open) !== quote) return false;
  let b = open - 1;
  const blo = Math.max(0, open - 64);
  while (b >= blo && /\s/.test(text[b]!)) b--;
  const before = b >= blo ? text[b] : "";
  const amax = Math.min(text.length, lit.end + 1 + 64);
  const a = nextNonSpace(text, lit.end + 1, amax);
  const after = text[a] ?? "";
  if (after === ")") return before === "(" || before === ",";
  if (after === "]") return before === "[";
  if (after === "}") return before === "{";
  if (after === ",") {
    const next = text[nextNonSpace(text, a + 1, amax)] ?? "";
    // Another literal follows: a list of strings, unless the pair opens the call (`Map.of("k", "v", ...)`).
    if (next === '"' || next === "'" || next === "`") return before === "(";
    return before === "(" || before === ",";
  }
  return false;
}

/**
 * Offset of the first character of the `index`-th (0-based) top-level argument of the call whose
 * `(` is at `open`, or undefined when the call has fewer arguments within `limit` characters.
 */
export function callArgument(text: string, open: number, index: number, limit = 600): number | undefined {
  if (text.charCodeAt(open) !== 40 /* ( */) return undefined;
  const max = Math.min(text.length, open + limit);
  let depth = 0;
  let arg = 0;
  let i = open + 1;
  const skipWs = (j: number): number => {
    while (j < max && /\s/.test(text[j]!)) j++;
    return j;
  };
  if (index === 0) {
    const j = skipWs(i);
    return j < max && text.charCodeAt(j) !== 41 ? j : undefined;
  }
  for (; i < max; i++) {
    const c = text.charCodeAt(i);
    if (QUOTES.has(c)) {
      const lit = stringLiteralAt(text, i, max - i);
      if (!lit) return undefined;
      i = lit.end;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === 44 /* , */ && depth === 0) {
      arg++;
      if (arg === index) {
        const j = skipWs(i + 1);
        return j < max ? j : undefined;
      }
    }
  }
  return undefined;
}

export interface Member {
  /** Property name as written (without quotes). */
  readonly name: string;
  readonly nameStart: number;
  /** The literal value, when it is a string literal; undefined for other expressions. */
  readonly value?: ValueSpan;
}

const MEMBER = /(["']?)([A-Za-z_$][\w$-]{0,40})\1[ \t]*[:=][ \t]*/y;

/**
 * Members (`name: value` / `"name": value` / `name = value`) of the object around `at` (at any
 * depth) and direct members of its parent object, within `span` characters each way. Nesting is
 * tracked with a bracket counter, so `{ password, socket: { host } }` pairs `password` with `host`
 * while a sibling object's `password` in an array of configs is not paired with this host.
 */
export function objectMembers(text: string, at: number, from: number, to: number, span = 600): Member[] {
  const lo = Math.max(from, at - span);
  const hi = Math.min(to, at + span);
  // Backward: the brackets that open the enclosing object (depth -1) and its parent (depth -2).
  let depth = 0;
  let objOpen = -1;
  let parentOpen = -1;
  for (let i = at - 1; i >= lo; i--) {
    const c = text.charCodeAt(i);
    if (c === 125 || c === 93) depth++;
    else if (c === 123 || c === 91) {
      depth--;
      if (depth === -1 && objOpen < 0) objOpen = i;
      if (depth === -2) {
        parentOpen = i;
        break;
      }
    }
  }
  depth = 0;
  let objClose = hi;
  let parentClose = -1;
  for (let i = at; i < hi; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === -1 && objClose === hi) objClose = i;
      if (depth === -2) {
        parentClose = i;
        break;
      }
    }
  }
  const start = parentOpen >= 0 ? parentOpen + 1 : lo;
  const end = parentClose >= 0 ? parentClose : hi;
  // Several hosts in one object ask for the same members: answer from the last scan.
  const c0 = memberCache;
  if (c0 && c0.text === text && c0.start === start && c0.end === end && c0.objOpen === objOpen && c0.objClose === objClose)
    return c0.members;
  // Members of the enclosing object (at any depth: `authentication.options.password`) and direct
  // members of its parent (`{ password, socket: { host } }`), but not members of sibling objects
  // (`[{ server: "localhost", password }, { server: "<azure host>" }]`).
  const out: Member[] = [];
  let d = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      d++;
      continue;
    }
    if (c === 125 || c === 93) {
      d--;
      continue;
    }
    // A member name starts after a delimiter: `{`, `,`, newline, space, `(`.
    const prev = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (!(prev === 123 || prev === 44 || prev === 10 || prev === 32 || prev === 9 || prev === 40)) continue;
    if (!(QUOTES.has(c) || isIdentChar(c))) continue;
    MEMBER.lastIndex = i;
    const m = MEMBER.exec(text);
    if (!m || m.index + m[0].length > end) continue;
    const valueAtOffset = m.index + m[0].length;
    const lit = QUOTES.has(text.charCodeAt(valueAtOffset)) ? stringLiteralAt(text, valueAtOffset) : undefined;
    const inObject = i > objOpen && i < objClose;
    if (inObject || d === 0) out.push({ name: m[2]!, nameStart: i + m[1]!.length, ...(lit ? { value: lit } : {}) });
    i = lit ? lit.end : valueAtOffset - 1;
  }
  memberCache = { text, start, end, objOpen, objClose, members: out };
  return out;
}

let memberCache:
  | { text: string; start: number; end: number; objOpen: number; objClose: number; members: Member[] }
  | undefined;

/** A reference to a value kept elsewhere rather than a literal: env vars, templates, Key Vault. */
export function isReference(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  const c = v.charCodeAt(0);
  if (c === 36 /* $ */ || c === 37 /* % */ || c === 64 /* @ */ || c === 35 /* # */ || c === 60 /* < */ || c === 123 /* { */ || c === 91 /* [ */)
    return true;
  const l = v.toLowerCase();
  return (
    l.startsWith("process.env") ||
    l.startsWith("os.environ") ||
    l.startsWith("env:") ||
    l.startsWith("env(") ||
    l.startsWith("secrets.") ||
    l.startsWith("var.") ||
    l.startsWith("local.") ||
    l.startsWith("data.") ||
    l.startsWith("azurerm_") ||
    l.startsWith("keyvault:") ||
    l.includes("@microsoft.keyvault") ||
    l.includes("listkeys(") ||
    l.includes("${") ||
    l.includes("{{") ||
    l.includes("$(")
  );
}

const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|py|cs|java|go|rb|php|kt|scala|rs|swift|ps1|psm1|bicep)$/;

/** True for source-code files, where a bare (unquoted) value is an expression, not a literal. */
export const isCodePath = (path: string): boolean => CODE_EXTENSIONS.test(path);

/** True when a bare value looks like a code expression (a.b.c, f(x), identifiers) rather than a literal. */
export function looksLikeExpression(value: string): boolean {
  if (/[()]/.test(value)) return true;
  // `config.clientSecret`, `process.env.X`: a member chain of word-like segments. A random secret
  // may also hold dots, but then it has short segments or several digits.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+!?$/.test(value)) {
    const digits = value.replace(/\D/g, "").length;
    if (digits < 3 && value.split(".").every((s) => s.length >= 2)) return true;
  }
  // A single identifier without digits (e.g. `secret`, `clientSecret`) is a variable name.
  return /^[A-Za-z_$][A-Za-z_$]*$/.test(value);
}

/** True when `"..." +` continues at `at` (a string concatenation). */
export function continuesWithConcat(text: string, at: number): boolean {
  return /^[ \t]*(?:\r?\n[ \t]*)?\+/.test(text.slice(at, at + 24));
}

/** Line of text containing `at`, bounded to `span` characters each way. */
export function lineAround(text: string, at: number, span = 400): { start: number; end: number } {
  let s = at;
  const lo = Math.max(0, at - span);
  while (s > lo && text.charCodeAt(s - 1) !== 10) s--;
  let e = at;
  const hi = Math.min(text.length, at + span);
  while (e < hi && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return { start: s, end: e };
}
