/**
 * Passwords and keys found next to an Azure host name: the host is the anchor (the prefilter
 * keyword), and the secret must sit in the same URL, the same connection-string literal or the
 * same driver config object. Shared by the SQL, PostgreSQL, MySQL and Redis detectors.
 *
 *   postgres://user:PASS@x.postgres.database.azure.com/db      URL user-info
 *   host=x.postgres.database.azure.com user=u password=PASS    libpq keywords (space separated)
 *   x.redis.cache.windows.net:6380,password=PASS,ssl=True      StackExchange.Redis (comma separated)
 *   jdbc:mysql://x.mysql.database.azure.com/db?password=PASS   query strings
 *   { host: "x.mysql.database.azure.com", password: "PASS" }   driver config objects
 *   mysql -h x.mysql.database.azure.com -u app -pPASS          command-line flags
 *   PGHOST=x.postgres.database.azure.com / PGPASSWORD=PASS     settings on nearby lines
 *
 * ADO.NET strings (`;` separated) are parsed with connection-string.ts by the SQL detector.
 * Every scan is bounded (MAX_SEGMENT, objectMembers' span), so the work is linear in the window.
 */
import { isReference, objectMembers, type ValueSpan } from "../text/literal-context.js";
import { isPlaceholder } from "../keys/validators.js";

export const MAX_SEGMENT = 1024;
/** Host hits closer than this to the previous one are skipped (see findHostSecrets). */
export const MIN_HOST_GAP = 24;

const isHostChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;

