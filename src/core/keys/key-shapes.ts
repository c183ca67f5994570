/**
 * Shared helpers for detectors of keys without a fixed prefix (legacy 88- and 44-character base64
 * keys) and of Microsoft's identifiable keys: bounded shape matching, the text just before a value
 * (the name it is assigned to, the call it is passed to), and the contexts that make a base64 run
 * not a credential (integrity hashes, data URIs, lock files).
 */
import { connectionStringService, findConnectionString, type ConnectionString } from "./connection-string.js";
import { identifiableSeed, signatureOffset } from "./identifiable.js";
import type { Candidate, ServiceId } from "../types.js";
import { charClass, fixedRuns, type RunShape } from "../text/runs.js";
import { matchesInWindow } from "../text/window.js";

/** Exactly 64 bytes of standard base64 (86 characters + `==`), not part of a longer run. */
export const BASE64_64_BYTES = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=_-])/g;
/** Exactly 32 bytes of standard base64 (43 characters + `=`), not part of a longer run. */
export const BASE64_32_BYTES = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=_-])/g;

export interface Match {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** All matches of a global regex that start inside [from, to). The regex is reset first. */
export function matchesIn(re: RegExp, text: string, from: number, to: number): Match[] {
  const out: Match[] = [];
  for (const m of matchesInWindow(re, text, from, to)) out.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  return out;
}

const B64 = charClass("A-Za-z0-9+/");
const B64_BEFORE = charClass("A-Za-z0-9+/_-");
const B64_AFTER = charClass("A-Za-z0-9+/=_-");
const B64_64: RunShape = { run: B64, length: 86, tail: "==", before: B64_BEFORE, after: B64_AFTER };
const B64_32: RunShape = { run: B64, length: 43, tail: "=", before: B64_BEFORE, after: B64_AFTER };

/**
 * The matches of BASE64_64_BYTES (`bytes` 64) or BASE64_32_BYTES (`bytes` 32) that start inside
 * [from, to), found by a run-length scan (runs.ts) instead of the lookbehind regex.
 */
export function base64KeysIn(text: string, from: number, to: number, bytes: 32 | 64): Match[] {
  const shape = bytes === 64 ? B64_64 : B64_32;
  const size = shape.length + shape.tail!.length;
  return fixedRuns(text, from, to, shape).map((start) => {
    const end = start + size;
    return { start, end, value: text.slice(start, end) };
  });
}

/** A published emulator key and what to report with it. */
export interface EmulatorKey {
  readonly key: string;
  readonly note: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The 88-character base64 keys (64 bytes) in [from, to), for the account-key detectors (Storage,
 * Cosmos DB): the published emulator key is pushed to `out` at `info` with its note, wherever it
 * is; the other keys are returned for the detector to judge.
 */
export function accountKeysIn(text: string, from: number, to: number, emulator: EmulatorKey, out: Candidate[]): Match[] {
  const keys: Match[] = [];
  for (const m of base64KeysIn(text, from, to, 64)) {
    if (m.value === emulator.key) out.push({ start: m.start, end: m.end, severity: "info", note: emulator.note, fields: { ...emulator.fields } });
    else keys.push(m);
  }
  return keys;
}

/** The connection string around a key written right after `AccountKey=` (per `prefix`), and its service. */
export function accountKeyConnectionString(
  text: string,
  start: number,
  prefix: string,
): { readonly cs: ConnectionString; readonly service: ServiceId | undefined } | undefined {
  if (!/accountkey\s*=\s*$/.test(prefix)) return undefined;
  const cs = findConnectionString(text, start);
  return { cs, service: connectionStringService(cs) };
}

/** Does the value at [start, end) match `re` exactly there (anchored), with boundaries around it? */
export function shapeAt(text: string, start: number, re: RegExp): Match | undefined {
  re.lastIndex = start;
  const m = re.exec(text);
  return m && m.index === start ? { start, end: start + m[0].length, value: m[0] } : undefined;
}

/**
 * The text before `at` on the same line (at most `span` characters), lower-cased: what a value is
 * assigned to or passed to. For a value alone on its line (a YAML block, a wrapped argument list),
 * the previous line is included.
 */
export function prefixBefore(text: string, at: number, span = 160): string {
  const lo = Math.max(0, at - span);
  let s = at;
  while (s > lo && text.charCodeAt(s - 1) !== 10) s--;
  let prefix = text.slice(s, at);
  if (/^[\s"'`(,:=-]*$/.test(prefix) && s > lo) {
    let p = s - 1;
    if (p > lo && text.charCodeAt(p - 1) === 13) p--;
    let ps = p;
    while (ps > lo && text.charCodeAt(ps - 1) !== 10) ps--;
    prefix = `${text.slice(ps, p)} ${prefix}`;
  }
  return prefix.toLowerCase();
}

/** The text after `end` on the same line (at most `span` characters), lower-cased. */
export function suffixAfter(text: string, end: number, span = 80): string {
  const hi = Math.min(text.length, end + span);
  let e = end;
  while (e < hi && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return text.slice(end, e).toLowerCase();
}

const LOCK_FILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|packages\.lock\.json|composer\.lock|cargo\.lock|gemfile\.lock|poetry\.lock|pipfile\.lock|[^/]*\.lock)$/;

/** Lock files hold integrity hashes, never credentials. */
let lastPath: string | undefined;
let lastIsLock = false;
/** Asked once per detector window: the last path's answer is kept. */
export const isLockFile = (path: string): boolean => {
  if (path !== lastPath) {
    lastIsLock = LOCK_FILE.test(path);
    lastPath = path;
  }
  return lastIsLock;
};

/**
 * A base64 run that is a hash or embedded data rather than a key: `sha512-...` integrity values
 * (SRI, npm), `data:...;base64,` URIs, `integrity`/`hash`/`digest`/`checksum` fields.
 */
export function isHashOrData(prefix: string): boolean {
  return /(?:sha(?:1|256|384|512)-|base64,|(?:integrity|hash|digest|checksum|sha(?:1|256|384|512)|thumbprint|nonce)["'\]]?\s*[:=]\s*["']?)$/.test(prefix);
}

/**
 * The identifiable-key seed that validates the key at [start, start+len) when its signature (at the
 * HIS v1 position) is one of `signatures`; undefined otherwise.
 */
export function identifiableAt(value: string, signatures: readonly string[], seeds: readonly string[]): string | undefined {
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  const at = signatureOffset(value.length, padding);
  if (at < 0) return undefined;
  const sig = value.slice(at, at + 4);
  if (!signatures.includes(sig)) return undefined;
  return identifiableSeed(value, seeds);
}

/** Where an identifiable signature found by the prefilter at `sigAt` puts the key's start. */
export const keyStartForSignature = (sigAt: number, encodedLength: number, padding: number): number =>
  sigAt - signatureOffset(encodedLength, padding);

/** The whole identifier (letters, digits, `_`, `.`, `-`, `$`) that ends with the match at `index` in `s`. */
export function identifierAround(s: string, index: number, length: number): string {
  let i = index;
  while (i > 0 && /[A-Za-z0-9_.$-]/.test(s[i - 1]!) && index - i < 80) i--;
  return s.slice(i, index + length);
}

/**
 * Characters of an assignment between a name and its value: quotes, `=`, `:`, spaces, `=>`, ARM
 * `{ "value": `, or an XML `key="Name" value="` pair.
 */
export const ASSIGN_TAIL = String.raw`(?:["'\x60\]]?(?:\s*:\s*string|\s+string)?\s*(?::=|=>|==|\?\?|\|\||[:=]|\s)\s*(?:\{\s*["']?value["']?\s*:\s*)?["'\x60]?|["']\s+value\s*=\s*["'])$`;

/** A sticky copy of a pattern, to test a shape exactly at an offset (`lastIndex`) in linear time. */
export const sticky = (re: RegExp): RegExp => new RegExp(re.source, "y");