/** Start of the host name that ends with the suffix found at `suffixAt` (walks back over labels). */
export function hostStart(text: string, suffixAt: number): number {
  let i = suffixAt;
  const lo = Math.max(0, suffixAt - 253);
  while (i > lo && isHostChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The host name around a suffix occurrence, lower-cased. */
export function hostAt(text: string, suffixAt: number, suffix: string): string {
  return text.slice(hostStart(text, suffixAt), suffixAt + suffix.length).toLowerCase();
}

const SEGMENT_STOP = new Set([34, 39, 96, 10, 13, 60, 62]);

/** The literal around `at`: up to a quote, backtick, line break or angle bracket (bounded). */
export function segmentAround(text: string, at: number, from = 0, to = text.length): { start: number; end: number } {
  let s = at;
  const lo = Math.max(from, at - MAX_SEGMENT);
  while (s > lo && !SEGMENT_STOP.has(text.charCodeAt(s - 1))) s--;
  let e = at;
  const hi = Math.min(to, at + MAX_SEGMENT);
  while (e < hi && !SEGMENT_STOP.has(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

export interface UrlCredential {
  readonly scheme: string;
  readonly user: string;
  readonly password: ValueSpan;
}

/**
 * `scheme://user:password@host`: when the host starting at `host` is preceded by `@`, the
 * password of the user-info part, read back to the last `://` of the same literal. URL-encoded
 * passwords keep their `%xx`.
 */
export function urlCredentialBefore(text: string, host: number): UrlCredential | undefined {
  if (text.charCodeAt(host - 1) !== 64 /* @ */) return undefined;
  const at = host - 1;
  const seg = segmentAround(text, at, Math.max(0, at - 512), at + 1);
  const rel = text.slice(seg.start, at).lastIndexOf("://");
  if (rel < 0) return undefined;
  const sep = seg.start + rel;
  const i = sep + 3;
  let s = sep;
  while (s > seg.start && /[A-Za-z0-9+.:-]/.test(text[s - 1]!)) s--;
  const scheme = text.slice(s, sep).toLowerCase();
  const userinfo = text.slice(i, at);
  const colon = userinfo.indexOf(":");
  // The user name has no `/`; the password may (unencoded base64 keys do).
  if (colon < 0 || userinfo.slice(0, colon).includes("/") || /\s/.test(userinfo)) return undefined;
  const pStart = i + colon + 1;
  return {
    scheme,
    user: userinfo.slice(0, colon),
    password: { start: pStart, end: at, value: text.slice(pStart, at), quoted: false },
  };
}

/**
 * `password=VALUE` (also `pwd=`, `pass=`) fields inside [start, end), for grammars separated by
 * whitespace (libpq), `&` (query strings), `,` (StackExchange.Redis) or `;` (JDBC). Quoted libpq
 * values ('...') are read to the closing quote.
 */
export function passwordFields(text: string, start: number, end: number, names = /^(?:password|pwd|pass)$/i): ValueSpan[] {
  const out: ValueSpan[] = [];
  const seg = text.slice(start, end);
  const re = /(^|[\s;&?,])([A-Za-z_]{3,12})[ \t]*=[ \t]*/g;
  for (let m = re.exec(seg); m !== null; m = re.exec(seg)) {
    if (!names.test(m[2]!)) continue;
    let vs = m.index + m[0].length;
    let ve: number;
    if (seg[vs] === "'" || seg[vs] === "{") {
      const close = seg.indexOf(seg[vs] === "'" ? "'" : "}", vs + 1);
      if (close < 0) continue;
      vs++;
      ve = close;
    } else {
      ve = vs;
      while (ve < seg.length && !/[\s;&,]/.test(seg[ve]!)) ve++;
    }
    out.push({ start: start + vs, end: start + ve, value: seg.slice(vs, ve), quoted: false });
    re.lastIndex = Math.max(re.lastIndex, ve);
  }
  return out;
}

const PASSWORD_MEMBER = /^(?:password|pwd|pass|passwd|accessKey|key)$/i;
/** YAML keys next to a host key that hold its password. */
export const YAML_PASSWORD_KEY = /^(?:password|pwd|passwd|[\w-]{0,30}[_-]password)$/i;

/**
 * Literal `password: "..."` members of the config object holding the host literal at `at` (or of
 * its parent object: node-redis puts the host in `socket: { host }`).
 */
export function passwordMembers(text: string, at: number, from: number, to: number, names = PASSWORD_MEMBER): ValueSpan[] {
  return objectMembers(text, at, from, to)
    .filter((m) => names.test(m.name) && m.value !== undefined)
    .map((m) => m.value!);
}

/** Member names whose string value is a database or cache host in driver config objects. */
const HOST_MEMBER = /^(?:host|hostname|server|servername|address|url|uri|endpoint|datasource)$/i;

/**
 * True when the host starting at `at` is the whole or leading part of a string literal assigned to
 * a host-like member (`host: "x.postgres.database.azure.com"`, `server = 'x.database.windows.net'`),
 * i.e. the start of a driver config object. Looks back at most a few dozen characters.
 */
export function isHostMemberValue(text: string, at: number): boolean {
  let q = at - 1;
  const lo = Math.max(0, at - 24);
  // Allow a scheme or `tcp:` before the host inside the literal.
  while (q > lo && !(text[q] === '"' || text[q] === "'" || text[q] === "`")) q--;
  if (!(text[q] === '"' || text[q] === "'" || text[q] === "`")) return false;
  let i = q - 1;
  while (i > 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (text[i] !== ":" && text[i] !== "=") return false;
  i--;
  while (i > 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (text[i] === '"' || text[i] === "'") i--;
  const end = i + 1;
  while (i >= 0 && end - i <= 32 && /[\w$]/.test(text[i]!)) i--;
  return HOST_MEMBER.test(text.slice(i + 1, end));
}

/** `%2B` -> `+` when the value is URL-encoded (passwords in URLs); the value itself otherwise. */
function percentDecoded(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A free-form password worth reporting: not a placeholder, reference, or obviously empty. */
export function isPlausiblePassword(value: string, minLength = 6): boolean {
  const v = percentDecoded(value.trim());
  if (v.length < minLength || v.length > 256) return false;
  // A lone `%` is a password character; `%NAME%` is a Windows/batch variable.
  const forPlaceholder = /%\w+%/.test(v) ? v : v.replace(/%/g, "");
  // A leading `#` is a password character unless it opens a `#{Token}#` replacement.
  const forReference = v.startsWith("#") && !v.startsWith("#{") ? v.slice(1) : v;
  if (isPlaceholder(forPlaceholder) || isReference(forReference)) return false;
  if (/^(?:password|passw0rd|secret|none|null|undefined|true|false)$/i.test(v)) return false;
  // Generated-value tokens of Azure quickstart parameter files: GEN-PASSWORD, GEN-UNIQUE, GEN-SSH-PUB-KEY.
  if (/^GEN-[A-Z0-9-]+$/.test(v)) return false;
  return true;
}

/**
 * Command-line password flags on the line around `at`: `sqlcmd -S host -U u -P pass`,
 * `mysql -h host -u u -ppass`, `--password=pass`, `PGPASSWORD=pass psql -h host`.
 */
export function cliPasswords(text: string, at: number, flag: RegExp): ValueSpan[] {
  let s = at;
  const lo = Math.max(0, at - 400);
  while (s > lo && text.charCodeAt(s - 1) !== 10) s--;
  let e = at;
  const hi = Math.min(text.length, at + 400);
  while (e < hi && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  const line = text.slice(s, e);
  const out: ValueSpan[] = [];
  const re = new RegExp(flag.source, "g");
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    let vs = m.index + m[0].length;
    let ve: number;
    const q = line[vs];
    if (q === '"' || q === "'") {
      const close = line.indexOf(q, vs + 1);
      if (close < 0) continue;
      vs++;
      ve = close;
    } else {
      ve = vs;
      while (ve < line.length && !/\s/.test(line[ve]!)) ve++;
    }
    if (ve > vs) out.push({ start: s + vs, end: s + ve, value: line.slice(vs, ve), quoted: q === '"' || q === "'" });
  }
  return out;
}

/**
 * `NAME=value` / `NAME: value` lines (.env, YAML, shell exports) whose NAME matches `names`, inside
 * [from, to): in a window around an Azure host, `PGHOST=x.postgres.database.azure.com` on one line
 * and `PGPASSWORD=...` on the next belong together.
 */
export function envPasswords(text: string, from: number, to: number, names: RegExp): ValueSpan[] {
  const out: ValueSpan[] = [];
  const re = new RegExp(`(?:^|\\n)[ \\t]*(?:export[ \\t]+|-[ \\t]+)?(?:${names.source})[ \\t]*[=:][ \\t]*`, "gi");
  // Match in a slice (plus the line break before it, for `^`): exec on the whole text would run to
  // its end after the last hit.
  const base = from > 0 ? from - 1 : 0;
  const hay = text.slice(base, to);
  for (let h = re.exec(hay); h !== null; h = re.exec(hay)) {
    const m = { index: base + h.index, 0: h[0] };
    let vs = m.index + m[0].length;
    let ve: number;
    const q = text[vs];
    if (q === '"' || q === "'") {
      const rest = text.slice(vs + 1, vs + 514);
      const rel = rest.indexOf(q);
      const nl = rest.indexOf("\n");
      if (rel < 0 || (nl >= 0 && nl < rel)) continue;
      const close = vs + 1 + rel;
      vs++;
      ve = close;
    } else {
      ve = vs;
      while (ve < text.length && ve - vs < 512 && !/[\s#]/.test(text[ve]!)) ve++;
    }
    if (ve > vs) out.push({ start: vs, end: ve, value: text.slice(vs, ve), quoted: q === '"' || q === "'" });
  }
  return out;
}

/** YAML keys whose value is a database or cache host (`host:`, `server:`, `REDIS_HOST:`, `PGHOST:`). */
const YAML_HOST_KEY = /^[ \t]*(?:-[ \t]+)?["']?[\w.-]{0,40}?(?:host|hostname|server|servername|address|endpoint)["']?[ \t]*:[ \t]*["']?(?:[a-z+]{2,12}:\/\/|tcp:)?$/i;
/** Most lines a YAML mapping is searched over, each way from the host line. */
const YAML_SPAN_LINES = 24;

/**
 * `password:` keys of the YAML mapping whose `host:`-like key holds the host at `at` (Helm
 * values, Kubernetes `stringData:`, app config): the lines at the same indentation above and below
 * the host line, up to a line indented less (the end of the mapping) or a new list item. Values
 * may be quoted or bare; a trailing ` # comment` is dropped.
 */
export function yamlSiblingPasswords(text: string, at: number, names?: RegExp): ValueSpan[] {
  let ls = at;
  const lo = Math.max(0, at - 300);
  while (ls > lo && text.charCodeAt(ls - 1) !== 10) ls--;
  const head = YAML_HOST_KEY.exec(text.slice(ls, hostStart(text, at)));
  if (!head) return [];
  const keyCol = text.slice(ls, ls + head[0].length).search(/["'\w]/);
  const out: ValueSpan[] = [];
  const visit = (start: number, end: number): boolean => {
    const line = text.slice(start, end);
    if (line.trim() === "" || /^[ \t]*#/.test(line)) return true;
    const col = line.search(/\S/);
    if (col < keyCol || (col === keyCol - 2 && line[col] === "-")) return false; // end of the mapping / next item
    if (col !== keyCol && !(line[col] === "-" && line.search(/[^\s-]/) === keyCol)) return true;
    const m = /^[ \t]*(?:-[ \t]+)?["']?([\w.-]{1,60})["']?[ \t]*:[ \t]*/.exec(line);
    if (!m || !(YAML_PASSWORD_KEY.test(m[1]!) || names?.test(m[1]!))) return true;
    const vs = start + m[0].length;
    const q = text[vs];
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, vs + 1);
      if (close > vs + 1 && close < end) out.push({ start: vs + 1, end: close, value: text.slice(vs + 1, close), quoted: true });
    } else {
      const bare = /^[^\s#]+/.exec(text.slice(vs, end));
      if (bare && !/^[|>&*!{[]/.test(bare[0])) out.push({ start: vs, end: vs + bare[0].length, value: bare[0], quoted: false });
    }
    return true;
  };
  // Down from the host line, then up.
  let s = ls;
  for (let n = 0; n < YAML_SPAN_LINES && s < text.length; n++) {
    const rel = text.slice(s, s + 600).indexOf("\n");
    const e = rel < 0 ? Math.min(text.length, s + 600) : s + rel;
    const lineEnd = text.charCodeAt(e - 1) === 13 ? e - 1 : e;
    if (n > 0 && !visit(s, lineEnd)) break;
    s = e + 1;
  }
  // A host in a list item (`- host: ...`) starts its mapping: nothing above belongs to it.
  if (/^[ \t]*-[ \t]/.test(head[0])) return out;
  let e = ls - 1;
  for (let n = 0; n < YAML_SPAN_LINES && e > 0; n++) {
    let b = e;
    const blo = Math.max(0, e - 600);
    while (b > blo && text.charCodeAt(b - 1) !== 10) b--;
    const lineEnd = text.charCodeAt(e - 1) === 13 ? e - 1 : e;
    // The host's own list item line (`- host: ...`) ends the mapping upwards once passed.
    if (!visit(b, lineEnd)) break;
    if (/^[ \t]*-[ \t]/.test(text.slice(b, lineEnd)) && text.slice(b, lineEnd).search(/[^\s-]/) === keyCol) break;
    e = b - 1;
  }
  return out;
}

const FROM_LITERAL = /--from-literal[= ]([\w.-]{1,60})=(?:(["'])([^"'\r\n]{1,256})\2|([^\s"'\\]{1,256}))/g;

/**
 * `kubectl create secret generic ... --from-literal=host=<host> --from-literal=password=<pw>`: the
 * password keys of the command (its line and `\`-continued lines) holding the host at `at`.
 */
export function fromLiteralPasswords(text: string, at: number, names?: RegExp): ValueSpan[] {
  let s = at;
  const lo = Math.max(0, at - 600);
  while (s > lo && !(text.charCodeAt(s - 1) === 10 && text.charCodeAt(s - 2) !== 92 && text.charCodeAt(s - 3) !== 92)) s--;
  const hi = Math.min(text.length, at + 1500);
  let e = at;
  while (e < hi && !(text.charCodeAt(e) === 10 && text.charCodeAt(e - 1) !== 92 && !(text.charCodeAt(e - 1) === 13 && text.charCodeAt(e - 2) === 92))) e++;
  const cmd = text.slice(s, e);
  if (!cmd.includes("--from-literal")) return [];
  const out: ValueSpan[] = [];
  FROM_LITERAL.lastIndex = 0;
  for (let m = FROM_LITERAL.exec(cmd); m !== null; m = FROM_LITERAL.exec(cmd)) {
    if (!(YAML_PASSWORD_KEY.test(m[1]!) || names?.test(m[1]!))) continue;
    const value = m[3] ?? m[4]!;
    const start = s + m.index + m[0].length - value.length - (m[3] !== undefined ? 1 : 0);
    out.push({ start, end: start + value.length, value, quoted: m[3] !== undefined });
  }
  return out;
}

export interface HostSecretSpec {
  /** Lower-case host suffixes with their leading dot. */
  readonly hosts: readonly string[];
  /** URL schemes whose user-info password counts (`postgres`, `postgresql`, `rediss`...). */
  readonly schemes: RegExp;
  /** Command-line flags that take the password. */
  readonly cliFlag?: RegExp;
  /** Environment variable names that hold the password (in .env / YAML lines near the host). */
  readonly envNames?: RegExp;
  /** Config-object member names that hold the password. */
  readonly memberNames?: RegExp;
  readonly minLength?: number;
}

export interface HostSecret extends ValueSpan {
  readonly host: string;
  readonly form: "url" | "keywords" | "config" | "command-line" | "env" | "yaml";
  readonly user?: string;
}

/** Every password tied to one of `spec.hosts` inside the window [from, to). */
export function findHostSecrets(text: string, from: number, to: number, spec: HostSecretSpec): HostSecret[] {
  const out: HostSecret[] = [];
  const seen = new Set<number>();
  const minLength = spec.minLength ?? 6;
  const push = (v: ValueSpan, host: string, form: HostSecret["form"], user?: string): void => {
    if (seen.has(v.start) || !isPlausiblePassword(v.value, minLength)) return;
    seen.add(v.start);
    out.push({ ...v, host, form, ...(user !== undefined ? { user } : {}) });
  };
  const lower = text.slice(from, to).toLowerCase();
  const fromLiteral = lower.includes("--from-literal");
  let envDone = false;
  for (const suffix of spec.hosts) {
    let lastAt = -MIN_HOST_GAP;
    let segEnd = -1;
    for (let i = lower.indexOf(suffix); i !== -1; i = lower.indexOf(suffix, i + suffix.length)) {
      const at = from + i;
      // Hosts packed closer than any two real settings can be add nothing: skipping them keeps
      // dense input linear.
      if (at - lastAt < MIN_HOST_GAP) continue;
      lastAt = at;
      const hs = hostStart(text, at);
      const host = hostAt(text, at, suffix);
      const url = urlCredentialBefore(text, hs);
      if (url && spec.schemes.test(url.scheme)) push(url.password, host, "url", url.user);
      // The rest looks at the whole literal / object / line: once per literal is enough.
      if (at < segEnd) continue;
      const seg = segmentAround(text, at, from, to);
      segEnd = seg.end;
      for (const v of passwordFields(text, seg.start, seg.end)) push(v, host, "keywords");
      if (isHostMemberValue(text, hs)) for (const v of passwordMembers(text, at, from, to, spec.memberNames)) push(v, host, "config");
      for (const v of yamlSiblingPasswords(text, at, spec.memberNames)) push(v, host, "yaml");
      if (fromLiteral) for (const v of fromLiteralPasswords(text, at, spec.envNames)) push(v, host, "command-line");
      if (spec.cliFlag) for (const v of cliPasswords(text, at, spec.cliFlag)) push(v, host, "command-line");
      if (spec.envNames && !envDone) {
        envDone = true;
        for (const v of envPasswords(text, Math.max(0, at - 400), Math.min(text.length, at + 400), spec.envNames)) push(v, host, "env");
      }
    }
  }
  return out;
}
